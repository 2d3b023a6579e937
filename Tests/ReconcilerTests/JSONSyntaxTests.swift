import Foundation
import GenesysCloud
import Testing

@testable import Reconciler

/// The syntax check that lets a broken plan file say "truncated" or "not JSON" with the byte offset.
@Suite struct JSONSyntaxTests {
    static let document = Array(
        #"{"formatVersion": 1, "tenants": [{"tenant": "a\"b", "n": -1.5e3, "ok": true, "x": null, "l": []}], "o": {}}"#.utf8)

    @Test func validDocumentsPass() throws {
        #expect(JSONSyntax.check(Self.document) == nil)
        let plan = try ReportFiles.json(Plan(generatedAt: "t", tenants: []))
        #expect(JSONSyntax.check(Array(plan)) == nil)
        #expect(JSONSyntax.check(Array(" [1, \"\\u00e9\", {\"k\": [false]}] \n".utf8)) == nil)
    }

    @Test func everyCutIsTruncatedAtItsLength() {
        for length in 0..<Self.document.count {
            let failure = JSONSyntax.check(Array(Self.document.prefix(length)))
            #expect(failure?.truncated == true && failure?.offset == length, "cut at \(length): \(String(describing: failure))")
        }
    }

    @Test func invalidTextNamesTheFirstBadByte() {
        let bare = JSONSyntax.check(Array(#"{"formatVersion": 1, tenants: []}"#.utf8))
        #expect(bare?.offset == 21 && bare?.truncated == false && bare?.message == "unexpected `t`")
        let trailing = JSONSyntax.check(Array("{}\n}".utf8))
        #expect(trailing?.offset == 3 && trailing?.line == 2 && trailing?.column == 1)
        let control = JSONSyntax.check(Array("[\"a\u{01}\"]".utf8))
        #expect(control?.message == "a control character inside a string")
        let comma = JSONSyntax.check(Array("[1,]".utf8))
        #expect(comma?.offset == 3 && comma?.truncated == false)
    }

    @Test func hostileNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        let failure = JSONSyntax.check(deep)
        #expect(failure?.message == "nested more than \(JSONSyntax.maximumDepth) levels deep")
    }
}
