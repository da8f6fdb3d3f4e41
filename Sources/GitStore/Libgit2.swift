import CGit2

/// libgit2's process-wide state, set up once on first use and never torn down.
enum Libgit2 {
    /// The result of the one `git_libgit2_init()` call (a global `let`: initialised lazily, once).
    private static let initResult: Int32 = git_libgit2_init()

    /// Makes sure libgit2 is initialised; every entry point that needs no repository calls it.
    static func start() throws {
        try check(initResult, "initialising libgit2")
    }
}
