import Posix

/// What an apply will do, decided before anything is written.
struct Plan {
    /// One per change, in request order.
    var files: [PlannedFile]
    /// Root-relative directories to create, outermost first.
    var directoriesToCreate: [String]
    /// The commands to run once the files are in place.
    var commands: [OutboxCommand]
    /// `verify` commands, each with the staged copies (temp files) it checks as its paths:
    /// run after staging, before the journal; one failing refuses the apply.
    var verifications: [OutboxCommand] = []
    /// One per change, in request order, as they will be reported on success.
    var outcomes: [FileOutcome]

    var writesNothing: Bool {
        files.allSatisfy { $0.operation == .keep }
    }
}

/// One change with what the apply does to it.
struct PlannedFile {
    /// The change's position in the request: names its temp and old files.
    var index: Int
    var location: ManagedPath
    var operation: Journal.Operation
    /// New content (write only); a symbolic link's target.
    var content: [UInt8]
    /// Permission bits, or `ManifestEntry.symlinkMode`.
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    /// Something is at the target now.
    var hadOld: Bool
    /// Manifest entry after the apply; nil for a delete.
    var new: ManifestEntry?
    /// Manifest entry before the apply.
    var old: ManifestEntry?
}
