// Repository replication between directors (types 32 and up).

/// One reference and the object it points to.
public struct Ref: Hashable, Sendable, WireCodable {
    /// Full reference name, e.g. `refs/heads/main`.
    public var name: String
    /// Object id (hex).
    public var id: String

    /// A reference.
    public init(name: String, id: String) {
        self.name = name
        self.id = id
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(name)
        writer.write(id)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        name = try reader.read()
        id = try reader.read()
    }
}

/// `refs` (type 33): every reference of the sender's repository, answering `refsRequest`.
public struct Refs: Hashable, Sendable, WireCodable {
    /// The references.
    public var refs: [Ref]

    /// A reference list.
    public init(refs: [Ref]) {
        self.refs = refs
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(refs)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        refs = try reader.readArray()
    }
}

/// `pack` (type 34): a git packfile with the objects the receiver lacks.
public struct Pack: Hashable, Sendable, WireCodable {
    /// The packfile bytes.
    public var data: [UInt8]

    /// A packfile.
    public init(data: [UInt8]) {
        self.data = data
    }

    public func encode(to writer: inout ByteWriter) {
        writer.writeBytes(data)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        data = try reader.readBytes()
    }
}

/// One compare-and-swap of a reference.
public struct RefUpdate: Hashable, Sendable, WireCodable {
    /// Full reference name.
    public var name: String
    /// The id the reference must have now (hex); `nil` means it must not exist.
    public var oldID: String?
    /// The id to set (hex).
    public var newID: String

    /// A reference update.
    public init(name: String, oldID: String?, newID: String) {
        self.name = name
        self.oldID = oldID
        self.newID = newID
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(name)
        writer.write(oldID)
        writer.write(newID)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        name = try reader.read()
        oldID = try reader.readOptional()
        newID = try reader.read()
    }
}

/// `updateRefs` (type 35): move references, after the `pack` holding their objects.
public struct UpdateRefs: Hashable, Sendable, WireCodable {
    /// The updates, each applied or refused on its own.
    public var updates: [RefUpdate]

    /// A set of reference updates.
    public init(updates: [RefUpdate]) {
        self.updates = updates
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(updates)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        updates = try reader.readArray()
    }
}

/// The outcome of one ``RefUpdate``.
public struct RefUpdateResult: Hashable, Sendable, WireCodable {
    /// Full reference name.
    public var name: String
    /// Whether the reference now has the new id.
    public var ok: Bool
    /// Why not (e.g. "old id differs"); empty when `ok`.
    public var message: String

    /// A reference update outcome.
    public init(name: String, ok: Bool, message: String = "") {
        self.name = name
        self.ok = ok
        self.message = message
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(name)
        writer.write(ok)
        writer.write(message)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        name = try reader.read()
        ok = try reader.read()
        message = try reader.read()
    }
}

/// `updateRefsResult` (type 36): the outcome of each update of an `updateRefs`, in its order.
public struct UpdateRefsResult: Hashable, Sendable, WireCodable {
    /// One outcome per update.
    public var results: [RefUpdateResult]

    /// A set of outcomes.
    public init(results: [RefUpdateResult]) {
        self.results = results
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(results)
    }

    public init(from reader: inout ByteReader) throws(WireError) {
        results = try reader.readArray()
    }
}
