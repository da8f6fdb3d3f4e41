import Testing

@testable import Agent

/// Reading `state.log`: whole blocks, a save cut short, and damage told apart.
@Suite("State log")
struct StateLogTests {
    private static func entry(_ path: String, _ blob: String) -> ManifestEntry {
        ManifestEntry(path: path, blobID: blob, mode: 0o644, owner: "root", group: "root")
    }

    /// Three saves: c1 with /a and /b, c2 changing /a, c3 dropping /b.
    private static func blocks() -> [[UInt8]] {
        var state = NodeState(commit: "c1", manifest: ["/a": entry("/a", "a1"), "/b": entry("/b", "b1")])
        let first = StateLog.block(state, paths: ["/a", "/b"])
        state.commit = "c2"
        state.manifest["/a"] = entry("/a", "a2")
        let second = StateLog.block(state, paths: ["/a"])
        state.commit = "c3"
        state.manifest["/b"] = nil
        let third = StateLog.block(state, paths: ["/b"])
        return [first, second, third]
    }

    private static func log(_ blocks: [[UInt8]]) -> [UInt8] {
        StateLog.empty() + blocks.joined()
    }

    /// The 1-based line of byte `offset`.
    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].count(where: { $0 == UInt8(ascii: "\n") }) + 1
    }

    private static func read(_ bytes: [UInt8]) -> LogReader.Reading {
        StateLog.read(bytes, file: "/s/state.log")
    }

    @Test("whole blocks read back, each closed by its seal")
    func whole() throws {
        let bytes = Self.log(Self.blocks())
        let reading = Self.read(bytes)
        #expect(reading.version == 2)
        #expect(reading.fault == nil)
        #expect(reading.blocks.count == 3)
        #expect(reading.length == bytes.count)
        var state = NodeState()
        #expect(StateLog.replay(reading.blocks, onto: &state).problem == nil)
        #expect(state == NodeState(commit: "c3", manifest: ["/a": Self.entry("/a", "a2")]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("confsync-state-log\t2\ncommit\tc1\n"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("saved\t") }.allSatisfy { $0.count == 6 + BlockSeal.length })
    }

    @Test("an empty file or a cut header is damage, not a log without saves")
    func emptyOrCutHeader() {
        for bytes in [[], Array("confsync-sta".utf8)] {
            let reading = Self.read(bytes)
            guard case .damaged(let message) = reading.fault else {
                Issue.record("\(bytes.count) bytes: \(String(describing: reading.fault))")
                continue
            }
            #expect(message.hasPrefix("/s/state.log"), "\(message)")
            #expect(reading.blocks.isEmpty)
        }
    }

    @Test("a header of another kind or version is damage")
    func otherHeader() {
        for header in ["confsync-state\t1\n", "confsync-state-log\t3\n"] {
            let reading = Self.read(Array(header.utf8) + Self.blocks()[0])
            #expect(reading.fault == .damaged("/s/state.log:1: not a 'confsync-state-log' file of version 1 or 2"))
            #expect(reading.unverified.contains { $0.fields.first == "file" }, "its lines are kept as hints")
        }
    }

    @Test("the last block cut at any byte is a torn tail: the blocks before it stand")
    func tornTailAtEveryByte() {
        let blocks = Self.blocks()
        let whole = Self.log(Array(blocks.prefix(2)))
        let firstLine = Self.line(of: whole.count, in: whole)
        for kept in 1..<blocks[2].count {
            let reading = Self.read(whole + blocks[2].prefix(kept))
            #expect(reading.fault == .torn(line: firstLine, bytes: kept), "cut after \(kept) bytes")
            #expect(reading.blocks.count == 2)
            #expect(reading.length == whole.count)
        }
    }

    @Test("a record torn out of the middle, with whole blocks after it, is damage at that block")
    func tornRecordThenWholeBlocks() throws {
        let blocks = Self.blocks()
        // The second block loses its `saved` line and the end of its last record, then the
        // third is appended whole: what a version 1 reader called "missing field 4".
        let before = Self.log([blocks[0]])
        let bytes = before + blocks[1].dropLast(6 + BlockSeal.length + 1 + 8) + blocks[2]
        let reading = Self.read(bytes)
        let damaged = Self.line(of: before.count, in: bytes)
        guard case .damaged(let message) = reading.fault else {
            Issue.record("\(String(describing: reading.fault))")
            return
        }
        #expect(message.hasPrefix("/s/state.log:\(damaged): the block on lines \(damaged)-"), "\(message)")
        #expect(message.hasSuffix("fails its checksum"), "\(message)")
        #expect(reading.blocks.count == 1)
        #expect(reading.unverified.contains { $0.fields == ["drop", "/b"] }, "the block after it is a hint")
    }

    @Test("a bit flipped anywhere in a block that has another after it is damage")
    func bitFlipInCompleteBlock() {
        let blocks = Self.blocks()
        let before = Self.log([blocks[0]])
        for offset in 0..<blocks[1].count {
            for bit in [0, 5] {
                var flipped = blocks[1]
                flipped[offset] ^= UInt8(1 << bit)
                let reading = Self.read(before + flipped + blocks[2])
                guard case .damaged = reading.fault else {
                    Issue.record("bit \(bit) of byte \(offset): \(String(describing: reading.fault))")
                    continue
                }
                #expect(reading.blocks.count == 1, "byte \(offset)")
            }
        }
    }

    @Test("a bit flipped in the last block is never read as a whole block")
    func bitFlipInLastBlock() {
        let blocks = Self.blocks()
        let before = Self.log(Array(blocks.prefix(2)))
        for offset in 0..<blocks[2].count {
            var flipped = blocks[2]
            flipped[offset] ^= 0x01
            let reading = Self.read(before + flipped)
            // A flip that breaks the `saved` line itself looks like a cut; anything else fails the seal.
            #expect(reading.fault != nil, "byte \(offset)")
            #expect(reading.blocks.count == 2, "byte \(offset)")
        }
    }

    @Test("a version 1 log still reads: bare `saved` lines, a torn tail, damage before the last block")
    func versionOne() throws {
        let header = "confsync-state-log\t1\n"
        let first = "commit\tc1\nfile\t/a\ta1\t644\troot\troot\nsaved\n"
        let second = "commit\tc2\nfile\t/a\ta2\t644\troot\troot\nsaved\n"
        var reading = Self.read(Array((header + first + second).utf8))
        #expect(reading.version == 1 && reading.fault == nil && reading.blocks.count == 2)

        reading = Self.read(Array((header + first + "commit\tc2\nfile\t/a").utf8))
        #expect(reading.fault == .torn(line: 5, bytes: 17))
        #expect(reading.blocks.count == 1)

        // A torn record with a whole block after it reads as a block whose record is short.
        reading = Self.read(Array((header + first + "commit\tc2\nfile\t/a" + second).utf8))
        #expect(reading.fault == nil && reading.blocks.count == 2)
        var state = NodeState()
        let replay = StateLog.replay(reading.blocks, onto: &state)
        #expect(replay.replayed == 1)
        #expect(replay.problem == "/s/state.log:6: missing field 4")
        #expect(state.commit == "c1")

        reading = Self.read(Array((header + first + "commit\tc2\nfile\t/a\\q\n" + second).utf8))
        #expect(reading.fault == .damaged("/s/state.log:6: damaged before its last block"))
        #expect(reading.blocks.count == 1)
    }

    @Test("a sealed block with a record that cannot be applied is not applied at all")
    func unappliableBlock() {
        var writer = RecordCodec.Writer(kind: nil)
        writer.append("commit", "c9")
        writer.append("file", "/a", "a9", "9x9", "root", "root")
        writer.append(StateLog.terminator, BlockSeal.of(writer.bytes[...]))
        let reading = Self.read(Self.log([Self.blocks()[0], writer.bytes]))
        #expect(reading.fault == nil)
        var state = NodeState()
        let replay = StateLog.replay(reading.blocks, onto: &state)
        #expect(replay.replayed == 1)
        #expect(replay.problem == "/s/state.log:7: field 4 is not octal")
        #expect(state.commit == "c1" && state.manifest["/a"]?.blobID == "a1")
    }
}
