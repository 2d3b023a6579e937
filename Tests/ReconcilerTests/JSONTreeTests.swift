import GenesysCloud
import Testing

@testable import Reconciler

@Suite struct JSONTreeTests {
    @Test func overlayKeepsFieldsTheFileDoesNotMention() {
        let live: JSONValue = [
            "name": "support", "futureField": ["x": 1],
            "messenger": ["enabled": true, "styles": ["primaryColor": "#000000"], "homeScreen": ["enabled": true]],
        ]
        let desired: JSONValue = ["messenger": ["styles": ["primaryColor": "#0052CC"]]]
        let merged = JSONTree.overlay(desired, on: live)
        #expect(merged["futureField"] == ["x": 1])
        #expect(merged["messenger"]?["homeScreen"] == ["enabled": true])
        #expect(merged["messenger"]?["styles"]?["primaryColor"] == "#0052CC")
        #expect(merged["messenger"]?["enabled"] == true)
    }

    @Test func listsReplaceRatherThanMerge() {
        let merged = JSONTree.overlay(["languages": ["en-us"]], on: ["languages": ["en-us", "fr"]])
        #expect(merged["languages"] == ["en-us"])
    }

    @Test func leavesAreScalarsAndLists() {
        let leaves = JSONTree.leaves(of: ["a": ["b": 1, "c": ["x", "y"]], "d": "e"])
        #expect(leaves.map { $0.path.joined(separator: ".") } == ["a.b", "a.c", "d"])
    }

    @Test func coloursCompareCaseInsensitively() {
        #expect(JSONTree.matches(desired: "#0052cc", live: "#0052CC", path: ["primaryColor"]))
        #expect(!JSONTree.matches(desired: "#0052cd", live: "#0052CC", path: ["primaryColor"]))
        #expect(!JSONTree.matches(desired: "Hello", live: "hello", path: ["title"]))
    }

    @Test func unorderedListsIgnoreOrderButNotContent() {
        #expect(JSONTree.matches(desired: ["b.example", "a.example"], live: ["a.example", "b.example"], path: ["allowedDomains"]))
        #expect(!JSONTree.matches(desired: ["b.example"], live: ["a.example"], path: ["allowedDomains"]))
        // Order matters where the API keeps it.
        #expect(!JSONTree.matches(desired: ["fr", "en-us"], live: ["en-us", "fr"], path: ["languages"]))
    }

    @Test func serverDefaultsInsideListElementsAreNotDrift() {
        let desired: JSONValue = [["fileTypes": ["image/png"], "maxFileSizeKB": 10240]]
        let live: JSONValue = [["fileTypes": ["image/png"], "maxFileSizeKB": 10240, "serverDefault": true]]
        #expect(JSONTree.matches(desired: desired, live: live, path: ["modes"]))
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
