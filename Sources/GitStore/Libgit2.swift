import CGit2
import Dispatch

/// libgit2's process-wide state, set up once on first use and never torn down.
enum Libgit2 {
    /// The result of the one `git_libgit2_init()` call (a global `let`: initialised lazily, once).
    private static let initResult: Int32 = git_libgit2_init()

    /// Makes sure libgit2 is initialised; every entry point that needs no repository calls it.
    static func start() throws {
        try check(initResult, "initialising libgit2")
    }
}

/// libgit2's start-up, as the program sees it.
public enum GitLibrary {
    /// Starts libgit2 on another thread, so that its start-up overlaps the program's own; the
    /// first real use waits for it to finish. (Debian's build would parse the system's CA
    /// bundle there, 10 ms of CPU; the `confsync` executable links CGit2Offline, which spares
    /// that: confsync never uses libgit2's HTTPS.)
    public static func startInBackground() {
        DispatchQueue.global().async { try? Libgit2.start() }
    }
}
