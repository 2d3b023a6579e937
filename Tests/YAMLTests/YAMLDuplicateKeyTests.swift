import Testing
import YAML

/// Every duplicate key of a document is reported, not only the first.
@Suite struct YAMLDuplicateKeyTests {
    @Test func everyDuplicateIsCollectedAndTheFirstValueKept() throws {
        var problems: [YAMLError] = []
        let text = "a: 1\na: 2\nb: {c: 1, c: 2}\nb: 3\n"
        let node = try YAMLParser.parse(bytes: Array(text.utf8), file: "t.yaml", problems: &problems)
        #expect(problems.map { "\($0.mark.line):\($0.mark.column)" } == ["2:1", "3:11", "4:1"])
        #expect(problems.allSatisfy { $0.message.hasPrefix("duplicate key") })
        #expect(node?["a"]?.scalar?.value == "1")
        #expect(node?["b"]?["c"]?.scalar?.value == "1")
    }

    @Test func theThrowingParseStillStopsAtTheFirstDuplicate() {
        #expect(throws: YAMLError.self) { try YAMLParser.parse("a: 1\na: 2\n", file: "t.yaml") }
    }
}
