import Foundation
import GitStore
import Testing

@Suite struct ObjectIDTests {
    @Test func parsesAndPrintsLowercaseHex() throws {
        let id = try #require(ObjectID(hex: "CE013625030BA8DBA906F756967F9E9CA394464A"))
        #expect(id.hex == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(id.description == id.hex)
        #expect(id.short == "ce01362")
    }

    @Test(arguments: [
        "", "ce01362", "ce013625030ba8dba906f756967f9e9ca394464", "ce013625030ba8dba906f756967f9e9ca394464a0",
        "ge013625030ba8dba906f756967f9e9ca394464a", " ce013625030ba8dba906f756967f9e9ca394464a",
    ])
    func rejectsAnythingButFortyHexDigits(_ text: String) {
        #expect(ObjectID(hex: text) == nil)
    }

    @Test func ordersLikeItsHex() throws {
        let hexes = [
            "ffffffffffffffffffffffffffffffffffffffff", "0000000000000000000000000000000000000001",
            "00000000000000000000000000000000000000ff", "0000000000000001000000000000000000000000",
            "7fffffffffffffff000000000000000000000000", "8000000000000000000000000000000000000000",
        ]
        let ids = try hexes.map { try #require(ObjectID(hex: $0)) }
        #expect(ids.sorted().map(\.hex) == hexes.sorted())
    }

    @Test func codesAsAHexString() throws {
        let id = try #require(ObjectID(hex: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"]"#)
        #expect(try JSONDecoder().decode([ObjectID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ObjectID].self, from: Data(#"["xyz"]"#.utf8))
        }
    }
}

/// Ids parsed where they come in from outside: an error that says which id, from where.
@Suite struct ObjectIDParsingTests {
    @Test func anIDFromOutsideParsesOrSaysWhatItWasToBe() throws {
        let hex = "ce013625030ba8dba906f756967f9e9ca394464a"
        #expect(try ObjectID(parsing: hex, "node1's commit").hex == hex)
        #expect(try ObjectID.parsing(nil, "node1's commit") == nil)
        #expect(throws: InvalidObjectID(what: "node1's commit", text: "HEAD")) {
            try ObjectID(parsing: "HEAD", "node1's commit")
        }
        do {
            _ = try ObjectID.parsing(String(hex.dropLast()), "d2's refs/heads/main")
            Issue.record("a 39-digit id parsed")
        } catch {
            #expect("\(error)" == "d2's refs/heads/main is '\(hex.dropLast())', not a 40-digit object id")
        }
    }

    @Test func theZeroIDIsGitsNone() throws {
        #expect(try ObjectID(parsing: String(repeating: "0", count: 40), "zero").isZero)
        #expect(try !ObjectID(parsing: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", "empty blob").isZero)
    }
}
