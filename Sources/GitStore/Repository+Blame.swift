import CGit2

extension Repository {
    /// Each line of file `path` as of `commit`, with the commit that last changed it and
    /// that commit's author. Throws `.notFound` if the file is not in that commit.
    public func blame(path: String, at commit: ObjectID) throws -> [BlameLine] {
        _ = try TreePath.components(of: path)
        let context = "blaming '\(path)' at \(commit)"
        guard let file = try entry(at: path, inTree: self.commit(commit).tree) else {
            throw GitError(.notFound, "\(context): no such file in that commit")
        }
        let lines = Self.lines(of: try readBlob(file.id))
        var options = git_blame_options()
        try check(git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)), context)
        options.newest_commit = commit.oid
        let blame = try Owned.make(context, release: git_blame_free) {
            git_blame_file(&$0, pointer, path, &options)
        }
        var authors: [ObjectID: Signature] = [:]
        var result: [BlameLine] = []
        result.reserveCapacity(lines.count)
        for index in 0..<blame.use(git_blame_get_hunk_count) {
            guard let hunk = blame.use({ git_blame_get_hunk_byindex($0, index)?.pointee }) else { continue }
            let origin = ObjectID(hunk.final_commit_id)
            let author: Signature
            if let known = authors[origin] {
                author = known
            } else {
                author = try hunk.final_signature.map { Signature(UnsafePointer($0)) } ?? self.commit(origin).author
                authors[origin] = author
            }
            let first = hunk.final_start_line_number
            for line in first..<(first + hunk.lines_in_hunk) where line >= 1 && line <= lines.count {
                result.append(BlameLine(line: line, commit: origin, author: author, text: lines[line - 1]))
            }
        }
        return result.sorted { $0.line < $1.line }
    }

    /// The lines of `content` without their `\n` or `\r\n` endings; a final line without
    /// a newline still counts.
    static func lines(of content: [UInt8]) -> [String] {
        var lines = content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
    }
}
