/// Code frames for other front ends (`podgrade validate`).
public enum ReportFrames {
    public static func codeFrame(lines: [Substring], line: Int, column: Int, color: Bool) -> String? {
        CodeFrame.render(lines: lines, line: line, column: column, color: color)
    }
}
