import Testing
@testable import YAML

@Suite struct YAMLEmitterTests {
    func roundTrip(_ node: YAMLNode) throws -> (String, YAMLNode) {
        let text = YAMLEmitter.emit(node)
        do {
            let back = try #require(try YAMLParser.parse(text, file: "emitted.yaml"))
            return (text, back)
        } catch {
            Issue.record("\(error)\nin emitted text:\n\(text)")
            throw error
        }
    }

    @Test func parsedDocumentRoundTripsWithKeyOrder() throws {
        let source = """
            zeta: 1
            alpha:
              - name: acme-support
                languages: [en-us, fr]
                messenger:
                  launcherButton: { visibility: "On" }
                  styles: { primaryColor: "#0052CC" }
              - []
              - {}
              - - nested
                - list
            quoted: "a: b # not a comment"
            multi: "line one\\nline two\\n"
            unicode: "é日本🎉"
            """
        let node = try #require(try YAMLParser.parse(source, file: "in.yaml"))
        let (text, back) = try roundTrip(node)
        #expect(back.hasSameValue(as: node), "emitted:\n\(text)")
        #expect(back.mapping?.map { $0.key.scalar?.value } == ["zeta", "alpha", "quoted", "multi", "unicode"])
    }

    @Test func stringsYAML11WouldRetypeAreQuoted() throws {
        let words = ["On", "off", "yes", "NO", "y", "true", "~", "null", "1.0", "10240", "0x1F", "12:30", "2026-12-25", "", "<<", "-5", ".inf", "#hash", "- dash", "a: b"]
        let node = YAMLNode.mapping(words.map { YAMLPair(key: .string("k" + $0), value: .string($0)) })
        let (text, back) = try roundTrip(node)
        for (word, pair) in zip(words, try #require(back.mapping)) {
            #expect(pair.value.scalar?.value == word)
            #expect(pair.value.scalar?.style != .plain, "\(word) was written plain in:\n\(text)")
        }
        #expect(YAMLNode.string("acme-support").scalar?.style == .plain)
    }

    @Test func plainValuesStayPlain() throws {
        let node = YAMLNode.mapping([
            YAMLPair(key: .string("enabled"), value: .plain("true")),
            YAMLPair(key: .string("size"), value: .plain("10240")),
        ])
        #expect(YAMLEmitter.emit(node) == "enabled: true\nsize: 10240\n")
    }

    /// Found by the fuzzer (TenantFuzzTests): `key:` is null, and `key: ""` an empty string; in a
    /// tenant overlay the first removes a key the base sets, so the emitter must not confuse them.
    @Test func emptyPlainScalarsStayNull() throws {
        let source = "greetings:\nlist:\n  -\n  - x\ntagged: !!str\nquoted: \"\"\n"
        let node = try #require(try YAMLParser.parse(source, file: "in.yaml"))
        let (text, back) = try roundTrip(node)
        #expect(text == source, "emitted:\n\(text)")
        let values = try #require(back.mapping).map(\.value)
        #expect(values[0].isNull)
        #expect(values[1].sequence?.first?.isNull == true)
        #expect(values[2].tag == "tag:yaml.org,2002:str" && values[2].scalar?.value == "")
        #expect(!values[3].isNull && values[3].scalar?.value == "")

        let document = try #require(try YAMLParser.parse("---\n", file: "in.yaml"))
        let (emptyText, emptyBack) = try roundTrip(document)
        #expect(emptyBack.isNull, "emitted: \(emptyText.debugDescription)")
    }

    /// Found by the fuzzer: a tag on a key (`!!str 10: ten`) was dropped, retyping the key.
    @Test func keysKeepTheirTags() throws {
        let node = try #require(try YAMLParser.parse("!!str 10: ten\n!!int 11: eleven\n", file: "in.yaml"))
        let (text, back) = try roundTrip(node)
        #expect(text == "!!str 10: ten\n!!int 11: eleven\n")
        #expect(try #require(back.mapping).map(\.key.tag) == ["tag:yaml.org,2002:str", "tag:yaml.org,2002:int"])
    }

    /// Found by the fuzzer: `-1` was written `"-1"`, so an exported negative number read back as a
    /// string. `-x`, `?x` and `:x` are plain scalars in block context; `- x` and `-` alone are not.
    @Test func negativeNumbersAndIndicatorStartsStayPlain() throws {
        let source = "offset: -1\nratio: -0.5\nflag: -x\nquery: ?q\nsymbol: :s\n"
        let node = try #require(try YAMLParser.parse(source, file: "in.yaml"))
        let (text, back) = try roundTrip(node)
        #expect(text == source)
        #expect(try #require(back.mapping).first?.value.intValue == -1)
        let dashes = YAMLNode.mapping(["- x", "-", "? q", ": s", "-\tx"].enumerated().map { YAMLPair(key: .string("k\($0)"), value: .plain($1)) })
        for pair in try #require(try roundTrip(dashes).1.mapping) {
            #expect(pair.value.scalar?.style == .doubleQuoted, "\(pair.value)")
        }
    }
}
