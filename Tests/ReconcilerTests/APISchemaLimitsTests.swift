import Foundation
import Testing
import TestSupport
@testable import Reconciler

/// `validate` checks the OpenAPI's `pattern`, `maxLength` and integer ranges generically, from the table
/// `scripts/generate-schema.py` writes (`APISchema+Generated.swift`). This reads the reference's OpenAPI
/// text itself, independently of that script, and holds the table to every limit of every field a tenant
/// file can set: a limit the table lacks is a rule `validate` silently skips.
@Suite struct APISchemaLimitsTests {
    /// The `definitions` of the OpenAPI files the table is generated from, as JSON (python3 + PyYAML, as
    /// the generator and the emulator's tests read them; the reference stays in ../shared).
    static func definitions() async throws -> [String: [String: Any]] {
        let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/openapi").path
        let script = """
            import sys, json, yaml, os
            defs = {}
            for name in ('web-deployments.yml', 'supported-content.yml'):
                with open(os.path.join(sys.argv[1], name)) as f:
                    for k, v in yaml.safe_load(f)['definitions'].items():
                        defs.setdefault(k, v)
            json.dump(defs, sys.stdout)
            """
        let data = try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, directory]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    /// The range an integer property allows: its `minimum`/`maximum`, else the bounds of its format.
    static func range(_ property: [String: Any]) -> ClosedRange<Int64>? {
        guard property["type"] as? String == "integer" else { return nil }
        let (low, high): (Int64, Int64) =
            switch property["format"] as? String {
            case "int32": (Int64(Int32.min), Int64(Int32.max))
            default: (Int64.min, Int64.max)  // int64, or no format: a JSON integer the server reads as a long
            }
        let minimum = (property["minimum"] as? NSNumber).map { $0.int64Value } ?? low
        let maximum = (property["maximum"] as? NSNumber).map { $0.int64Value } ?? high
        return minimum...maximum
    }

    @Test func everyPatternLengthAndRangeOfTheOpenAPIIsInTheTable() async throws {
        let definitions = try await Self.definitions()
        #expect(definitions.count > 50)
        var patterns = 0, lengths = 0, ranges = 0
        for model in APISchema.models.values {
            let properties = try #require(definitions[model.name]?["properties"] as? [String: [String: Any]], "\(model.name)")
            for field in model.fields where !field.readOnly {
                let property = try #require(properties[field.name], "\(model.name).\(field.name)")
                let where_ = "\(model.name).\(field.name)"
                #expect(field.pattern == property["pattern"] as? String, "\(where_): pattern")
                #expect(field.maxLength == property["maxLength"] as? Int, "\(where_): maxLength")
                #expect(field.range == Self.range(property), "\(where_): range")
                // A `minLength` above 0 would be a rule the table has no place for.
                #expect(((property["minLength"] as? Int) ?? 0) == 0, "\(where_): minLength")
                if field.pattern != nil { patterns += 1 }
                if field.maxLength != nil { lengths += 1 }
                if field.range != nil { ranges += 1 }
            }
        }
        // The reference's limits today: the support center's colours and category ids, its messages'
        // length, and the integer fields (reference §4).
        #expect(patterns == 8)
        #expect(lengths == 1)
        #expect(ranges >= 6)
    }
}
