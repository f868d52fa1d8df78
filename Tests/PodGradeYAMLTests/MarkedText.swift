import PodGradeYAML

/// A test text with `⟨` before each spot of interest: the markers are removed
/// and their positions (1-based line, column in characters) become `marks`.
/// A CR LF pair or a lone LF ends a line, as libyaml counts them.
struct Marked {
    let text: String
    let marks: [Mark]

    init(_ source: String) {
        var text = String.UnicodeScalarView()
        var marks: [Mark] = []
        var line = 1, column = 1
        var previousCR = false
        for scalar in source.unicodeScalars {
            if scalar == "⟨" { marks.append(Mark(line: line, column: column)); continue }
            if scalar == "⟩" { continue }
            text.append(scalar)
            if scalar == "\n" {
                if !previousCR { line += 1 }
                column = 1
            } else if scalar == "\r" {
                line += 1; column = 1
            } else if scalar != "\u{FEFF}" {
                column += 1
            }
            previousCR = scalar == "\r"
        }
        self.text = String(text)
        self.marks = marks
    }

    var mark: Mark { marks.first ?? Mark(line: 0, column: 0) }
    subscript(i: Int) -> Mark { i < marks.count ? marks[i] : Mark(line: 0, column: 0) }
}
