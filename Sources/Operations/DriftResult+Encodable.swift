import Director

/// `drift --json`: per node, whether it was reached, its commit and its drifted files with
/// their kind, blob ids and attributes. No file content and no diff: what is on a node stays
/// out of the document (look with `drift`, take it with `adopt`).
///
///     {"drifted":true,"unreachable":false,"nodes":[{"node":"node2","address":"10.0.0.12",
///      "reached":true,"problem":null,"commit":"<hex>","files":[{"path":"/etc/squid3/squid.conf",
///      "kind":"content","attributesChanged":false,
///      "expected":{"blob":"<hex>","mode":"0644","owner":"root","group":"root"},
///      "live":{"blob":"<hex>","mode":"0644","owner":"root","group":"root"}}]}]}
///
/// Modes are octal text as `drift` prints them (a symbolic link's is `120777`). `live` is null
/// when the node reported nothing of the file (it is missing); its fields are null where the
/// node did not report them.
extension DriftResult: Encodable {
    enum CodingKeys: String, CodingKey { case drifted, unreachable, nodes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hasDrift, forKey: .drifted)
        try container.encode(hasUnreachable, forKey: .unreachable)
        try container.encode(nodes, forKey: .nodes)
    }
}

extension NodeDrift: Encodable {
    enum CodingKeys: String, CodingKey { case node, address, reached, problem, commit, files }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(node, forKey: .node)
        try container.encode(address, forKey: .address)
        try container.encode(reachable, forKey: .reached)
        try container.encode(problem, forKey: .problem)
        try container.encode(commit, forKey: .commit)
        try container.encode(files, forKey: .files)
    }
}

extension DriftedFile: Encodable {
    enum CodingKeys: String, CodingKey { case path, kind, attributesChanged, expected, live }

    /// One side of a drifted file: its blob id and attributes, each nil where unknown.
    struct Side: Encodable {
        var blob: String?
        var mode: String?
        var owner: String?
        var group: String?

        init(blob: String?, attributes: FileAttributes?) {
            self.blob = blob
            mode = attributes.map { Self.octal($0.mode) }
            owner = attributes?.owner
            group = attributes?.group
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(blob, forKey: .blob)
            try container.encode(mode, forKey: .mode)
            try container.encode(owner, forKey: .owner)
            try container.encode(group, forKey: .group)
        }

        enum CodingKeys: String, CodingKey { case blob, mode, owner, group }

        /// `mode` in octal, at least 4 digits: 0644, 120777.
        static func octal(_ mode: UInt32) -> String {
            let digits = String(mode, radix: 8)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path.managed, forKey: .path)
        try container.encode(kind.name, forKey: .kind)
        try container.encode(attributesChanged, forKey: .attributesChanged)
        try container.encode(Side(blob: deployedBlobID, attributes: deployed), forKey: .expected)
        let reported = liveBlobID != nil || live != nil
        try container.encode(reported ? Side(blob: liveBlobID, attributes: live) : nil, forKey: .live)
    }
}

extension DriftedFile.Kind {
    /// The kind as JSON and the console's markup name it: `missing`, `content`, `attributes`,
    /// `notRegularFile`.
    public var name: String {
        switch self {
        case .missing: "missing"
        case .content: "content"
        case .attributes: "attributes"
        case .notRegularFile: "notRegularFile"
        }
    }
}
