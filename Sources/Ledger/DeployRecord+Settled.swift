extension DeployRecord {
    /// One record per deploy and node, the most final one (`Status.finality`): an interrupted
    /// record gives way to the node's result found later, which gives way to the result
    /// itself (merged from the other director, say). Among equally final records, the one
    /// written first, so that every director holding the same records shows the same.
    /// Order: each deploy and node where it first appears in `records`.
    public static func settled(_ records: [DeployRecord]) -> [DeployRecord] {
        var keys: [String] = []
        var best: [String: DeployRecord] = [:]
        for record in records {
            let key = record.deployID + "\u{0}" + record.node
            guard let known = best[key] else {
                keys.append(key)
                best[key] = record
                continue
            }
            if record.supersedes(known) { best[key] = record }
        }
        return keys.compactMap { best[$0] }
    }

    /// This record says more than `other`, a record of the same deploy and node.
    func supersedes(_ other: DeployRecord) -> Bool {
        if status.finality != other.status.finality { return status.finality > other.status.finality }
        return (foundAt ?? 0, foundBy ?? "", at) < (other.foundAt ?? 0, other.foundBy ?? "", other.at)
    }
}

extension DeployRecord {
    /// Deploy, node and status: a record written twice (a journal folded twice) is one.
    var identity: String { deployID + "\u{0}" + node + "\u{0}" + status.rawValue }
}
