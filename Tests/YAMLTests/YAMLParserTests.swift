import Testing
@testable import YAML

@Suite struct YAMLParserTests {
    func parse(_ text: String, limits: YAMLLimits = .default) throws -> YAMLNode {
        try #require(try YAMLParser.parse(text, file: "t.yaml", limits: limits))
    }

    func error(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
        do {
            _ = try YAMLParser.parse(text, file: "t.yaml", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func marksOnNestedNodesAreOneBased() throws {
        let root = try parse("""
            a:
              b:
                - x
                - { c: "d" }
            """)
        #expect(root.mark == Mark(line: 1, column: 1))
        let pair = try #require(root.mapping?.first)
        #expect(pair.key.mark == Mark(line: 1, column: 1))
        let b = try #require(root["a"]?.mapping?.first)
        #expect(b.key.mark == Mark(line: 2, column: 3))
        let list = try #require(b.value.sequence)
        #expect(list[0].mark == Mark(line: 3, column: 7))
        #expect(list[1].mark == Mark(line: 4, column: 7))
        let c = try #require(list[1].mapping?.first)
        #expect(c.key.mark == Mark(line: 4, column: 9))
        #expect(c.value.mark == Mark(line: 4, column: 12))
        #expect(c.value.scalar == YAMLScalar("d", style: .doubleQuoted))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "é" and "日本" are 2 and 6 bytes but 1 and 2 characters; 🎉 is 4 bytes, 1 character.
        let root = try parse("title: \"é日本🎉\"\nx: [é, 日本, 🎉, z]\n")
        let items = try #require(root["x"]?.sequence)
        #expect(items.map(\.mark.column) == [5, 8, 12, 15])
        #expect(items[3].mark == Mark(line: 2, column: 15))
    }

    @Test func scalarsKeepTheirTextAndStyle() throws {
        let root = try parse("""
            plain: On
            single: 'no'
            double: "1.0"
            literal: |
              line
            folded: >
              a
              b
            tilde: ~
            empty:
            tagged: !!str yes
            """)
        #expect(root["plain"]?.scalar == YAMLScalar("On", style: .plain))
        #expect(root["plain"]?.stringValue == "On")
        #expect(root["plain"]?.boolValue == nil)
        #expect(root["single"]?.scalar == YAMLScalar("no", style: .singleQuoted))
        #expect(root["double"]?.scalar?.style == .doubleQuoted)
        #expect(root["literal"]?.scalar == YAMLScalar("line\n", style: .literal))
        #expect(root["folded"]?.scalar == YAMLScalar("a b\n", style: .folded))
        #expect(root["tilde"]?.isNull == true)
        #expect(root["empty"]?.isNull == true)
        #expect(root["tagged"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["tagged"]?.stringValue == "yes")
    }

    @Test func typedReadersFollowTheDocumentedRules() throws {
        let root = try parse("a: true\nb: FALSE\nc: yes\nd: 10240\ne: '7'\nf: 4.5\ng: 0x1F\n")
        #expect(root["a"]?.boolValue == true)
        #expect(root["b"]?.boolValue == false)
        #expect(root["c"]?.boolValue == nil)
        #expect(root["d"]?.intValue == 10240)
        #expect(root["e"]?.intValue == nil)
        #expect(root["f"]?.doubleValue == 4.5)
        #expect(root["g"]?.intValue == nil)
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try YAMLParser.parse("# only a comment\n", file: "t.yaml") == nil)
    }

    @Test func secondDocumentIsRefused() {
        let e = error("a: 1\n---\nb: 2\n")
        #expect(e?.mark.line == 2)
        #expect(e?.message.contains("second YAML document") == true)
    }

    @Test func syntaxErrorNamesThePosition() {
        let e = error("a: [1, 2\nb: 3\n")
        #expect(e != nil)
        #expect(e?.file == "t.yaml")
        #expect(e?.description.hasPrefix("t.yaml:") == true)
    }

    @Test func aliasesAreResolved() throws {
        let root = try parse("base: &b { x: 1 }\ncopy: *b\n")
        #expect(root["copy"]?["x"]?.stringValue == "1")
        #expect(root["copy"]?.mark == Mark(line: 2, column: 7))
    }

    @Test func mergeKeysAreRefused() {
        let e = error("base: &b { x: 1 }\ncopy:\n  <<: *b\n  y: 2\n")
        #expect(e?.mark == Mark(line: 3, column: 3))
        #expect(e?.message.contains("merge keys") == true)
    }
}
