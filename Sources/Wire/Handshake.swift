/// Which end of the conversation a peer is.
public enum Role: UInt8, CaseIterable, Hashable, Sendable, WireCodable {
    /// Holds the repository and deploys.
    case director = 1
    /// Runs on a node and applies deploys.
    case agent = 2
}

/// `hello` (type 1): the first message each side sends.
public struct Hello: Hashable, Sendable, WireCodable {
    /// The size of ``nonce``; other sizes are malformed.
    public static let nonceSize = 32

    /// The protocol version the sender speaks (also in every frame header).
    public var protocolVersion: UInt8
    /// The sender's role; a peer with the same role as the receiver is refused.
    public var role: Role
    /// The sender's host name, as written in the cluster file.
    public var name: String
    /// 32 fresh random bytes; both nonces go into each side's ``Proof``.
    public var nonce: [UInt8]
    /// The sender's confsync version, for logs.
    public var softwareVersion: String

    /// A hello; `protocolVersion` defaults to this module's.
    public init(
        protocolVersion: UInt8 = WireProtocol.version, role: Role, name: String, nonce: [UInt8],
        softwareVersion: String
    ) {
        self.protocolVersion = protocolVersion
        self.role = role
        self.name = name
        self.nonce = nonce
        self.softwareVersion = softwareVersion
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(protocolVersion)
        writer.write(role)
        writer.write(name)
        writer.writeBytes(nonce)
        writer.write(softwareVersion)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        protocolVersion = try reader.read()
        role = try reader.read()
        name = try reader.read()
        let nonceOffset = reader.offset
        nonce = try reader.readBytes()
        guard nonce.count == Hello.nonceSize else {
            throw reader.malformed("at offset \(nonceOffset): nonce has \(nonce.count) bytes, not \(Hello.nonceSize)")
        }
        softwareVersion = try reader.read()
    }
}

/// `proof` (type 2): the group-key MAC over the handshake, computed outside this module.
public struct Proof: Hashable, Sendable, WireCodable {
    /// The MAC bytes.
    public var mac: [UInt8]

    /// A proof carrying `mac`.
    public init(mac: [UInt8]) {
        self.mac = mac
    }

    public func encode(to writer: inout ByteWriter) {
        writer.writeBytes(mac)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        mac = try reader.readBytes()
    }
}
