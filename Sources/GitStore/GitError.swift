import CGit2

/// A failed libgit2 operation: what was being done, and what libgit2 said.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react to some of them.
    public enum Code: Sendable, Hashable {
        /// An object, reference, path or revision does not exist.
        case notFound
        /// Something is already there (a repository, a reference, a note).
        case exists
        /// A short id or revision names more than one object.
        case ambiguous
        /// A compare-and-swap reference update lost: the reference moved.
        case refChanged
        /// Bad input: a path, reference name, signature or revision that cannot be valid.
        case invalid
        /// The repository has a working tree where a bare one is required.
        case notBare
        /// The file system failed (permissions, disk, locks).
        case io
        /// Anything else.
        case other
    }

    /// The kind of failure.
    public var code: Code
    /// The context (which path, which object) followed by libgit2's own message.
    public var message: String
    /// libgit2's return code (`GIT_ENOTFOUND` = -3, ...), or 0 when the error is GitStore's own.
    public var libgitCode: Int32

    /// An error with `message` as its whole text; `libgitCode` is 0 for GitStore's own errors.
    public init(_ code: Code, _ message: String, libgitCode: Int32 = 0) {
        self.code = code
        self.message = message
        self.libgitCode = libgitCode
    }

    public var description: String { message }
}

/// Turns a libgit2 return code into a thrown `GitError`, reading libgit2's message at once.
/// Negative codes are errors; zero and positive values pass.
func check(_ rc: Int32, _ context: @autoclosure () -> String) throws {
    guard rc < 0 else { return }
    let last = git_error_last()
    let detail = last.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(rc)"
    let errorClass = last.map { $0.pointee.klass } ?? 0
    throw GitError(code(for: rc, errorClass: errorClass), "\(context()): \(detail)", libgitCode: rc)
}

private func code(for rc: Int32, errorClass: Int32) -> GitError.Code {
    switch rc {
    case GIT_ENOTFOUND.rawValue: return .notFound
    case GIT_EEXISTS.rawValue: return .exists
    case GIT_EAMBIGUOUS.rawValue: return .ambiguous
    case GIT_EMODIFIED.rawValue: return .refChanged
    case GIT_EINVALIDSPEC.rawValue, GIT_EINVALID.rawValue, GIT_EPEEL.rawValue: return .invalid
    case GIT_ELOCKED.rawValue: return .io
    default: break
    }
    switch errorClass {
    case Int32(GIT_ERROR_OS.rawValue), Int32(GIT_ERROR_FILESYSTEM.rawValue): return .io
    case Int32(GIT_ERROR_INVALID.rawValue): return .invalid
    default: return .other
    }
}
