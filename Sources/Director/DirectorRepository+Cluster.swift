import ClusterConfig
import Diagnostics
import GitStore
import Posix

extension DirectorRepository {
    /// The cluster file of `commit`, parsed, with the files it includes taken from the same
    /// commit; nil when the commit has no cluster file. Only those files are read.
    public func cluster(of commit: Commit) throws -> (config: ClusterConfig, diagnostics: [Diagnostic])? {
        let repository = self.repository
        func text(_ file: String) -> String? {
            // As the cluster file names it: a relative include is looked up from the tree's top.
            guard let entry = try? repository.entry(at: ManagedPath(unchecked: file).tree, inTree: commit.tree) else {
                return nil
            }
            return (try? repository.readBlob(entry.id)).map { String(decoding: $0, as: UTF8.self) }
        }
        guard let main = text(settings.clusterFile) else { return nil }
        return ClusterConfig.parse(main, path: settings.clusterFile) { text($0) }
    }
}
