import Testing
@testable import Wire

@Suite struct MessageTests {
    @Test func samplesCoverEveryMessageType() {
        #expect(Set(SampleMessages.all.map(\.type)) == Set(MessageType.allCases))
    }

    @Test(arguments: SampleMessages.all)
    func roundTripsThroughFrame(_ message: Message) throws {
        let frame = message.encode()
        #expect(frame.type == message.type.rawValue)
        #expect(try Message.decode(frame) == message)
    }

    @Test(arguments: SampleMessages.all)
    func serializedEqualsEncodedFrame(_ message: Message) throws {
        let bytes = try message.serialized()
        #expect(bytes == (try message.encode().serialized()))
        var decoder = FrameDecoder()
        decoder.feed(bytes)
        #expect(try decoder.nextMessage() == message)
        #expect(try decoder.nextMessage() == nil)
        try decoder.finish()
    }

    @Test func headerLayout() throws {
        let bytes = try Message.blob(Blob(id: "ab", content: [9])).serialized()
        // "CS", version 1, type 5, length 11 = 4 + 2 (id) + 4 + 1 (content).
        #expect(bytes == [0x43, 0x53, 1, 5, 0, 0, 0, 11, 0, 0, 0, 2, 0x61, 0x62, 0, 0, 0, 1, 9])
    }

    @Test func emptyMessagesHaveEmptyPayloads() {
        for message in [Message.bye, .refsRequest, .driftRequest] {
            #expect(message.encode().payload.isEmpty)
        }
    }

    @Test(arguments: [UInt8(0), 15, 31, 37, 255])
    func unknownTypeIsRejected(_ type: UInt8) {
        #expect(throws: WireError.unknownType(type)) { try Message.decode(Frame(type: type)) }
    }

