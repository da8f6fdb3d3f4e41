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
        let root = try context.openRoot()
        let syncEachFile = context.options.durability == .fsyncEachFile || FileSystemSync.function == nil
        var oneDirectoryPerDevice = [UInt64: Directory]()
        var inodes = [Int: UInt64]()
        let groups = Dictionary(grouping: plan.files.filter { $0.operation == .write }, by: \.location.parentPath)
        for parentPath in groups.keys.sorted() {
            let files = groups[parentPath] ?? []
            var created = [String]()
            guard let first = files.first,
                let directory = try root.descend(first.location.parent, creating: true, syncCreated: syncEachFile, created: &created)
            else { continue }
            let device = try directory.status().device
            if oneDirectoryPerDevice[device] == nil { oneDirectoryPerDevice[device] = directory }
            for file in files {
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
        let root = try context.openRoot()
        var removed = [String]()
        for temp in record.temps {
            let location = ManagedPath(temp.path)
            guard let directory = try context.openParent(location, root: root) else { continue }
            let name = ScratchNames.temp(record.deployID, temp.index)
            if try directory.remove(name) { removed.append(directory.entryPath(name)) }
        }
        for path in record.directories.reversed() {
            let location = ManagedPath(path)
            guard let parent = try context.openParent(location, root: root) else { continue }
            if try parent.removeDirectory(location.name) {
                removed.append(parent.entryPath(location.name))
                try parent.sync()
            }
        }
        try context.openStateDirectory().removeDurably(StagingRecord.name)
        return removed
    }
}
