import CGit2

/// A git repository opened through libgit2. Not thread-safe: use one per thread.
public final class Repository {
    /// The `git_repository`, freed in `deinit`; extensions lend it to libgit2 calls.
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { git_repository_free(pointer) }

    /// Creates a bare repository whose HEAD points at the unborn branch `initialBranch`.
    /// Missing parent directories are created. Throws `.exists` if a repository is already there.
    public static func create(at path: String, initialBranch: String = "main") throws -> Repository {
        try Libgit2.start()
        if git_repository_open_ext(nil, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil) == 0 {
            throw GitError(.exists, "creating repository at \(path): a repository is already there")
        }
        var options = git_repository_init_options()
        try check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
            "creating repository at \(path)")
        options.flags = GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_MKPATH.rawValue
            | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var out: OpaquePointer?
        let rc = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&out, path, &options)
        }
        try check(rc, "creating repository at \(path)")
        return try adopt(out, "creating repository at \(path)")
    }

    /// Opens the repository at `path` (a bare repository, or a working tree's `.git` or its
    /// parent). With `requireBare`, a repository with a working tree throws `.notBare`.
    /// Throws `.notFound` if there is no repository at `path`; parents are not searched.
    public static func open(at path: String, requireBare: Bool = false) throws -> Repository {
        try Libgit2.start()
        var out: OpaquePointer?
        try check(
            git_repository_open_ext(&out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
            "opening repository at \(path)")
        let repository = try adopt(out, "opening repository at \(path)")
        if requireBare, !repository.isBare {
            throw GitError(.notBare, "opening repository at \(path): it has a working tree, a bare repository is required")
        }
        return repository
    }

    private static func adopt(_ pointer: OpaquePointer?, _ context: String) throws -> Repository {
        guard let pointer else { throw GitError(.other, "\(context): libgit2 returned no repository") }
        return Repository(pointer)
    }

    /// The repository's git directory (the bare repository itself, or a working tree's `.git`),
    /// without a trailing slash.
    public var path: String {
        guard let raw = git_repository_path(pointer) else { return "" }
        let path = String(cString: raw)
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// Whether the repository has no working tree.
    public var isBare: Bool { git_repository_is_bare(pointer) != 0 }
}

/// A `Repository` wraps libgit2 state that must stay on one thread.
@available(*, unavailable)
extension Repository: Sendable {}
