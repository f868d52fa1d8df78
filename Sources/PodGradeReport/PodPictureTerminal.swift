public import PodGradeCore

/// A Pod picture for the terminal: each container on a line with its image, lifecycle,
/// process, ports and mounts; then the volumes, the file flows (`──▶`) and the
/// connections (`⇢ localhost:PORT`). Learner text has its control characters removed.
public enum PodPictureTerminal {
    public static func render(_ picture: PodPicture, lang: Lang, color: Bool = false) -> String {
        let style = Style(enabled: color)
        var out: [String] = [style.bold(plain(PodPictureText.title(picture)))]
        for c in picture.containers {
            var head = "  ■ " + style.bold(plain(c.name))
            if let image = c.image { head += "  " + plain(image) }
            let life = "[" + PodPictureText.lifecycle(c, lang) + "]"
            head += "  " + (PodPictureText.isProblem(c) ? style.red(life) : style.dim(life))
            out.append(head)
            if let process = c.process {
                out.append("      $ " + plain(process) + (c.fromImage ? style.dim("  (" + PodPictureText.imageCommand.text(lang) + ")") : ""))
            } else {
                out.append("      " + style.dim(PodPictureText.unknownCommand.text(lang)))
            }
            if !c.ports.isEmpty {
                out.append("      ⊙ " + c.ports.map { PodPictureText.port($0, lang) }.map(plain).joined(separator: ", "))
            }
            for v in picture.volumes {
                for m in v.mounts where m.container == c.name {
                    let mount = PodPictureText.mount(m, lang)
                    out.append("      ◆ " + plain(v.name) + (mount.isEmpty ? "" : " → " + plain(mount)))
                }
            }
        }
        if !picture.volumes.isEmpty {
            out.append("  " + PodPictureText.volumes.text(lang) + ":")
            for v in picture.volumes {
                var line = "    ◆ " + plain(v.name) + " (" + plain(v.type ?? PodPictureText.undeclared.text(lang)) + ")"
                let users = v.mounts.map(\.container).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                line += ": " + (users.isEmpty ? PodPictureText.notMounted.text(lang) : users.map(plain).joined(separator: ", "))
                out.append(line)
            }
        }
        if !picture.flows.isEmpty {
            out.append("  " + PodPictureText.files.text(lang) + ":")
            for f in picture.flows {
                out.append("    " + plain(f.writer) + " " + style.cyan("──▶") + " " + plain(f.reader) + "  " + style.dim(plain(f.volume + ":" + f.file)))
            }
        }
        if !picture.connections.isEmpty {
            out.append("  " + PodPictureText.connections.text(lang) + ":")
            for n in picture.connections {
                var line = "    " + plain(n.from) + " " + style.cyan("⇢") + " " + plain(PodPictureText.address(n))
                if let listener = n.listener { line += " → " + plain(listener) }
                if let note = PodPictureText.connectionNote(n, lang) {
                    let text = "(" + note + ")"
                    line += "  " + (n.hostKind == .loopback || n.hostKind == .podContainer ? style.red(text) : style.dim(text))
                }
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Learner text on one line, without the control characters a terminal would obey.
    static func plain(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || scalar == "\r" { out += " "; continue }
            if Escape.isControl(scalar) { out += "\u{FFFD}"; continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
