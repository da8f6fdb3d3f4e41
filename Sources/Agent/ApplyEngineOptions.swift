import Posix

extension ApplyEngine {
    /// How staged files and renamed entries are made durable.
    ///
    /// syncfs(2) flushes everything dirty on the file system, other programs' writes included,
    /// so it costs as much as the busiest writer there; fsync(2) costs per file. Measured on a
    /// shared ext4 disk: one-file change 16 ms with fsync, 90 ms with syncfs; for 10,000 files
    /// one syncfs replaces 10,000 fsyncs.
    public enum Durability: Sendable {
        /// fsync when at most `Options.fsyncLimit` files (or directories) are involved, else syncfs.
        case automatic
        /// Always one syncfs(2) per file system touched (fsync when the C library lacks syncfs).
        case syncFileSystem
        /// Always fsync(2) of every temp file and of each touched directory.
        case fsyncEachFile
    }

    /// Tunables of an engine.
    public struct Options: Sendable {
        /// A command still running after this long is killed with its process group.
        public var actionTimeout: Duration
        /// How much of a command's output `ActionResult.outputTail` keeps.
        public var outputTailBytes: Int
        /// How much of one run's output its action's logfile gets: the first half as it
        /// comes, the last half at the end (see docs/agent.md, "Actions").
        public var logBytesPerRun: Int
        public var durability: Durability
        /// With `.automatic`: the most files (or directories) made durable one fsync each.
        public var fsyncLimit: Int
        /// The shell that runs commands (`shell -c command`).
        public var shell: String

        public init(
            actionTimeout: Duration = .seconds(300), outputTailBytes: Int = 4096, logBytesPerRun: Int = 65536,
            durability: Durability = .automatic, fsyncLimit: Int = 64, shell: String = "/bin/sh"
        ) {
            self.actionTimeout = actionTimeout
            self.outputTailBytes = outputTailBytes
            self.logBytesPerRun = logBytesPerRun
            self.durability = durability
            self.fsyncLimit = fsyncLimit
            self.shell = shell
        }

        /// True when `count` files or directories are made durable by one fsync each.
        func usesFsync(count: Int) -> Bool {
            switch durability {
            case .automatic: count <= fsyncLimit || FileSystemSync.function == nil
            case .syncFileSystem: FileSystemSync.function == nil
            case .fsyncEachFile: true
            }
        }

        var actionTimeoutMillis: Int {
            let (seconds, attoseconds) = actionTimeout.components
            return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        }
    }
}
