import Testing
@testable import Transport

@Suite struct KeyProofTests {
    let agent: Identity
    let director: Identity
    let key = Array("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".utf8)

    init() throws {
        agent = try Identity.generate(commonName: "agent.test")
        director = try Identity.generate(commonName: "director.test")
    }

    /// A connected pair: the client end here, the server end's proof for `nonce` as "agent".
    private func connectAndProve(nonce: [UInt8]) throws -> (client: TLSConnection, agentProof: [UInt8]) {
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let key = key
        let server = Background {
            try KeyProof.make(key: key, connection: listener.accept(), role: "agent", nonce: nonce)
        }
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        return (client, try server.value())
    }

    @Test func proofFromTheOtherEndVerifies() throws {
        let nonce = KeyProof.randomNonce()
        let (client, proof) = try connectAndProve(nonce: nonce)
        #expect(proof.count == 32)
        #expect(try KeyProof.verify(proof, key: key, connection: client, role: "agent", nonce: nonce))
    }

    @Test func wrongKeyNonceRoleOrLengthFails() throws {
        let nonce = KeyProof.randomNonce()
        let (client, proof) = try connectAndProve(nonce: nonce)
        var otherKey = key
        otherKey[0] ^= 1
        #expect(try !KeyProof.verify(proof, key: otherKey, connection: client, role: "agent", nonce: nonce))
        #expect(try !KeyProof.verify(proof, key: key, connection: client, role: "agent", nonce: KeyProof.randomNonce()))
        #expect(try !KeyProof.verify(Array(proof.dropLast()), key: key, connection: client, role: "agent", nonce: nonce))
        // Reflection: the agent's proof is no good as the director's.
        #expect(try !KeyProof.verify(proof, key: key, connection: client, role: "director", nonce: nonce))
    }

    @Test func proofIsBoundToItsSession() throws {
        let nonce = KeyProof.randomNonce()
        let (_, proof) = try connectAndProve(nonce: nonce)
        let (otherClient, _) = try connectAndProve(nonce: nonce)
        #expect(try !KeyProof.verify(proof, key: key, connection: otherClient, role: "agent", nonce: nonce))
    }

    @Test func roleAndNonceAreSeparated() throws {
        let (client, _) = try connectAndProve(nonce: [])
        let split1 = try KeyProof.make(key: key, connection: client, role: "agentX", nonce: [1])
        let split2 = try KeyProof.make(key: key, connection: client, role: "agent", nonce: Array("X".utf8) + [1])
        #expect(split1 != split2)
    }

    @Test func emptyKeyIsRefused() throws {
        let (client, _) = try connectAndProve(nonce: [])
        #expect(transportError { try KeyProof.make(key: [], connection: client, role: "agent", nonce: []) }?.code
            == .badKey)
    }

    @Test func noncesAreRandom() {
        let first = KeyProof.randomNonce()
        #expect(first.count == 32)
        #expect(first != KeyProof.randomNonce())
    }
}
