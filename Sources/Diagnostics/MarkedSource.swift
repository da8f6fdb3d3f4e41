/// Test support that ships with the module so every checker's tests can use it:
/// error positions are marked in the input instead of hand-counted.
///
/// Write `⟨1⟩` (any number) where a diagnostic is expected; `MarkedSource` removes
/// the markers and remembers the 1-based line and column of each.
///
///     let src = MarkedSource("http_access allow ⟨1⟩nosuchacl\n")
///     src.text            // "http_access allow nosuchacl\n"
///     src.location(1)     // line 1, column 19
public struct MarkedSource: Sendable {
    public let text: String
    public let markers: [Int: (line: Int, column: Int)]

    public init(_ marked: String) {
        var text = ""
        var markers: [Int: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        var index = marked.startIndex
        while index < marked.endIndex {
            let char = marked[index]
            if char == "⟨", let close = marked[index...].firstIndex(of: "⟩"),
               let number = Int(marked[marked.index(after: index)..<close]) {
                markers[number] = (line, column)
                index = marked.index(after: close)
                continue
            }
            text.append(char)
            if char == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = marked.index(after: index)
        }
        self.text = text
        self.markers = markers
    }

    /// The location of marker `number` in `path`; line 0 if the marker is missing,
    /// so a test comparing locations fails instead of crashing.
    public func location(_ number: Int, path: String) -> SourceLocation {
        guard let mark = markers[number] else { return SourceLocation(path: path, line: 0) }
        return SourceLocation(path: path, line: mark.line, column: mark.column)
    }
}
