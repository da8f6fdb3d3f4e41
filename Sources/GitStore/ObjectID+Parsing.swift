/// An id that came from outside the repository (the wire, a hook's input, a file) and is
/// not one: which id it was to be, from where, and the text that came instead.
public struct InvalidObjectID: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which id and from where: "node1's commit", "git's pre-receive input, line 2, new id".
    public var what: String
    /// The text that came.
    public var text: String

    public init(what: String, text: String) {
        self.what = what
        self.text = text
    }

    public var description: String { "\(what) is '\(text)', not a 40-digit object id" }
}

extension ObjectID {
    /// The id of 40 zeros, which no object has: git's hooks say "none" with it (the old id
    /// of a reference being created, the new id of one being deleted).
    public var isZero: Bool { self == ObjectID(bytes: Array(repeating: 0, count: 20)) }

    /// Parses an id where it comes in from outside, once: 40 hexadecimal digits, or an error
    /// saying `what` it was to be (its owner and source, as in "node1's commit").
    public init(parsing text: String, _ what: @autoclosure () -> String) throws(InvalidObjectID) {
        guard let id = ObjectID(hex: text) else { throw InvalidObjectID(what: what(), text: text) }
        self = id
    }

    /// `text` parsed as by `init(parsing:_:)`; nil stays nil (an id the sender may leave out).
    public static func parsing(_ text: String?, _ what: @autoclosure () -> String) throws(InvalidObjectID)
        -> ObjectID?
    {
        guard let text else { return nil }
        return try ObjectID(parsing: text, what())
    }
}
