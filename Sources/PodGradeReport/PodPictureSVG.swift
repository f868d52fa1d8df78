public import PodGradeCore

/// A Pod picture as a self-contained inline SVG (no script, no external reference): the
/// containers in a row on top, the volumes and the addresses that reach no container in a
/// row below; mounts as lines (dashed when read-only), file flows as arrows arching above
/// the containers, connections as dotted arrows between the rows. Every text is escaped;
/// long texts are shortened, the full process is the box's `<title>` (a tooltip).
public enum PodPictureSVG {
    static let boxWidth = 210
    static let gap = 40
    static let margin = 20
    static let containerTop = 90
    static let containerHeight = 66
    static let lowerTop = 250
    static let lowerHeight = 46
    static let chars = 30

    /// The arrowhead every arrow points with (`url(#pp-arrow)`). A standalone picture defines it;
    /// an HTML page with several inline pictures defines it once (`pageDefinitions`), since an
    /// id must be unique in a page.
    static let arrowDefinition = "<defs><marker id=\"pp-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>"

    /// What an HTML page holding `inline` pictures defines once, before the first of them.
    public static let pageDefinitions = "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">" + arrowDefinition + "</svg>"

    /// `inline`: for an HTML page, where the SVG namespace is implied (no URL in the page) and
    /// the page defines the arrowhead once (`pageDefinitions`).
    public static func render(_ picture: PodPicture, lang: Lang, inline: Bool = false) -> String {
        var hosts: [(text: String, note: String?, bad: Bool)] = []
        var hostOf: [Int: Int] = [:]
        var containerIndex: [String: Int] = [:]
        for (i, c) in picture.containers.enumerated() where containerIndex[c.name] == nil { containerIndex[c.name] = i }
        for (i, n) in picture.connections.enumerated() where n.listener.flatMap({ containerIndex[$0] }) == nil {
            hostOf[i] = hosts.count
            hosts.append((PodPictureText.address(n), PodPictureText.connectionNote(n, lang),
                          n.hostKind == .podContainer || (n.hostKind == .loopback && n.port != nil)))
        }
        let columns = max(picture.containers.count, picture.volumes.count + hosts.count, 1)
        let width = margin * 2 + columns * boxWidth + (columns - 1) * gap
        let height = lowerTop + lowerHeight + margin
        func x(_ column: Int) -> Int { margin + column * (boxWidth + gap) }

        var out: [String] = []
        out.append("<svg" + (inline ? "" : " xmlns=\"http://www.w3.org/2000/svg\"") + " class=\"pod-picture\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"" + Escape.xml(PodPictureText.title(picture)) + "\" font-family=\"sans-serif\" font-size=\"12\">")
        if !inline { out.append(arrowDefinition) }
        out.append("<text x=\"\(margin)\" y=\"24\" font-size=\"14\" font-weight=\"bold\">" + Escape.xml(short(PodPictureText.title(picture), (width - 2 * margin) / 8)) + "</text>")

        // Mounts first, so boxes draw over their ends.
        for (vi, v) in picture.volumes.enumerated() {
            let vx = x(vi) + boxWidth / 2
            for (mi, m) in v.mounts.enumerated() {
                guard let ci = containerIndex[m.container] else { continue }
                let cx = x(ci) + boxWidth / 2
                let dash = m.readOnly ? " stroke-dasharray=\"6 3\"" : ""
                out.append("<line x1=\"\(cx)\" y1=\"\(containerTop + containerHeight)\" x2=\"\(vx)\" y2=\"\(lowerTop)\" stroke=\"#777\"\(dash)/>")
                // Near the volume, below the connections' curves; every other one a line lower.
                let lx = cx + (vx - cx) * 7 / 10, ly = containerTop + containerHeight + (lowerTop - containerTop - containerHeight) * 7 / 10 + (mi % 2) * 12
                out.append("<text x=\"\(lx)\" y=\"\(ly)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">" + Escape.xml(short(PodPictureText.mount(m, lang), chars)) + "</text>")
            }
        }
        // Connections.
        for (i, n) in picture.connections.enumerated() {
            guard let from = containerIndex[n.from] else { continue }
            let fx = x(from) + boxWidth / 2 + 30, fy = containerTop + containerHeight
            let address = Escape.xml(short(PodPictureText.address(n), chars))
            if let listener = n.listener, let to = containerIndex[listener] {
                let tx = x(to) + boxWidth / 2 + 30
                let bend = fy + 60
                out.append("<path d=\"M\(fx),\(fy) C\(fx),\(bend) \(tx),\(bend) \(tx),\(fy + 2)\" fill=\"none\" stroke=\"#06c\" stroke-dasharray=\"3 3\" marker-end=\"url(#pp-arrow)\"/>")
                out.append("<text x=\"\((fx + tx) / 2)\" y=\"\(bend - 8)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#06c\">" + address + "</text>")
            } else if let h = hostOf[i] {
                let hx = x(picture.volumes.count + h) + boxWidth / 2
                out.append("<line x1=\"\(fx)\" y1=\"\(fy)\" x2=\"\(hx)\" y2=\"\(lowerTop - 2)\" stroke=\"#06c\" stroke-dasharray=\"3 3\" marker-end=\"url(#pp-arrow)\"/>")
            }
        }
        // File flows, arching above the containers.
        for f in picture.flows {
            guard let w = containerIndex[f.writer], let r = containerIndex[f.reader] else { continue }
            let wx = x(w) + boxWidth / 2 - 20, rx = x(r) + boxWidth / 2 + 20
            out.append("<path d=\"M\(wx),\(containerTop) C\(wx),\(containerTop - 45) \(rx),\(containerTop - 45) \(rx),\(containerTop - 2)\" fill=\"none\" stroke=\"#080\" stroke-width=\"2\" marker-end=\"url(#pp-arrow)\"/>")
            out.append("<text x=\"\((wx + rx) / 2)\" y=\"\(containerTop - 38)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#080\">" + Escape.xml(short(f.volume + ":" + f.file, chars)) + "</text>")
        }
        // Containers.
        for (i, c) in picture.containers.enumerated() {
            let bad = PodPictureText.isProblem(c)
            out.append("<g class=\"pp-container\">")
            if let process = c.process { out.append("<title>" + Escape.xml(process) + "</title>") }
            out.append("<rect x=\"\(x(i))\" y=\"\(containerTop)\" width=\"\(boxWidth)\" height=\"\(containerHeight)\" rx=\"6\" fill=\"#f4f8ff\" stroke=\"" + (bad ? "#d00" : "#333") + "\"" + (c.kind == .initContainer ? " stroke-dasharray=\"5 3\"" : "") + "/>")
            out.append("<text x=\"\(x(i) + 8)\" y=\"\(containerTop + 17)\" font-weight=\"bold\">" + Escape.xml(short(c.name, chars)) + "</text>")
            out.append("<text x=\"\(x(i) + 8)\" y=\"\(containerTop + 33)\" fill=\"#555\">" + Escape.xml(short(c.image ?? "", chars)) + "</text>")
            out.append("<text x=\"\(x(i) + 8)\" y=\"\(containerTop + 48)\" font-size=\"11\"" + (bad ? " fill=\"#d00\"" : "") + ">" + Escape.xml(short(PodPictureText.lifecycle(c, lang), 36)) + "</text>")
            if !c.ports.isEmpty {
                out.append("<text x=\"\(x(i) + 8)\" y=\"\(containerTop + 61)\" font-size=\"11\">⊙ " + Escape.xml(short(c.ports.map { PodPictureText.port($0, lang) }.joined(separator: ", "), 34)) + "</text>")
            }
            out.append("</g>")
        }
        // Volumes and addresses.
        for (i, v) in picture.volumes.enumerated() {
            out.append("<g class=\"pp-volume\">")
            out.append("<rect x=\"\(x(i))\" y=\"\(lowerTop)\" width=\"\(boxWidth)\" height=\"\(lowerHeight)\" rx=\"18\" fill=\"#fff8e6\" stroke=\"#a70\"/>")
            out.append("<text x=\"\(x(i) + boxWidth / 2)\" y=\"\(lowerTop + 19)\" text-anchor=\"middle\" font-weight=\"bold\">" + Escape.xml(short(v.name, chars)) + "</text>")
            out.append("<text x=\"\(x(i) + boxWidth / 2)\" y=\"\(lowerTop + 35)\" text-anchor=\"middle\" fill=\"#555\">" + Escape.xml(short(v.type ?? PodPictureText.undeclared.text(lang), chars)) + "</text>")
            out.append("</g>")
        }
        for (h, host) in hosts.enumerated() {
            let hx = x(picture.volumes.count + h)
            out.append("<g class=\"pp-address\">")
            out.append("<rect x=\"\(hx)\" y=\"\(lowerTop)\" width=\"\(boxWidth)\" height=\"\(lowerHeight)\" fill=\"#fff\" stroke=\"" + (host.bad ? "#d00" : "#06c") + "\" stroke-dasharray=\"3 3\"/>")
            out.append("<text x=\"\(hx + boxWidth / 2)\" y=\"\(lowerTop + 19)\" text-anchor=\"middle\">" + Escape.xml(short(host.text, chars)) + "</text>")
            if let note = host.note {
                out.append("<text x=\"\(hx + boxWidth / 2)\" y=\"\(lowerTop + 35)\" text-anchor=\"middle\" font-size=\"10\"" + (host.bad ? " fill=\"#d00\"" : "") + ">" + Escape.xml(short(note, 36)) + "</text>")
            }
            out.append("</g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// At most `limit` characters, an ellipsis marking a cut.
    static func short(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
