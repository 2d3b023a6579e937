import Foundation
import GenesysEmulator

/// The OpenAPI definitions of ../shared/reference/openapi/*.yml, read at test time (never copied into the
/// project) and converted to JSON with python3 + PyYAML, and a small checker of response bodies against them.
struct OpenAPISchemas: Sendable {
    let definitions: [String: EmulatorJSON]

    static let shared: OpenAPISchemas = load()

    private static func load() -> OpenAPISchemas {
        // Tests/GenesysEmulatorTests/Support/OpenAPISchemas.swift → repository root → ../shared
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.deletingLastPathComponent().appendingPathComponent("shared/reference/openapi").path
        let script = """
            import sys, json, yaml, glob, os
            loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
            defs = {}
            for name in sorted(glob.glob(os.path.join(sys.argv[1], '*.yml'))):
                for k, v in yaml.load(open(name), Loader=loader)['definitions'].items():
                    defs.setdefault(k, v)
            json.dump(defs, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            return OpenAPISchemas(definitions: [:])
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return OpenAPISchemas(definitions: EmulatorJSON.parse(data)?.objectValue ?? [:])
    }

    /// Problems of `value` as an instance of definition `model`: wrong types, unknown enum values, and
    /// properties the model does not have.
    func problems(_ value: EmulatorJSON?, as model: String) -> [String] {
        guard !definitions.isEmpty else { return ["OpenAPI definitions could not be read from ../shared (python3 + PyYAML needed)"] }
        guard let value else { return ["no body"] }
        var problems: [String] = []
        check(value, schema: ["$ref": .string("#/definitions/\(model)")], path: model, problems: &problems)
        return problems
    }

    private func check(_ value: EmulatorJSON, schema: EmulatorJSON, path: String, problems: inout [String]) {
        if let ref = schema["$ref"]?.stringValue {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let definition = definitions[name] else { return problems.append("\(path): unknown definition \(name)") }
            if name == "LocalDateTime" { return }
            return check(value, schema: definition, path: path, problems: &problems)
        }
        if case .null = value { return }
        switch schema["type"]?.stringValue {
        case "string":
            guard let text = value.stringValue else { return problems.append("\(path): expected string") }
            if let allowed = schema["enum"]?.arrayValue, !allowed.contains(.string(text)) {
                problems.append("\(path): \(text) is not an allowed value")
            }
        case "integer":
            if value.intValue == nil { problems.append("\(path): expected integer") }
        case "number":
            if case .number = value {} else { problems.append("\(path): expected number") }
        case "boolean":
            if value.boolValue == nil { problems.append("\(path): expected boolean") }
        case "array":
            guard let items = value.arrayValue else { return problems.append("\(path): expected array") }
            for (index, item) in items.enumerated() {
                check(item, schema: schema["items"] ?? [:], path: "\(path)[\(index)]", problems: &problems)
            }
        default:
            guard let members = value.objectValue else { return problems.append("\(path): expected object") }
            if let additional = schema["additionalProperties"] {
                for (key, member) in members { check(member, schema: additional, path: "\(path).\(key)", problems: &problems) }
                return
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            for (key, member) in members {
                guard let propertySchema = properties[key] else {
                    problems.append("\(path).\(key): not a property of the model")
                    continue
                }
                check(member, schema: propertySchema, path: "\(path).\(key)", problems: &problems)
            }
        }
    }
}
