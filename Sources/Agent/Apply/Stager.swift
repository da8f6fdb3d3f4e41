/// Step 4 of an apply: every new file as a temp file next to its target, with its final
/// owner, group, mode and content; then one syncfs per file system (or an fsync per file).
struct Stager {
    let context: EngineContext

    /// What recovery needs to undo the staging of `plan`.
    static func record(_ plan: Plan, deployID: String) -> StagingRecord {
        StagingRecord(
            deployID: deployID, directories: plan.directoriesToCreate,
            temps: plan.files.filter { $0.operation == .write }.map { ($0.index, $0.location.path) })
    }

    /// Writes the staging record, then the temp files. Returns each staged file's inode by change index.
    func stage(_ plan: Plan, deployID: String) throws -> [Int: UInt64] {
        try context.openStateDirectory().writeAtomically(StagingRecord.name, Self.record(plan, deployID: deployID).encode())
        try context.reach(.stagingRecorded)
        var walker = DirectoryWalker(root: try context.openRoot())
        let writes = plan.files.filter { $0.operation == .write }
        let syncEachFile = context.options.usesFsync(count: writes.count)
        var oneDirectoryPerDevice = [UInt64: Directory]()
        var inodes = [Int: UInt64]()
        for group in writes.groupedByDirectory(\.location.parent) {
            var created = [String]()
            guard let directory = try walker.open(group.directory, creating: true, syncCreated: syncEachFile, created: &created)
            else { continue }
            let device = try directory.status().device
            if oneDirectoryPerDevice[device] == nil { oneDirectoryPerDevice[device] = directory }
            for file in group.elements {
                let temp = try directory.createFile(ScratchNames.temp(deployID, file.index))
                try temp.changeOwner(uid: file.uid, gid: file.gid)
                try temp.changeMode(file.mode)
                try temp.write(file.content)
                if syncEachFile { try temp.sync() }
                inodes[file.index] = try temp.status().inode
                try context.reach(.fileStaged(file.index))
            }
            if syncEachFile { try directory.sync() }
        }
        if !syncEachFile {
            for directory in oneDirectoryPerDevice.values { _ = try directory.syncFileSystem() }
        }
        try context.reach(.staged)
        return inodes
    }

    /// Undoes a staging that has no journal: removes its temp files, then the directories it
    /// created (deepest first, only if empty), then the record. Returns the live paths removed.
    func discard(_ record: StagingRecord) throws -> [String] {
        var walker = DirectoryWalker(root: try context.openRoot())
        var removed = [String]()
        for group in record.temps.groupedByDirectory({ ManagedPath($0.path).parent }) {
            guard let directory = try walker.open(group.directory) else { continue }
            for temp in group.elements {
                let name = ScratchNames.temp(record.deployID, temp.index)
                if try directory.remove(name) { removed.append(directory.entryPath(name)) }
            }
        }
        for path in record.directories.reversed() {
            let location = ManagedPath(path)
            guard let parent = try walker.open(location.parent) else { continue }
            if try parent.removeDirectory(location.name) {
                removed.append(parent.entryPath(location.name))
                try parent.sync()
            }
        }
        try context.openStateDirectory().removeDurably(StagingRecord.name)
        return removed
    }
}
