import Glibc
import Posix

extension DirectorError {
    /// The POSIX layer's error as the director's `.io`: "cannot OPERATION PATH: why".
    init(_ error: PosixError) {
        self.init(.io, error.code == .failed ? "cannot " + error.message : error.message)
    }

    /// `operation` on `path` failed with `number` (the current errno by default), as `.io`.
    static func system(_ operation: String, _ path: String, errno number: Int32 = Glibc.errno) -> DirectorError {
        DirectorError(PosixError.failure(operation, path, errno: number))
    }

    /// `body`, with a `PosixError` it throws thrown as a `DirectorError`.
    static func translating<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PosixError {
            throw DirectorError(error)
        }
    }
}
