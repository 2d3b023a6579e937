import GenesysCloud

/// Operations on JSON trees that the planner needs: laying desired fields over a live object,
/// listing the managed leaves, and comparing values without noise.
enum JSONTree {
    /// `live` with every field of `desired` laid over it: objects merge key by key, anything else
    /// (scalars, lists) replaces. Fields the file does not mention, known or not, are kept
    /// (DESIGN.md "Rules": the draft PUT is a full replace).
    static func overlay(_ desired: JSONValue, on live: JSONValue?) -> JSONValue {
        guard case .object(let d) = desired else { return desired }
        guard case .object(var merged)? = live else { return desired }
        for (key, value) in d {
            merged[key] = overlay(value, on: merged[key])
        }
        return .object(merged)
    }

    /// The managed leaves of a desired tree: every path whose value is a scalar or a list.
    /// An empty object is a leaf too (the file asks for the object to exist).
    static func leaves(of value: JSONValue, prefix: [String] = []) -> [(path: [String], value: JSONValue)] {
        guard case .object(let object) = value, !object.isEmpty else { return [(prefix, value)] }
        var result: [(path: [String], value: JSONValue)] = []
        for key in object.keys.sorted() {
            result += leaves(of: object[key]!, prefix: prefix + [key])
        }
        return result
    }

    /// Whether the live value satisfies the desired one, ignoring what the API does not care about:
    /// colour case, the order of unordered lists, and server defaults inside list elements that the
    /// file does not mention.
    static func matches(desired: JSONValue, live: JSONValue?, path: [String]) -> Bool {
        guard let live else { return false }
        switch (desired, live) {
        case (.string(let d), .string(let l)):
            return isColour(d) && isColour(l) ? d.lowercased() == l.lowercased() : d == l
        case (.number(let d), .number(let l)):
            return d == l
        case (.object(let d), .object(let l)):
            return d.allSatisfy { key, value in matches(desired: value, live: l[key], path: path + [key]) }
        case (.array(let d), .array(let l)):
            guard d.count == l.count else { return false }
            if isUnordered(path) {
                return d.map(canonical).sorted() == l.map(canonical).sorted()
            }
            return zip(d, l).allSatisfy { matches(desired: $0, live: $1, path: path + ["[]"]) }
        default:
            return desired == live
        }
    }

    /// Lists whose order the API ignores (reference §4.1/§4.2 describe them as sets of domains and types).
    static let unorderedLists: Set<String> = ["allowedDomains", "fileTypes"]

    static func isUnordered(_ path: [String]) -> Bool {
        guard let last = path.last else { return false }
        return unorderedLists.contains(last)
    }

    static func isColour(_ s: String) -> Bool {
        s.count == 7 && s.first == "#" && s.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// A comparable text for a value (colours lower-cased), used to sort unordered lists.
    static func canonical(_ value: JSONValue) -> String {
        if case .string(let s) = value, isColour(s) { return s.lowercased() }
        return value.jsonText
    }

    /// The value at `path`, or `nil`.
    static func value(at path: [String], in root: JSONValue?) -> JSONValue? {
        var current = root
        for key in path { current = current?[key] }
        return current
    }

    /// `root` with `path` set to `value` (creating objects on the way), or removed when `value` is nil
    /// (removing never creates objects).
    static func setting(_ value: JSONValue?, at path: [String], in root: JSONValue) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        if value == nil && JSONTree.value(at: path, in: root) == nil { return root }
        var object = root.objectValue ?? [:]
        if path.count == 1 {
            object[first] = value
        } else {
            object[first] = setting(value, at: Array(path.dropFirst()), in: object[first] ?? .object([:]))
        }
        return .object(object)
    }

    /// `object` without the given top-level keys.
    static func removing(_ keys: Set<String>, from object: JSONValue) -> JSONValue {
        guard case .object(var o) = object else { return object }
        for key in keys { o[key] = nil }
        return .object(o)
    }

    /// Paths of leaves where two objects differ (both directions).
    static func differingPaths(_ a: JSONValue, _ b: JSONValue, prefix: [String] = []) -> [FieldPath] {
        // A missing object reads as an empty one, so the paths name the leaves that differ.
        let oa = a.objectValue ?? (a.isNull && b.objectValue != nil ? [:] : nil)
        let ob = b.objectValue ?? (b.isNull && a.objectValue != nil ? [:] : nil)
        if let oa, let ob {
            let keys = Set(oa.keys).union(ob.keys).sorted()
            return keys.flatMap { key in
                differingPaths(oa[key] ?? .null, ob[key] ?? .null, prefix: prefix + [key])
            }
        }
        return a == b ? [] : [FieldPath(prefix)]
    }
}
