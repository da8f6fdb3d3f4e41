import Posix

/// What listing one directory found, in `readdir` order: managed files and subdirectories.
/// A listing that met an error stops there, as a one-thread walk would.
struct DirectoryListing: Sendable {
    enum Item: Sendable {
        case file(FoundFile)
        case directory(PendingDirectory)
    }

    /// An `lstat` that failed other than for a vanished file: errno and the live path.
    struct Failure: Sendable {
        var code: Int32
        var live: String
    }

    var items: [Item] = []
    var failure: Failure?

    /// The error the walk stops with, made on the calling thread (`strerror` is not reentrant).
    func check() throws {
        guard let failure else { return }
        throw DirectorError.system("stat", failure.live, errno: failure.code)
    }
}
