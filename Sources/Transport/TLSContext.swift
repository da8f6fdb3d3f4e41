import COpenSSL

/// An owned SSL_CTX configured for confsync: TLS 1.3 only, this side's identity, a peer
/// certificate required from both sides, no session tickets.
///
/// Trust is by pinning: the verify callback accepts any chain so that the handshake can
/// complete, and the peer's leaf fingerprint is compared after it (`TLSConnection`).
/// The handshake still proves that the peer holds the certificate's private key.
///
/// `@unchecked Sendable`: configured in `init` only; OpenSSL allows creating SSL objects
/// from one context on several threads.
final class TLSContext: @unchecked Sendable {
    enum Side { case client, server }

    let pointer: OpaquePointer
    let side: Side

    init(side: Side, identity: Identity) throws {
        let method = side == .client ? TLS_client_method() : TLS_server_method()
        pointer = try OpenSSL.check(SSL_CTX_new(method), .tls, "cannot create a TLS context")
        self.side = side
        try OpenSSL.check(
            confsync_SSL_CTX_set_min_proto_version(pointer, TLS1_3_VERSION) == 1
                && confsync_SSL_CTX_set_max_proto_version(pointer, TLS1_3_VERSION) == 1,
            .tls, "cannot restrict the TLS context to TLS 1.3")
        try OpenSSL.check(
            SSL_CTX_use_certificate(pointer, identity.certificate.pointer) == 1,
            .badCertificate, "cannot use the certificate of \(identity.commonName)")
        try OpenSSL.check(
            SSL_CTX_use_PrivateKey(pointer, identity.privateKey.pointer) == 1,
            .badKey, "cannot use the private key of \(identity.commonName)")
        SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, TLSContext.acceptChain)
        // Each connection is a full handshake: no resumption state to keep or to leak.
        try OpenSSL.check(SSL_CTX_set_num_tickets(pointer, 0) == 1, .tls, "cannot disable session tickets")
        // Read whole batches of records per recv instead of a header and a body each.
        SSL_CTX_set_default_read_buffer_len(pointer, TLSContext.readBufferLength)
    }

    deinit { SSL_CTX_free(pointer) }

    /// The read-ahead buffer: four full records.
    static let readBufferLength = 4 * (16384 + 256)

    /// Accepts every chain: pinning, not a CA, decides whom to trust.
    private static let acceptChain: @convention(c) (Int32, OpaquePointer?) -> Int32 = { _, _ in 1 }
}
