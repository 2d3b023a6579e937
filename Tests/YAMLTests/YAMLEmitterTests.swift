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
}
