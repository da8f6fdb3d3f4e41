import Diagnostics

/// The directive being checked: its line, name and the words after the name.
struct DirectiveLine {
    let path: String
    let line: LogicalLine
    let name: String
    let spec: DirectiveSpec
    var words: Tokenizer

    func location(_ token: Token?) -> SourceLocation {
        SourceLocation(path: path, line: line.line, column: line.column(at: token?.offset ?? 0))
    }

    /// The location just after the last word, for "missing value" problems.
    var endLocation: SourceLocation {
        SourceLocation(path: path, line: line.line, column: line.column(at: line.text.count))
    }
}

/// Walks squid.conf as squid 5.7 does (includes, if/else/endif, macros) and checks each directive.
struct ConfigWalker {
    let files: SquidFileLookup
    let options: SquidCheckOptions
    var bag = DiagnosticBag()
    var state = ConfigState()

    /// Macro values as `squid -k parse` sees them.
    static let macros: [(name: [UInt8], value: [UInt8])] = [
        (Array("${service_name}".utf8), Array("squid".utf8)),
        (Array("${process_name}".utf8), Array("squid".utf8)),
        (Array("${process_number}".utf8), Array("0".utf8)),
    ]

    init(files: SquidFileLookup, options: SquidCheckOptions) {
        self.files = files
        self.options = options
    }

    mutating func walk(text: String, path: String) {
        state.acls.reserveCapacity(text.utf8.count / 80)
        processFile(Array(text.utf8), path: path, depth: 0)
        finishChecks()
    }

    func finish() -> [Diagnostic] { bag.sorted }

    // MARK: reporting

    mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        bag.error(message, at: location, notes: notes)
    }

    mutating func warning(_ message: String, at location: SourceLocation, notes: [Diagnostic] = []) {
        bag.warning(message, at: location, notes: notes)
    }

    /// Something squid accepts but silently weakens: an error naming the way out when
    /// `strict`, else a warning (`Diagnostic.weakening`).
    mutating func weakened(_ message: String, at location: SourceLocation) {
        bag.add(.weakening(message, at: location, allowed: !options.strict))
    }

    /// What a message about a referenced file that is not here adds: where it was looked
    /// for, and how to make it travel with the file that names it.
    static func notHere(_ file: String) -> String {
        "it is neither in this commit nor on this director; if the nodes have it, manage it "
            + "('include \(file);' in the cluster file's group) so that it is versioned and deployed with this file"
    }

    // MARK: files, conditionals, includes

    private mutating func processFile(_ bytes: [UInt8], path: String, depth: Int) {
        var conditions: [(value: Bool, line: Int)] = []
        for var line in Lexer.lines(bytes) {
            substituteMacros(&line)
            let location = SourceLocation(path: path, line: line.line, column: line.lastSegmentColumn)
            if let expression = statement("if", in: line.text) {
                conditions.append((evaluate(expression, at: location), line.line))
            } else if statement("endif", in: line.text) != nil {
                if conditions.popLast() == nil { error("'endif' without 'if'", at: location) }
            } else if statement("else", in: line.text) != nil {
                if conditions.isEmpty {
                    error("'else' without 'if'", at: location)
                } else {
                    conditions[conditions.count - 1].value.toggle()
                }
            } else if conditions.last?.value ?? true {  // squid looks at the innermost 'if' only
                process(line, path: path, depth: depth)
            }
        }
        if let open = conditions.last {
            error("if-statement without 'endif'", at: SourceLocation(path: path, line: open.line))
        }
    }

    private func substituteMacros(_ line: inout LogicalLine) {
        let text = line.text
        guard text.indices.dropLast().contains(where: { text[$0] == 0x24 && text[$0 + 1] == 0x7B }) else { return }  // "${"
        line.perProcess = line.text.indices.contains { index in
            line.text[index...].starts(with: Self.macros[2].name)
        }
        for macro in Self.macros {
            var index = 0
            while index + macro.name.count <= line.text.count {
                if line.text[index..<index + macro.name.count].elementsEqual(macro.name) {
                    line.text.replaceSubrange(index..<index + macro.name.count, with: macro.value)
                    index += macro.value.count
                } else {
                    index += 1
                }
            }
        }
    }

    /// squid's FindStatement: the words after `keyword` when the line starts with it.
    private func statement(_ keyword: StaticString, in text: [UInt8]) -> [UInt8]? {
        let key = UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount)
        guard text.count >= key.count, text.first == key.first, text[0..<key.count].elementsEqual(key) else { return nil }
        if text.count == key.count { return [] }
        guard Lexer.isSpace(text[key.count]) else { return nil }
        var start = key.count
        while start < text.count && Lexer.isSpace(text[start]) { start += 1 }
        return Array(text[start...])
    }

    /// squid's EvalBoolExpr: `true`, `false` or `N = M` (integers, C prefixes allowed).
    private mutating func evaluate(_ expression: [UInt8], at location: SourceLocation) -> Bool {
        let text = String(decoding: expression, as: UTF8.self)
        if text == "true" { return true }
        if text == "false" { return false }
        guard let equals = text.firstIndex(of: "=") else {
            error("Unable to evaluate expression '\(text)'", at: location)
            return false
        }
        let left = text[..<equals].trimmingSpaces
        let right = text[text.index(after: equals)...].trimmingSpaces
        guard let lhs = Numbers.cInteger(left) else {
            error("String is not a integer number: '\(left)'", at: location)
            return false
        }
        guard let rhs = Numbers.cInteger(right) else {
            error("String is not a integer number: '\(right)'", at: location)
            return false
        }
        return lhs == rhs
    }

    private mutating func process(_ line: LogicalLine, path: String, depth: Int) {
        var nameEnd = 0
        while nameEnd < line.text.count && !Lexer.isSpace(line.text[nameEnd]) { nameEnd += 1 }
        let name = String(decoding: line.text[0..<nameEnd], as: UTF8.self)
        if name == "include" && line.text.count >= 9 {
            include(line, path: path, from: nameEnd, depth: depth + 1)
            return
        }
        let nameLocation = SourceLocation(path: path, line: line.line, column: line.column(at: 0))
        guard let spec = DirectiveTable.lookup(name) else {
            var message = "unrecognized directive '\(name)'"
            if let guess = Suggestions.closest(to: name, in: DirectiveTable.byName.keys) {
                message += "; did you mean '\(guess)'?"
            }
            error(message, at: nameLocation)
            return
        }
        var directive = DirectiveLine(
            path: path, line: line, name: name, spec: spec,
            words: Tokenizer(line.text, from: nameEnd, quotedValues: state.quotedValues))
        check(&directive)
        for problem in directive.words.problems {
            error(problem.message, at: SourceLocation(path: path, line: line.line, column: line.column(at: problem.offset)))
        }
    }

    private mutating func include(_ line: LogicalLine, path: String, from offset: Int, depth: Int) {
        var words = Tokenizer(line.text, from: offset, quotedValues: false)
        while let pattern = words.next() {
            let location = SourceLocation(path: path, line: line.line, column: line.column(at: pattern.offset))
            if depth > 16 {
                error("can't include \(pattern.text): includes are nested too deeply (>16)", at: location)
                return
            }
            let matches = files.expand(pattern.text)
            if matches.isEmpty {
                // squid stops with "Unable to find configuration file"; it may be on the nodes.
                weakened("cannot check included file '\(pattern.text)': \(Self.notHere(pattern.text))", at: location)
                return
            }
            for file in matches {
                let first = bag.diagnostics.count
                processFile(Array(file.text.utf8), path: file.path, depth: depth)
                noteInclusion(since: first, of: file.path, at: location)
            }
        }
    }
}

extension ConfigWalker {
    /// Adds "included from" to the diagnostics found in `path` since index `first`.
    fileprivate mutating func noteInclusion(since first: Int, of path: String, at include: SourceLocation) {
        guard bag.diagnostics.count > first else { return }
        var rebuilt = DiagnosticBag()
        for (index, var diagnostic) in bag.diagnostics.enumerated() {
            if index >= first && diagnostic.location.path == path {
                diagnostic.notes.append(.note("included from here", at: include))
            }
            rebuilt.add(diagnostic)
        }
        bag = rebuilt
    }
}

extension Substring {
    var trimmingSpaces: String {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
