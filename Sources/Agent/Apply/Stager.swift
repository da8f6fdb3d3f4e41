import Posix

/// Step 4 of an apply: every new file as a temp file next to its target, with its final
/// owner, group, mode and content (a symbolic link: with its target), and the file it
/// replaces linked to its old name; then one syncfs per file system (or an fsync per file).
struct Stager {
    let context: EngineContext

    /// What recovery needs to undo the staging of `plan`.
    static func record(_ plan: Plan, deployID: String) -> StagingRecord {
        StagingRecord(
            deployID: deployID, directories: plan.directoriesToCreate,
            temps: plan.files.filter { $0.operation == .write }.map { ($0.index, $0.location.managed) })
    }

    /// A staged file: the temp file's inode, and whether the old file is kept as `.confsync-old-D-n`.
    struct Staged {
        var inode: UInt64
        var keptOld: Bool
    }

    /// Writes the staging record, then the temp files, and links each existing target to its
    /// old name, so that the old version is as durable as the new one before the journal.
    /// Returns what was staged by change index.
    func stage(_ plan: Plan, deployID: String) throws -> [Int: Staged] {
        try context.openStateDirectory().writeAtomically(
            StagingRecord.name, Self.record(plan, deployID: deployID).encode())
        try context.reach(.stagingRecorded)
        var walker = DirectoryWalker(root: try context.openRoot())
        let writes = plan.files.filter { $0.operation == .write }
        // A symbolic link cannot be opened to fsync: a change set with one syncs its file system.
        let syncEachFile =
            context.options.usesFsync(count: writes.count) && !writes.contains { ManifestEntry.isSymlink($0.mode) }
        var oneDirectoryPerDevice = [UInt64: Directory]()
        var staged = [Int: Staged]()
        for group in writes.groupedByDirectory(path: \.location.managed) {
            var created = [String]()
            guard
                let directory = try walker.open(
                    group.directory, creating: true, syncCreated: syncEachFile, created: &created)
            else { continue }
            let device = try directory.status().device
            if oneDirectoryPerDevice[device] == nil { oneDirectoryPerDevice[device] = directory }
            for file in group.elements {
                let inode = try stageTemp(file, in: directory, deployID: deployID, sync: syncEachFile)
                let keptOld =
                    try file.hadOld && directory.link(file.location.name, to: ScratchNames.old(deployID, file.index))
                staged[file.index] = Staged(inode: inode, keptOld: keptOld)
                try context.reach(.fileStaged(file.index))
            }
            if syncEachFile { try directory.sync() }
        }
        if !syncEachFile {
            for directory in oneDirectoryPerDevice.values { _ = try directory.syncFileSystem() }
        }
        try context.reach(.staged)
        return staged
    }

    /// Creates `file`'s temp file (or link) in `directory`; returns its inode.
    private func stageTemp(_ file: PlannedFile, in directory: Directory, deployID: String, sync: Bool) throws -> UInt64 {
        let name = ScratchNames.temp(deployID, file.index)
        if ManifestEntry.isSymlink(file.mode) {
            try directory.createSymlink(name, target: file.content)
            guard let status = try directory.status(name) else {
                throw AgentError(.io, "\(directory.entryPath(name)) vanished right after it was created")
            }
            return status.inode
        }
        let temp = try directory.createFile(name, mode: Self.creationMode(file.mode))
        // What the kernel gave the new file (owner, group, mode after the umask); only what
        // differs from the target is changed, always before any content is written.
        let created = try temp.status()
        if created.uid != file.uid || created.gid != file.gid {
            try temp.changeOwner(uid: file.uid, gid: file.gid)
            // A chown may clear set-id bits, and the file may have been created 0600.
            try temp.changeMode(file.mode)
        } else if created.mode != file.mode {
            try temp.changeMode(file.mode)
        }
        try temp.write(file.content)
        if sync { try temp.sync() }
        return created.inode
    }

    /// The mode a temp file is created with. The final `mode` when that lets no one open the
    /// (still empty) file who could not open the final file anyway: no set-id or sticky
    /// bits, and the group may do nothing others may not (the group is the creator's until
    /// the chown). Otherwise 0600, widened by a chmod once owner and group are final.
    static func creationMode(_ mode: UInt32) -> UInt32 {
        let group = (mode >> 3) & 0o7
        let others = mode & 0o7
        return mode & 0o7000 == 0 && group & ~others == 0 ? mode : 0o600
    }

    /// Undoes a staging that has no journal: removes its temp and old-version files, then the
    /// directories it created (deepest first, only if empty), then the record. Returns the
    /// live paths removed.
    func discard(_ record: StagingRecord) throws -> [String] {
        var walker = DirectoryWalker(root: try context.openRoot())
        var removed = [String]()
        for group in record.temps.groupedByDirectory(path: { $0.path }) {
            guard let directory = try walker.open(group.directory) else { continue }
            for temp in group.elements {
                for name in [
                    ScratchNames.temp(record.deployID, temp.index), ScratchNames.old(record.deployID, temp.index),
                ] {
                    if try directory.remove(name) { removed.append(directory.entryPath(name)) }
                }
            }
        }
        for path in record.directories.reversed() {
            let location = ManagedPath(unchecked: path)
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
