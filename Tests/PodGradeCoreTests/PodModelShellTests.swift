import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// The shell reader and runner under the model: words, quotes, expansion, structure.
final class PodModelShellTests: XCTestCase {
    let here = Located("", path: "x", mark: Mark(line: 1, column: 1))

    func run(_ script: String, _ variables: [String: String] = [:]) -> (commands: [ScriptCommand], outcome: ScriptOutcome) {
        var runner = ShellRun(variables: variables, source: here)
        let outcome = runner.run(script)
        return (runner.commands, outcome)
    }

    func words(_ script: String, _ variables: [String: String] = [:]) -> [[String]] {
        run(script, variables).commands.map(\.words)
    }

    func testQuotesEscapesAndOperators() {
        XCTAssertEqual(words(#"echo 'a b' "c $X d" e\ f; ls -l && cat /x || true | wc -l"#, ["X": "1"]),
                       [["echo", "a b", "c 1 d", "e f"], ["ls", "-l"], ["cat", "/x"], ["true"], ["wc", "-l"]])
        XCTAssertEqual(words("a=1; b=${a}2; echo $b ${UNKNOWN} ${MISSING:-fallback} $((1+2))"),
                       [["echo", "12", "$UNKNOWN", "fallback", "$((1+2))"]])
        XCTAssertEqual(words("echo \"$(date) hi\" `hostname`"), [["date"], ["hostname"], ["echo", "$(date) hi", "$(hostname)"]])
    }

    func testLoopsIfCaseSubshellsAndHereDocuments() {
        let script = """
        while true; do
          if [ -f /a ]; then cat /a; elif [ -f /b ]; then cat /b; else echo none; fi
          case "$1" in start) echo go ;; *) echo no ;; esac
          ( cd /tmp && touch x )
          for f in /c /d; do head -n 1 $f; done
        done > /out.log
        cat <<EOF > /etc/conf
        line $HOME
        EOF
        """
        let (commands, outcome) = run(script, ["HOME": "/root"])
        XCTAssertEqual(commands.map(\.words), [
            [], ["true"], ["[", "-f", "/a", "]"], ["cat", "/a"], ["[", "-f", "/b", "]"], ["cat", "/b"], ["echo", "none"],
            ["echo", "go"], ["echo", "no"], ["cd", "/tmp"], ["touch", "x"], ["head", "-n", "1", "$f"], ["cat"],
        ])
        XCTAssertEqual(commands[0].output, .file("/out.log"))
        XCTAssertEqual(commands[3].output, .file("/out.log"))
        XCTAssertEqual(commands[10].directory, "/tmp")
        XCTAssertEqual(commands.last?.input, .text("line $HOME\n"), "here-document bodies are kept as written")
        XCTAssertEqual(commands.last?.output, .file("/etc/conf"))
        XCTAssertEqual(outcome, .blocks(.endlessLoop))
    }

    func testPipelinesAndBackgroundJobs() {
        let (commands, outcome) = run("tail -F /x | while read line; do echo \"got $line\"; done")
        XCTAssertEqual(commands.map(\.output), [.pipe, .stdout, .stdout])
        XCTAssertEqual(commands.map(\.input), [.none, .pipe, .pipe])
        XCTAssertEqual(outcome, .blocks(.follows(path: "/x")))
        XCTAssertEqual(run("while true; do date; sleep 5; done & exec /bin/node_exporter --x").outcome, .blocks(.server(program: "node_exporter")))
        XCTAssertEqual(run("sleep infinity & echo started").outcome, .finishes(.finishes))
        XCTAssertEqual(run("sleep infinity & echo started; wait").outcome, .blocks(.sleepsForever))
    }

    func testNestedShellsAndKubernetesExpansion() {
        XCTAssertEqual(words("su -p -s /bin/bash -c \"mysql -u root -h $H\" vitess", ["H": "127.0.0.1"]),
                       [["mysql", "-u", "root", "-h", "127.0.0.1"]])
        XCTAssertEqual(words("exec busybox nohup env A=1 sh -c 'nc -l -p 80'"), [["nc", "-l", "-p", "80"]])
        XCTAssertEqual(ContainerBuilder.kubernetesExpand("$(A):$(B) $$(A) $$HOME $(C", ["A": "x", "B": "1"]), "x:1 $(A) $HOME $(C")
    }

    func testBashArraysDoubleBracketsAndComments() {
        XCTAssertEqual(words("A=(x y) # comment\n[[ `hostname` =~ -([0-9]+)$ ]] || exit 1\nB+=(z)"),
                       [["hostname"], ["[[", "$(hostname)", "=~", "-([0-9]+)$", "]]"], ["exit", "1"]])
    }

    func testLinesOfCommands() throws {
        let (commands, _) = run("a\nb; c \"x\ny\"\n\nwhile true; do\n  d $(e)\ndone > /x\nsh -c 'f; g'")
        XCTAssertEqual(commands.map { "\($0.words.first ?? "-")@\($0.line)" }, ["a@0", "b@1", "c@1", "-@6", "true@4", "e@5", "d@5", "f@7", "g@7"])
        let m = try podModel("""
          containers:
          - name: adapter
            image: busybox
            command: [sh, -c]
            args:
            - |
              mkdir -p /www
              while true; do
                grep -q OK /data/status.log && echo up > /www/metrics
                sleep 5
              done
            volumeMounts: [{name: d, mountPath: /data}]
          volumes: [{name: d, emptyDir: {}}]
        """)
        let read = try XCTUnwrap(m.readersOfUnwrittenFiles.first)
        XCTAssertEqual(read.scriptLine, 2)
        XCTAssertEqual(read.source.mark.line + 1 + (read.scriptLine ?? 0), 13, "the file line of `grep`")
    }

    func testHostileScriptsTerminate() {
        for script in ["((((((((((", "))))", "while", "do done fi esac }", "case x in", "cat <<EOF", "'unterminated", "\"a $(b",
                       "${", "`", "echo $(((", String(repeating: "(", count: 5_000), String(repeating: "$(", count: 3_000),
                       String(repeating: "while true; do ", count: 500), "a | | b && && c ;; ;"] {
            _ = run(script)
        }
    }
}

/// Every prefix of every real script (corpus and solutions) reads without a crash or a hang.
final class PodModelTruncationTests: XCTestCase {
    func testEveryPrefixOfRealScripts() throws {
        var scripts: [String] = []
        let texts = try WorkTreeReader.read(root: corpusRoot).files.compactMap { file -> String? in
            guard case .bytes(let bytes) = file.content else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        } + Lab.bundledSolutions.values.map { String(decoding: $0, as: UTF8.self) }
        for text in texts {
            for m in podModels(text) { scripts += m.containers.compactMap(\.process.script) }
        }
        XCTAssertGreaterThan(scripts.count, 20)
        let here = Located("", path: "x", mark: Mark(line: 1, column: 1))
        var commands = 0
        for script in scripts {
            let scalars = Array(script.unicodeScalars)
            for end in stride(from: 0, through: scalars.count, by: max(1, scalars.count / 50)) {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<end])
                var runner = ShellRun(variables: [:], source: here)
                _ = runner.run(String(prefix))
                commands += runner.commands.count
            }
        }
        XCTAssertGreaterThan(commands, 0)
    }
}

