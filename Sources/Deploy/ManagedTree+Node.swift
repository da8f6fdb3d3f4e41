import ClusterConfig
import Director
import GitStore
import Posix
import Wire

extension ManagedTree {
    /// The node's files as its manifest lists them (for a node whose commit this repository
    /// does not know, or with `--full`), restricted to what `plan`'s node receives.
    init(manifest: [ManifestEntry], for plan: NodePlan) throws {
        var files: [ManagedPath: ManagedFile] = [:]
        for entry in manifest {
            let id = try ObjectID(parsing: entry.blobID, "\(plan.name)'s manifest entry for \(entry.path)")
            files[try ManagedPath(managed: entry.path)] = ManagedFile(
                entry: TreeEntry(id: id, mode: FileMode(nodeMode: entry.mode)),
                attributes: FileAttributes(mode: entry.mode & 0o7777, owner: entry.owner, group: entry.group))
        }
        self = ManagedTree(files: files).restricted(to: plan)
    }

    /// The files of this tree that `plan`'s node receives.
    func restricted(to plan: NodePlan) -> ManagedTree {
        ManagedTree(files: files.filter { plan.manages($0.key.managed) })
    }
}

extension FileMode {
    /// A node's mode for a file as git's tree keeps it: a link, an executable or a plain file.
    init(nodeMode mode: UInt32) {
        self = mode == Wire.FileChange.symlinkMode ? .symlink : mode & 0o111 != 0 ? .executable : .blob
    }
}
