import CGit2

extension Repository {
    /// Stores `bytes` as a blob and returns its id (the same bytes always give the same id).
    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        let rc = bytes.withUnsafeBytes { raw in
            git_blob_create_from_buffer(&oid, pointer, raw.baseAddress, raw.count)
        }
        try check(rc, "writing blob of \(bytes.count) bytes")
        return ObjectID(oid)
    }

    /// The content of blob `id`. Throws `.notFound` if there is no such blob.
    public func readBlob(_ id: ObjectID) throws -> [UInt8] {
        let blob = try lookup(id, as: "blob", git_blob_lookup)
        return blob.use { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }

    /// The size in bytes of object `id`, read from its header (a blob is not loaded).
    public func objectSize(_ id: ObjectID) throws -> Int {
        let odb = try Owned<OpaquePointer>.make("opening object database", release: git_odb_free) {
            git_repository_odb(&$0, pointer)
        }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_ANY
        try check(odb.use { git_odb_read_header(&size, &type, $0, &oid) }, "reading the header of object \(id)")
        return size
    }

    /// The blob id `bytes` would get, computed without a repository.
    public static func blobID(of bytes: [UInt8]) throws -> ObjectID {
        try SHA1.blobID(of: bytes)
    }

    /// Whether the object database holds `id` (of any type).
    public func contains(_ id: ObjectID) -> Bool {
        guard let odb = try? Owned<OpaquePointer>.make("opening object database", release: git_odb_free, {
            git_repository_odb(&$0, pointer)
        }) else { return false }
        var oid = id.oid
        return odb.use { git_odb_exists($0, &oid) } == 1
    }

    /// Looks up object `id` with a typed `git_xxx_lookup` and owns it; frees with `git_object_free`,
    /// which releases any object type.
    func lookup(
        _ id: ObjectID, as kind: String,
        _ lookup: (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer, UnsafePointer<git_oid>) -> Int32
    ) throws -> Owned<OpaquePointer> {
        var oid = id.oid
        return try Owned.make("reading \(kind) \(id)", release: git_object_free) {
            lookup(&$0, pointer, &oid)
        }
    }
}
