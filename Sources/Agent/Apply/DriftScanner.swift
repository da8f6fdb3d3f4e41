import Posix

/// Compares every managed file with its manifest entry.
struct DriftScanner {
    let context: EngineContext

    /// Drifted entries of `manifest`, sorted by path. A live file matching one of the
    /// path's `alternatives` has not drifted either.
    func scan(
        _ manifest: [String: ManifestEntry], alternatives: [String: [ManifestEntry]] = [:]
    ) throws -> [DriftEntry] {
        var walker = DirectoryWalker(root: try context.openRoot())
        var accounts = Accounts()
        var drifted = [DriftEntry]()
        for group in manifest.values.groupedByDirectory(path: { $0.path }) {
            let directory: Directory?
            do {
                directory = try walker.open(group.directory)
            } catch where AgentError.from(error)?.code == .pathRefused {
                drifted += group.elements.map { DriftEntry(path: $0.path, kind: .notRegularFile, expected: $0) }
                continue
            }
            for expected in group.elements {
                guard let live = try directory.flatMap({ try LiveFile.inspect($0, ManagedPath(unchecked: expected.path).name) })
                else {
                    drifted.append(DriftEntry(path: expected.path, kind: .missing, expected: expected))
                    continue
                }
                if live.matches(expected, accounts: &accounts)
                    || alternatives[expected.path, default: []].contains(where: { live.matches($0, accounts: &accounts) })
                {
                    continue
                }
                let kind: DriftEntry.Kind =
                    !live.isKind(of: expected.mode)
                    ? .notRegularFile : live.blobID != expected.blobID ? .content : .attributes
                drifted.append(
                    DriftEntry(
                        path: expected.path, kind: kind, expected: expected, actualBlobID: live.blobID,
                        actualMode: live.manifestMode,
                        actualOwner: accounts.userName(live.status.uid),
                        actualGroup: accounts.groupName(live.status.gid), content: live.content))
            }
        }
        drifted.sort { $0.path < $1.path }
        return drifted
    }
}
