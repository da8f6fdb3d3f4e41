/// A deploy record's `files` as `JSONEncoder` writes them with sorted keys and unescaped
/// slashes: `"files":[{"message":"…","path":"…","status":"…"},…]`, `message` left out when
/// nil. `DeployRecordFormatTests` holds it to `JSONEncoder`'s bytes.
enum FileResultsJSON {
    static let emptyKey = Array(#""files":[]"#.utf8)

    static func append(_ files: [DeployRecord.File], to line: inout [UInt8]) {
        line += #""files":["#.utf8
        for (index, file) in files.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            line.append(UInt8(ascii: "{"))
            if let message = file.message {
                line += #""message":"#.utf8
                appendString(message, to: &line)
                line.append(UInt8(ascii: ","))
            }
            line += #""path":"#.utf8
            appendString(file.path, to: &line)
            line += #","status":"#.utf8
            appendString(file.status, to: &line)
            line.append(UInt8(ascii: "}"))
        }
        line.append(UInt8(ascii: "]"))
    }

    /// A JSON string: quote and backslash escaped, the control characters as \b \f \n \r \t
    /// or \u00XX, everything else (slashes, non-ASCII) as it is.
    static func appendString(_ text: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line += #"\""#.utf8
            case UInt8(ascii: "\\"): line += #"\\"#.utf8
            case 0x08: line += #"\b"#.utf8
            case 0x0c: line += #"\f"#.utf8
            case 0x0a: line += #"\n"#.utf8
            case 0x0d: line += #"\r"#.utf8
            case 0x09: line += #"\t"#.utf8
            case 0x00..<0x20:
                line += #"\u00"#.utf8
                line.append(hexDigits[Int(byte >> 4)])
                line.append(hexDigits[Int(byte & 0x0f)])
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
