import GitStore
import Ledger

/// `refs/confsync/nodes/NODE` ("the commit NODE was last seen at") follows the deploy records,
/// so after two directors' records are merged each side sets these references from the
/// newest record per node, the way the deploy ledger sets them when it records a deploy.
enum NodePositions {
    /// Moves every node reference to the position of its newest record (by time, then
    /// deploy id) that names a stored commit. The caller holds the repository lock.
    /// Returns the references moved.
    static func refresh(_ repository: Repository, peer: String) throws -> [String] {
        var newest: [String: (key: (Int64, String), id: ObjectID)] = [:]
        for note in try repository.notes(ref: ReplicatedRef.notesName) {
            for record in DeployRecord.parseLines(note.text) {
                guard let id = record.position else { continue }  // where the record leaves the node is not known
                let key = (record.at, record.deployID)
                if let known = newest[record.node], known.key >= key { continue }
                newest[record.node] = (key, id)
            }
        }
        var moved: [String] = []
        for (node, position) in newest.sorted(by: { $0.key < $1.key }) where repository.contains(position.id) {
            let name = ReplicatedRef.nodesPrefix + node
            let current = try repository.reference(name)
            guard current != position.id else { continue }
            try repository.updateReference(
                name, to: position.id, expected: current, message: "replicate: deploy records from \(peer)")
            moved.append(name)
        }
        return moved
    }
}
