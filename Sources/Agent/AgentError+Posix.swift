import Posix

extension AgentError {
    /// The POSIX layer's error as the agent's, with the same message: a symlink or a
    /// non-directory on the way is `.pathRefused`, an argument no call takes is
    /// `.invalidRequest`, a failed call is `.io`.
    init(_ error: PosixError) {
        switch error.code {
        case .refused: self.init(.pathRefused, error.message)
        case .invalid: self.init(.invalidRequest, error.message)
        case .failed: self.init(.io, error.message)
        }
    }

    /// `error` as an `AgentError` when it is one or a `PosixError`; nil for anything else.
    static func from(_ error: any Error) -> AgentError? {
        if let error = error as? AgentError { return error }
        if let error = error as? PosixError { return AgentError(error) }
        return nil
    }

    /// `body`, with a `PosixError` it throws thrown as an `AgentError` (at the module's
    /// boundary: what callers see is always an `AgentError`).
    static func translating<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as PosixError {
            throw AgentError(error)
        }
    }
}
