/// What went wrong reading or writing the deploy ledger (the notes, the node refs, the
/// journals); the message says which file, ref or commit, and why.
public struct LedgerError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable { case recording }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
