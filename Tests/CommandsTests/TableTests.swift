import Testing

@testable import Commands

@Suite("Terminal tables")
struct TableTests {
    @Test("columns are padded to the widest cell, two spaces apart, without trailing blanks")
    func aligned() {
        let text = Table.render([["NODE", "STATUS", "NOTE"], ["node10", "ok", ""], ["n1", "deployed", "x"]])
        #expect(text == "NODE    STATUS    NOTE\nnode10  ok\nn1      deployed  x")
        #expect(Table.render([]) == "")
    }
}
