public import PodGradeCore

/// A Pod picture as a Mermaid `flowchart LR`: containers (`c0`...), volumes as cylinders
/// (`v0`...), addresses that reach no container (`h0`...); mounts as plain links, file
/// flows as thick arrows, connections as dotted arrows. Node ids are generated, so no
/// learner text can be a keyword; every label is quoted with Mermaid's entity codes for
/// the characters that could end it.
public enum PodPictureMermaid {
    /// The diagram (without the Markdown fence).
    public static func render(_ picture: PodPicture, lang: Lang) -> String {
        var out = ["flowchart LR"]
        var ids: [String: String] = [:]
        var ending: [String] = []
        for (i, c) in picture.containers.enumerated() {
            let id = "c\(i)"
            if ids[c.name] == nil { ids[c.name] = id }
            var lines = [c.name]
            if let image = c.image { lines.append(image) }
            lines.append(PodPictureText.lifecycle(c, lang))
            if !c.ports.isEmpty { lines.append(c.ports.map { PodPictureText.port($0, lang) }.joined(separator: ", ")) }
            out.append("    \(id)[\"" + lines.map(label).joined(separator: "<br/>") + "\"]")
            if PodPictureText.isProblem(c) { ending.append(id) }
        }
        var volumeIDs: [String: String] = [:]
        for (i, v) in picture.volumes.enumerated() {
            let id = "v\(i)"
            if volumeIDs[v.name] == nil { volumeIDs[v.name] = id }
            let type = v.type ?? PodPictureText.undeclared.text(lang)
            out.append("    \(id)[(\"" + label(v.name) + "<br/>" + label(type) + "\")]")
        }
        var edges: [String] = []
        var hosts: [String] = []
        for v in picture.volumes {
            guard let vid = volumeIDs[v.name] else { continue }
            for m in v.mounts {
                guard let cid = ids[m.container] else { continue }
                edges.append("    \(cid) ---" + edgeLabel(PodPictureText.mount(m, lang)) + " \(vid)")
            }
        }
        for f in picture.flows {
            guard let w = ids[f.writer], let r = ids[f.reader] else { continue }
            edges.append("    \(w) ==>" + edgeLabel(f.volume + ":" + f.file) + " \(r)")
        }
        var bad: [String] = []
        for n in picture.connections {
            guard let from = ids[n.from] else { continue }
            let address = PodPictureText.address(n)
            if let listener = n.listener, let to = ids[listener] {
                edges.append("    \(from) -.->" + edgeLabel(address) + " \(to)")
            } else {
                let id = "h\(hosts.count)"
                var text = label(address)
                if let note = PodPictureText.connectionNote(n, lang) { text += "<br/>" + label(note) }
                hosts.append("    \(id)([\"" + text + "\"])")
                edges.append("    \(from) -.-> \(id)")
                if n.hostKind == .podContainer || (n.hostKind == .loopback && n.port != nil) { bad.append(id) }
            }
        }
        out += hosts + edges
        if !ending.isEmpty || !bad.isEmpty {
            out.append("    classDef problem stroke:#d00,stroke-width:2px")
            out.append("    class " + (ending + bad).joined(separator: ",") + " problem")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The diagram in a Markdown ```` ```mermaid ```` fence.
    public static func markdown(_ picture: PodPicture, lang: Lang) -> String {
        "```mermaid\n" + render(picture, lang: lang) + "```\n"
    }

    /// A Markdown heading naming the object and its file, then the fenced diagram.
    public static func section(_ picture: PodPicture, lang: Lang) -> String {
        "#### " + MarkdownReporter.code(PodPictureText.title(picture)) + "\n\n" + markdown(picture, lang: lang)
    }

    /// `|"text"|` after a link's arrow; nothing for an empty text (a missing mountPath).
    static func edgeLabel(_ text: String) -> String {
        let escaped = label(text)
        return escaped.isEmpty ? "" : "|\"" + escaped + "\"|"
    }

    /// Text inside a quoted label: Mermaid entity codes for what could end the label or
    /// start markup; line breaks folded, control characters dropped.
    static func label(_ text: String) -> String {
        Escape.map(text) { scalar in
            switch scalar {
            case "\"": return .replace("#quot;")
            case "#": return .replace("#35;")
            case "&": return .replace("#amp;")
            case "<": return .replace("#lt;")
            case ">": return .replace("#gt;")
            case "`": return .replace("#96;")
            case "|": return .replace("#124;")
            case "\n", "\r", "\t": return .replace(" ")
            default: return Escape.isControl(scalar) ? .drop : .keep
            }
        }
    }
}
