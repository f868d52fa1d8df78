import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// Listeners and connections, with hosts classified.
final class PodModelNetworkTests: XCTestCase {
    func testListenersFromPortsProgramsAndImages() throws {
        let m = try podModel("""
          containers:
          - {name: a, image: busybox, command: [sh, -c, 'httpd -f -p 8080 -h /www']}
          - {name: b, image: busybox, command: [sh, -c, 'nc -lk 9000 -e cat & nc -l -p 7000; nc -lp 7001']}
          - {name: c, image: python:3.12, command: [python3, -m, http.server, "8000", --bind, 127.0.0.1]}
          - {name: d, image: alpine/socat, args: ["TCP-LISTEN:5432,fork", "TCP:db.example.com:5432"]}
          - {name: e, image: redis:7, args: [--port, "6380"], ports: [{containerPort: 6380}]}
          - {name: f, image: gcr.io/cadvisor/cadvisor}
          - {name: g, image: envoyproxy/envoy:v1.31-latest}
          - {name: h, image: busybox, command: [sh, -c, 'PORT=8088; exec httpd -f -p "0.0.0.0:$PORT"']}
        """)
        XCTAssertEqual(m.listeners.map { "\($0.container):\($0.port)\($0.address.map { "@" + $0 } ?? "") \($0.via)" }, [
            "a:8080 program(\"httpd\")",
            "b:9000 program(\"nc\")", "b:7000 program(\"nc\")", "b:7001 program(\"nc\")",
            "c:8000@127.0.0.1 program(\"python3\")",
            "d:5432 program(\"socat\")",
            "e:6380 declared", "e:6380 program(\"redis-server\")",
            "f:8080 program(\"cadvisor\")",
            "g:10000 image(\"envoy\")", "g:9901 image(\"envoy\")",
            "h:8088@0.0.0.0 program(\"httpd\")",
        ])
        XCTAssertEqual(m.listeners(port: 5432).map(\.container), ["d"])
        XCTAssertEqual(m.listenedPorts, [5432, 6380, 7000, 7001, 8000, 8080, 8088, 9000, 9901, 10000])
    }

    func testConnectionsAndHostKinds() throws {
        let m = try podModel("""
          containers:
          - name: web
            image: nginx
            ports: [{containerPort: 80}]
          - name: client
            image: busybox
            env:
            - {name: API_URL, value: "https://api.example.com/v1"}
            - {name: CACHE_HOST, value: "127.0.0.1"}
            - {name: CACHE_PORT, value: "11211"}
            - {name: TARGET, value: "web"}
            command: [sh, -c]
            args:
            - |
              wget -qO- http://localhost/ ; curl [::1]:9090/metrics
              telnet backend.shop.svc.cluster.local 8080
              redis-cli -h redis -p 6380 ping
              redis-cli ping
              nc 0.0.0.0 80 < /dev/null
              nc $TARGET 80
              curl http://$SECRET_HOST:8080/
              mysql -h db.shop -e 'select 1'
              /app/run --host orders.shop.svc --port 7000
        """)
        XCTAssertEqual(m.connections(from: "client").map { "\($0.host):\($0.port.map(String.init) ?? "?") \($0.hostKind) \($0.via) \($0.listeners.map(\.container))" }, [
            "localhost:80 loopback wget [\"web\", \"web\"]",
            "::1:9090 loopback curl []",
            "backend.shop.svc.cluster.local:8080 service telnet []",
            "redis:6380 service redis-cli []",
            "127.0.0.1:6379 loopback redis-cli []",
            "0.0.0.0:80 loopback nc [\"web\", \"web\"]",
            "web:80 podContainer(\"web\") nc []",
            "$SECRET_HOST:8080 symbolic curl []",
            "db.shop:3306 service mysql []",
            "orders.shop.svc:7000 service run []",
            "api.example.com:443 other env []",
            "127.0.0.1:11211 loopback env []",
        ])
        XCTAssertEqual(m.connections(from: "client").last?.text, "CACHE_HOST=127.0.0.1 CACHE_PORT=11211")
        XCTAssertEqual(m.connections(from: "client").last?.source.path, "spec.containers[1].env[1].value")
    }