/// Random scripts from shell-significant characters (PODGRADE_MODEL_FUZZ=ITERATIONS to run;
/// deterministic seed). A crash or a hang fails.
final class PodModelRandomScriptTests: XCTestCase {
    func testRandomScripts() {
        guard let iterations = ProcessInfo.processInfo.environment["PODGRADE_MODEL_FUZZ"].flatMap(Int.init) else { return }
        let alphabet: [String] = ["a", "b", " ", "\n", ";", "&", "|", "(", ")", "{", "}", "<", ">", "<<", "EOF", "'", "\"", "\\", "$",
                                  "$(", "${", "`", "#", "=", "-c", "sh", "while", "do", "done", "if", "then", "fi", "case", "in", ";;",
                                  "esac", "for", "[[", "]]", "nc", "-l", "8080", "localhost:80", "http://x/", "tail", "-f", "/d/x",
                                  "sleep", "infinity", "exec", "su", "envoy", "--config-yaml", "socket_address", "2>&1", "\t", "é"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(alphabet.count))
        }
        let here = Located("", path: "x", mark: Mark(line: 1, column: 1))
        for _ in 0..<iterations {
            var script = ""
            for _ in 0..<(next() % 40) { script += alphabet[next()] }
            var runner = ShellRun(variables: ["X": "1"], source: here)
            _ = runner.run(script)
        }
    }

    func testRandomContainers() throws {
        guard let iterations = ProcessInfo.processInfo.environment["PODGRADE_MODEL_FUZZ"].flatMap(Int.init) else { return }
        let words: [String] = ["sh", "-c", "nc", "-lk", "-p", "80", "localhost", "$(A)", "$$", "$(B", "http://[::1]:9/", "envoy",
                               "--config-yaml", "{static_resources: {listeners: [{address: {socket_address: {port_value: 1}}}]}}",
                               "socat", "TCP-LISTEN:1,fork", "tcp:h:2", "redis-cli", "-h", "-u", "redis://", "cp", "a", "/d/",
                               "tail -F /d/x | while read l; do echo $l; done", "sleep", "1e400", "inf", "-1", "nan", "999999999999",
                               "python3", "-m", "http.server", "httpd", "-f", "wget", "-O", "curl", "-o", ":", "a:b:c", "[", "]:1"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        func json(_ s: String) -> String {
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        }
        let images = ["busybox", "nginx", "envoyproxy/envoy", "alpine/socat", "prom/node-exporter", "unknown/x", "fluentd"]
        for _ in 0..<iterations {
            var containers: [String] = []
            for k in 0..<(1 + next(3)) {
                let argv = (0..<next(7)).map { _ in json(words[next(words.count)]) }.joined(separator: ",")
                let args = (0..<next(3)).map { _ in json(words[next(words.count)]) }.joined(separator: ",")
                let env = (0..<next(3)).map { _ in "{\"name\": \"\(["A", "B", "X_HOST", "X_PORT"][next(4)])\", \"value\": \(json(words[next(words.count)]))}" }
                    .joined(separator: ",")
                let command = next(3) == 0 ? "" : "\"command\": [\(argv)],"
                containers.append("{\"name\": \"c\(k)\", \"image\": \"\(images[next(images.count)])\", \(command) \"args\": [\(args)], \"env\": [\(env)], "
                                  + "\"ports\": [{\"containerPort\": \(next(3))}], \"volumeMounts\": [{\"name\": \"d\", \"mountPath\": \"/d\", \"subPath\": \"s\"}]}")
            }
            let manifest = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [\(containers.joined(separator: ","))], \"volumes\": [{\"name\": \"d\", \"emptyDir\": {}}]}}"
            let models = podModels(manifest)
            XCTAssertEqual(models.count, 1, manifest)
            if models.count != 1 { return }
        }
    }
}