    @Test(arguments: MalformedCase.all)
    func malformedPayloadIsRejected(_ sample: MalformedCase) {
        #expect {
            try Message.decode(Frame(type: sample.type.rawValue, payload: sample.payload))
        } throws: { error in
            guard let error = error as? WireError else { return false }
            return error.code == .malformed && error.message.contains(sample.reason)
        }
    }

    /// Except a cut just before an optional trailing field: that is the message an older
    /// peer sends, without the field.
    @Test func everyTruncationOfEveryPayloadIsRejected() throws {
        for message in SampleMessages.all {
            let frame = message.encode()
            for cut in 0..<frame.payload.count {
                let prefix = Array(frame.payload[..<cut])
                guard let shorter = try? Message.decode(Frame(type: frame.type, payload: prefix)) else { continue }
                #expect(Self.olderForms(message).contains(shorter), "\(message) cut at \(cut)")
            }
        }
    }

    /// `message` as peers that predate its last optional trailing fields send it: without
    /// the verifies, also without dropPendingActions, without any.
    static func olderForms(_ message: Message) -> [Message] {
        guard case .apply(var apply) = message else { return [trailingFieldsCleared(message)] }
        for index in apply.actions.indices { apply.actions[index].verify = nil }
        var withoutDrop = apply
        withoutDrop.dropPendingActions = false
        return [.apply(apply), .apply(withoutDrop), trailingFieldsCleared(message)]
    }

    /// `message` as a peer that predates the optional trailing fields sends it.
    static func trailingFieldsCleared(_ message: Message) -> Message {
        switch message {
        case .apply(var apply):
            for index in apply.actions.indices {
                apply.actions[index].timeoutMillis = nil
                apply.actions[index].verify = nil
            }
            apply.dropPendingActions = false
            return .apply(apply)
        case .state(var state):
            state.pendingActions = []
            return .state(state)
        default:
            return message
        }
    }

    @Test("an apply without action timeouts is byte for byte what an older director sends")
    func applyWithoutTimeoutsIsUnchanged() throws {
        let apply = Apply(
            deployID: "d", director: "lvs1", user: "u", fromCommit: nil, toCommit: SampleMessages.commitA, force: false,
            changes: [], actions: [ActionRequest(pattern: "p", commands: ["c"], logfile: nil, paths: ["etc/a"])])
        var timed = apply
        timed.actions[0].timeoutMillis = 2000
        let plain = Message.apply(apply).encode().payload
        let withTimeout = Message.apply(timed).encode().payload
        #expect(Array(withTimeout.prefix(plain.count)) == plain)
        #expect(withTimeout.count == plain.count + 8)
        #expect(try Message.decode(Frame(type: MessageType.apply.rawValue, payload: withTimeout)) == .apply(timed))
    }

    @Test func encodingRefusesPayloadAboveThePeersLimit() {
        let message = Message.blob(Blob(id: "x", content: [UInt8](repeating: 0, count: 100)))
        #expect(throws: WireError.frameTooLarge(length: 109, limit: 64)) { try message.serialized(maxPayload: 64) }
        #expect(throws: WireError.frameTooLarge(length: 109, limit: 64)) {
            try message.encode().serialized(maxPayload: 64)
        }
        #expect((try? message.serialized(maxPayload: 109))?.count == 117)
    }

    @Test func descriptionsGiveSizesNotContents() {
        let blob = Message.blob(Blob(id: "ab12", content: [UInt8](repeating: 0, count: 1000)))
        #expect("\(blob)" == "blob ab12 (1000 bytes)")
        #expect("\(blob.encode())" == "frame type 5, 1012 bytes")
        #expect(SampleMessages.all.map(\.description)[15] == """
            apply d-2: \(SampleMessages.commitA) -> \(SampleMessages.commitB), 2 changes, 2 actions, forced
            """)
        #expect(Message.error(ErrorMessage(code: .busy, message: "deploy d-1 running")).description
            == "error busy: deploy d-1 running")
    }

    @Test func wireErrorsMapToErrorCodes() {
        #expect(ErrorMessage(.unsupportedVersion(2)).code == .badVersion)
        #expect(ErrorMessage(.unsupportedVersion(2)).message == "peer speaks protocol version 2, this side speaks 1")
        #expect(ErrorMessage(.frameTooLarge(length: 9, limit: 8)).code == .tooLarge)
        #expect(ErrorMessage(.malformed(1, "x")).code == .badMessage)
        #expect(ErrorMessage(.unknownType(99)).code == .badMessage)
        #expect(WireError.malformed(1, "x").description == "malformed: malformed hello message (type 1): x")
    }
}

/// A payload that must not decode, and a piece of the reason it must give.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var type: MessageType
    var payload: [UInt8]
    var reason: String

    var testDescription: String { name }

    static func payload(_ build: (inout ByteWriter) -> Void) -> [UInt8] {
        var writer = ByteWriter()
        build(&writer)
        return writer.bytes
    }

    static let all: [MalformedCase] = [
        MalformedCase(name: "empty hello", type: .hello, payload: [], reason: "needs 1 bytes, only 0 left"),
        MalformedCase(
            name: "short nonce", type: .hello,
            payload: payload {
                $0.write(UInt8(1)); $0.write(Role.agent); $0.write("n"); $0.writeBytes([UInt8](repeating: 1, count: 31))
                $0.write("v")
            },
            reason: "nonce has 31 bytes, not 32"),
        MalformedCase(
            name: "unknown role", type: .hello, payload: payload { $0.write(UInt8(1)); $0.write(UInt8(3)) },
            reason: "at offset 1: 3 is not a valid Role"),
        MalformedCase(
            name: "bad optional tag", type: .state, payload: payload { $0.write(UInt8(7)) },
            reason: "at offset 0: optional tag is 7, not 0 or 1"),
        MalformedCase(
            name: "bad bool", type: .state,
            payload: payload { $0.write(String?.none); $0.write([ManifestEntry]()); $0.write(UInt8(2)) },
            reason: "at offset 5: bool byte is 2, not 0 or 1"),
        MalformedCase(
            name: "hostile array count", type: .state,
            payload: payload { $0.write(String?.none); $0.write(UInt32.max) },
            reason: "array of 4294967295 elements, only 0 bytes left"),
        MalformedCase(
            name: "string longer than payload", type: .fileResult, payload: payload { $0.write(UInt32(500)) },
            reason: "at offset 4: string needs 500 bytes, only 0 left"),
        MalformedCase(
            name: "bytes longer than payload", type: .proof, payload: payload { $0.write(UInt32(3)); $0.write(UInt8(1)) },
            reason: "byte string needs 3 bytes, only 1 left"),
        MalformedCase(
            name: "invalid UTF-8", type: .error,
            payload: payload { $0.write(ErrorCode.busy); $0.writeBytes([0x61, 0xff, 0x62]) },
            reason: "at offset 6: string is not valid UTF-8"),
        MalformedCase(
            name: "truncated UTF-8 sequence", type: .error,
            payload: payload { $0.write(ErrorCode.busy); $0.writeBytes([0xe2, 0x82]) },
            reason: "not valid UTF-8"),
        MalformedCase(
            name: "unknown error code", type: .error, payload: payload { $0.write(UInt16(999)); $0.write("") },
            reason: "999 is not a valid ErrorCode"),
        MalformedCase(
            name: "unknown change kind", type: .apply,
            payload: payload {
                $0.write("d"); $0.write("lvs1"); $0.write("u"); $0.write(String?.none); $0.write("c"); $0.write(false)
                $0.write(UInt32(1)); $0.write("etc/x"); $0.write(UInt8(0))
            },
            reason: "0 is not a valid Kind"),
        MalformedCase(
            name: "action timeouts not one per action", type: .apply,
            payload: payload {
                $0.write("d"); $0.write("lvs1"); $0.write("u"); $0.write(String?.none); $0.write("c"); $0.write(false)
                $0.write([FileChange]()); $0.write([ActionRequest]()); $0.write(false); $0.write([UInt32(5)])
            },
            reason: "1 action timeouts for 0 actions"),
        MalformedCase(
            name: "unknown apply status", type: .applyResult, payload: payload { $0.write(UInt8(5)) },
            reason: "5 is not a valid ApplyStatus"),
        MalformedCase(name: "bytes after bye", type: .bye, payload: [0], reason: "1 unexpected bytes after the message"),
        MalformedCase(
            name: "bytes after blob", type: .blob,
            payload: payload { $0.write("id"); $0.writeBytes([1]); $0.write(UInt16(0)) },
            reason: "2 unexpected bytes after the message at offset 11"),
    ]
}