    func testHostClassification() {
        let names: Set<String> = ["web", "app"]
        let cases: [(String, HostKind)] = [
            ("localhost", .loopback), ("LOCALHOST", .loopback), ("127.0.0.1", .loopback), ("127.1.2.3", .loopback), ("::1", .loopback),
            ("[::1]", .loopback), ("0.0.0.0", .loopback), ("web", .podContainer("web")), ("db", .service), ("db.prod", .service),
            ("db.prod.svc", .service), ("db.prod.svc.cluster.local", .service), ("example.com", .other), ("10.0.0.5", .other),
            ("db.example.org", .other), ("$HOST", .symbolic),
        ]
        for (host, kind) in cases { XCTAssertEqual(PodModel.classify(host, containerNames: names), kind, host) }
    }

    func testEnvoyConfigFromEnvironmentAndFromAFileTheScriptWrites() throws {
        let m = try podModel("""
          containers:
          - name: proxy-env
            image: envoyproxy/envoy:v1.31-latest
            env:
            - name: CONFIG
              value: |
                {"static_resources": {"listeners": [{"address": {"socket_address": {"address": "0.0.0.0", "port_value": 15432}}}],
                 "clusters": [{"load_assignment": {"endpoints": [{"lb_endpoints": [{"endpoint": {"address": {"socket_address": {"address": "pg.db", "port_value": 5432}}}}]}]}}]}}
            args: [--config-yaml, $(CONFIG)]
          - name: proxy-file
            image: envoyproxy/envoy:v1.31-latest
            command: [sh, -c]
            args:
            - |
              cat > /tmp/envoy.yaml <<EOF
              admin:
                address:
                  socket_address: {address: 127.0.0.1, port_value: 9902}
              static_resources:
                listeners:
                - address:
                    socket_address: {address: 127.0.0.1, port_value: 6000}
              EOF
              exec envoy -c /tmp/envoy.yaml
        """)
        XCTAssertEqual(m.listeners.map { "\($0.container):\($0.port) \($0.via)" }, ["proxy-env:15432 envoy", "proxy-file:9902 envoy", "proxy-file:6000 envoy"])
        XCTAssertEqual(m.connections.map { "\($0.container) \($0.host):\($0.port ?? 0) \($0.hostKind)" }, ["proxy-env pg.db:5432 service"])
        XCTAssertEqual(m.containers.map(\.lifecycle), [.keepsRunning(.server(program: "envoy")), .keepsRunning(.server(program: "envoy"))])
    }

    /// The configuration is read as a stream of events: a `socket_address` counts under
    /// `listeners`/`admin` or `clusters` only, its own nested blocks are skipped, and a
    /// document that ends in a syntax error gives nothing.
    func testEnvoyConfigurationAddresses() {
        let config = """
        admin: {address: {socket_address: {address: 0.0.0.0, port_value: 9901}}}
        node: {socket_address: {address: 10.0.0.1, port_value: 1}}
        static_resources:
          listeners:
          - address:
              socket_address: {address: 127.0.0.1, port_value: 6379, extra: {port_value: 1}}
          clusters:
          - load_assignment:
              endpoints:
              - lb_endpoints:
                - endpoint: {address: {socket_address: {port_value: 6380, address: redis.db}}}
        """
        XCTAssertEqual(EnvoyConfig.addresses(in: config).map { "\($0.isListener ? "listen" : "connect") \($0.host):\($0.port ?? 0)" },
                       ["listen 0.0.0.0:9901", "listen 127.0.0.1:6379", "connect redis.db:6380"])
        XCTAssertEqual(EnvoyConfig.addresses(in: "listeners: [{socket_address: {address: a, port_value: 1}}\n---\nclusters: [{socket_address: {port_value: 2"), [])
        XCTAssertEqual(EnvoyConfig.addresses(in: "listeners: [{socket_address: {address: a, port_value: 1}}]\n---\nclusters: [{socket_address: {port_value: 2").map(\.port),
                       [1])
    }

    func testKubernetesVariablesInArguments() throws {
        let m = try podModel("""
          containers:
          - name: client
            image: busybox
            env:
            - {name: UPSTREAM, value: "localhost:8080"}
            - {name: URL, value: "http://$(UPSTREAM)/api"}
            command: [wget, -qO-, $(URL)]
          - {name: server, image: busybox, command: [httpd, -f, -p, "8080"]}
        """)
        XCTAssertEqual(m.container("client")?.process.argv, ["wget", "-qO-", "http://localhost:8080/api"])
        XCTAssertEqual(m.connections(from: "client").map { "\($0.host):\($0.port ?? 0) \($0.source.path) \($0.listeners.map(\.container))" },
                       ["localhost:8080 spec.containers[0].command[2] [\"server\"]"])
    }
}
