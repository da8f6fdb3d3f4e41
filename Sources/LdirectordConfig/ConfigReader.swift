/// Walks the lines the way ldirectord's `read_config` does: global directives, and
/// `virtual=` lines that open a block of indented lines.
struct ConfigReader {
    let lines: [LineText]
    var reporter: Reporter

    /// Global settings later checks depend on.
    var fork = "no"
    var supervised = "no"
    /// Virtual services by identity, for duplicates: where each was defined, and its
    /// port or mark as ldirectord's own identity string spells it.
    var virtualsSeen: [VirtualKey: (value: Span, text: String)] = [:]
    /// `checkinterval=` lines inside blocks: ldirectord ignores them unless `fork=yes`.
    var blockCheckIntervals: [Span] = []
    /// How the last block ended, to explain indented lines that follow it.
    var lastBlockEnd: BlockEnd?

    init(lines: [LineText], reporter: Reporter) {
        self.lines = lines
        self.reporter = reporter
    }

    /// Why a virtual block ended.
    struct BlockEnd {
        let header: Span
        /// The blank (or too little indented) line that ended it.
        let line: LineText
        let blank: Bool
    }

    mutating func read() {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let header = VirtualHeader(line) {
                index = readVirtual(header, at: index)
                continue     // ldirectord's `goto outer_loop`: the line that ended the block
            }
            index += 1
            if !line.all.hasNonSpace || line.all.dropping(while: .space).bytes.first == UInt8(ascii: "#") {
                continue
            }
            readGlobal(line)
            if line.bytes.first.map({ !ByteClass.space.contains($0) }) ?? false {
                lastBlockEnd = nil     // a directive in column 1: the block is behind us
            }
        }
        finish()
    }

    /// ldirectord's checks after the last line.
    private mutating func finish() {
        if fork == "no" {
            for line in blockCheckIntervals {
                reporter.warning("checkinterval in a virtual service is ignored unless fork=yes", at: line)
            }
        }
    }
}
