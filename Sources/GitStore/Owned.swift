/// One libgit2 object owned by Swift: freed exactly once, in `deinit`.
///
/// The pointer is only lent out through `use`, so the object cannot be freed while
/// C code still works on it.
final class Owned<Pointer> {
    private let pointer: Pointer
    private let release: (Pointer) -> Void

    init(_ pointer: Pointer, release: @escaping (Pointer) -> Void) {
        self.pointer = pointer
        self.release = release
    }

    deinit { release(pointer) }

    /// Lends the pointer to `body`; the object stays alive until `body` returns.
    func use<Result>(_ body: (Pointer) throws -> Result) rethrows -> Result {
        try body(pointer)
    }

    /// Runs a libgit2 constructor (`git_xxx_new(&out, ...)`) and takes ownership of its result.
    static func make(
        _ context: @autoclosure () -> String,
        release: @escaping (Pointer) -> Void,
        _ create: (inout Pointer?) -> Int32
    ) throws -> Owned {
        var out: Pointer?
        try check(create(&out), context())
        guard let pointer = out else {
            throw GitError(.other, "\(context()): libgit2 returned no object")
        }
        return Owned(pointer, release: release)
    }
}

extension Optional {
    /// Lends the wrapped object's pointer to `body`, or nil when there is no object.
    func use<Pointer, Result>(_ body: (Pointer?) throws -> Result) rethrows -> Result
    where Wrapped == Owned<Pointer> {
        switch self {
        case .some(let owned): try owned.use { try body($0) }
        case .none: try body(nil)
        }
    }
}
