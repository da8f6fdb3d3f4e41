import Foundation
import Posix

/// Where a host keeps its identity and the group key, under a root. A director and an
/// agent on the same host share one identity.
public enum HostFiles {
    public static let certificate = "/etc/confsync/host.crt"
    public static let privateKey = "/etc/confsync/host.key"

    /// Loads this host's identity from under `root`, with a message that says how to make one.
    public static func loadIdentity(root: String) throws -> Identity {
        let cert = RootPath.live(certificate, root: root)
        let key = RootPath.live(privateKey, root: root)
        guard FileManager.default.fileExists(atPath: cert), FileManager.default.fileExists(atPath: key) else {
            throw TransportError(
                .badCertificate, "no identity at \(cert) and \(key): run 'confsync keygen' on this host first")
        }
        return try Identity.load(certificatePath: cert, keyPath: key)
    }

    /// A group key file (csync2's `key`): its bytes, trailing whitespace removed.
    public static func readGroupKey(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TransportError(.badKey, "cannot read group key file \(path)")
        }
        var bytes = Array(data)
        while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { bytes.removeLast() }
        guard bytes.count >= 16 else {
            throw TransportError(.badKey, "group key file \(path) is too short (\(bytes.count) bytes; at least 16)")
        }
        return bytes
    }
}
