/// Compares every managed file with its manifest entry.
struct DriftScanner {
    let context: EngineContext

    /// Drifted entries of `manifest`, sorted by path.
    func scan(_ manifest: [String: ManifestEntry]) throws -> [DriftEntry] {
        let root = try context.openRoot()
        var accounts = Accounts()
        var drifted = [DriftEntry]()
        for path in manifest.keys.sorted() {
            guard let expected = manifest[path] else { continue }
            let location = ManagedPath(path)
            let live: LiveFile?
            do {
                live = try context.openParent(location, root: root).flatMap { try LiveFile.inspect($0, location.name) }
            } catch let error as AgentError where error.code == .pathRefused {
                drifted.append(DriftEntry(path: path, kind: .notRegularFile, expected: expected))
                continue
            }
            guard let live else {
                drifted.append(DriftEntry(path: path, kind: .missing, expected: expected))
                continue
            }
            if live.matches(expected, accounts: &accounts) { continue }
            let kind: DriftEntry.Kind =
                live.status.kind != .regular ? .notRegularFile : live.blobID != expected.blobID ? .content : .attributes
            drifted.append(
                DriftEntry(
                    path: path, kind: kind, expected: expected, actualBlobID: live.blobID, actualMode: live.status.mode,
                    actualOwner: accounts.userName(live.status.uid), actualGroup: accounts.groupName(live.status.gid),
                    content: live.content))
        }
        return drifted
    }
}
