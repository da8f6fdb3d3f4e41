import Transport
import Wire

/// The director at the other end of a connection, once its certificate was pinned and its
/// group key proof (if keys are configured) checked.
public struct AuthenticatedPeer: Sendable {
    /// Its name, as its hello gives it.
    public var name: String
    /// `address:port` it connects from.
    public var remoteAddress: String
    /// Its certificate's fingerprint (one of `ServerSettings.trusted`).
    public var fingerprint: Fingerprint
    /// Its hello: protocol and software version.
    public var hello: Hello

    public init(name: String, remoteAddress: String, fingerprint: Fingerprint, hello: Hello) {
        self.name = name
        self.remoteAddress = remoteAddress
        self.fingerprint = fingerprint
        self.hello = hello
    }
}
