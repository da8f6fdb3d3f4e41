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
    /// Starts libgit2 on another thread. Its start-up is mostly CPU (Debian's build parses the
    /// system's CA bundle for HTTPS, a few milliseconds), so starting it first lets it overlap
    /// the program's own start-up; the first real use waits for it to finish.
    public static func startInBackground() {
        DispatchQueue.global().async { try? Libgit2.start() }
    }
}
