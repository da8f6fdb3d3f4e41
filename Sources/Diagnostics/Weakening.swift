/// "Accepted but weakened": something the real program accepts while silently doing less
/// than the line says (an ACL made empty, a rule or line dropped, a value read otherwise).
/// An error by default, so that a commit does not ship it unnoticed; a warning where the admin
/// allowed it (`--allow-weakened`, or `allow-weakened PATTERN;` in the cluster file's
/// `confsync` block). Either way the message says it is a weakening. See docs/validation.md.
extension Diagnostic {
    /// What an error of this class adds: what it is and the ways out.
    public static let weakeningWayOut =
        "a weakening (the program accepts it but does less than written); to commit it anyway, "
        + "pass --allow-weakened, or allow it for good with 'allow-weakened PATH;' in the cluster file's 'confsync' block"

    /// A weakening finding: an error naming the way out, or, when `allowed`, a warning.
    public static func weakening(
        _ message: String, at location: SourceLocation, allowed: Bool, notes: [Diagnostic] = []
    ) -> Diagnostic {
        allowed
            ? .warning("\(message) (a weakening, allowed for this file)", at: location, notes: notes)
            : .error("\(message); \(weakeningWayOut)", at: location, notes: notes)
    }

    /// Whether this diagnostic is of the weakening class.
    public var isWeakening: Bool {
        message.hasSuffix(Self.weakeningWayOut) || message.hasSuffix("(a weakening, allowed for this file)")
    }
}
