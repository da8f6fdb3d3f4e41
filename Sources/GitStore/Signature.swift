import CGit2

/// Who made a commit or note, and when.
public struct Signature: Hashable, Sendable {
    /// The person's name (no `<` or `>`).
    public var name: String
    /// The person's e-mail address (no `<` or `>`).
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// The time zone offset from UTC in minutes (`+0130` is 90).
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// A copy of a libgit2 signature.
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = value.name.map { String(cString: $0) } ?? ""
        email = value.email.map { String(cString: $0) } ?? ""
        time = value.when.time
        offsetMinutes = value.when.offset
    }

    /// A libgit2 copy of this signature, owned by the result.
    func owned() throws -> Owned<UnsafeMutablePointer<git_signature>> {
        try Owned.make("making signature for \(name) <\(email)>", release: git_signature_free) {
            git_signature_new(&$0, name, email, time, offsetMinutes)
        }
    }
}
