import GenesysCloud

/// A changed list shown element by element, so a reviewer reads what changed instead of two long
/// JSON lines: label lists (`customI18nLabels`) per language and per label, lists of named objects
/// per name, and long lists of values (a schedule group's holidays) as the elements added and removed.
///
/// Only reports use it; the JSON plan keeps the whole `before` and `after`.
enum ListDiff {
    /// One line of an element-wise diff: `+` added, `-` removed, `~` changed, with a label naming
    /// the element (`[de] MessengerHomeHeaderSubTitle`), or none for a plain value.
    struct Line: Equatable {
        var marker: String
        var label: String
        var before: JSONValue?
        var after: JSONValue?
    }

    /// A scalar list shorter than this, whose one-line form also fits, stays on one line.
    static let shortList = 6

    /// The element-wise lines for a change of one list to another, or nil when the change reads
    /// best as it is (not two lists, or two short lists of plain values).
    static func lines(before: JSONValue?, after: JSONValue?, style: ReportStyle) -> [Line]? {
        guard case .array(let old)? = before, case .array(let new)? = after else { return nil }
        if let key = identityKey(old + new) {
            return keyedLines(old, new, key: key, prefix: "")
        }
        guard old.allSatisfy(isScalar), new.allSatisfy(isScalar) else { return nil }
        let long = max(old.count, new.count) >= shortList
            || before!.jsonText.count > style.maxValueLength || after!.jsonText.count > style.maxValueLength
        guard long else { return nil }
        let removed = old.filter { !new.contains($0) }.map { Line(marker: "-", label: "", before: $0, after: nil) }
        let added = new.filter { !old.contains($0) }.map { Line(marker: "+", label: "", before: nil, after: $0) }
        let lines = removed + added
        // Same elements in another order: say so rather than show nothing.
        return lines.isEmpty ? [Line(marker: "~", label: "(same elements, new order)", before: nil, after: nil)] : lines
    }

    /// The key that names each element of a list of objects: `language` (label lists), `key` (labels),
    /// `name`, `id`; nil when some element lacks it or two share a value.
    static func identityKey(_ elements: [JSONValue]) -> String? {
        guard !elements.isEmpty, elements.allSatisfy({ $0.objectValue != nil }) else { return nil }
        for key in ["language", "key", "name", "id"] {
            let values = elements.compactMap { $0[key]?.stringValue }
            guard values.count == elements.count else { continue }
            return key
        }
        return nil
    }

    /// Elements matched by `key`; matched objects diff field by field, a label list inside
    /// (`localizedLabels`) by its own key, so a changed label is one line `[de] Key: old → new`.
    static func keyedLines(_ old: [JSONValue], _ new: [JSONValue], key: String, prefix: String) -> [Line] {
        func index(_ list: [JSONValue]) -> [(String, JSONValue)] {
            var seen = Set<String>()
            return list.compactMap { element in
                guard let name = element[key]?.stringValue, seen.insert(name).inserted else { return nil }
                return (name, element)
            }
        }
        let before = index(old)
        let after = index(new)
        let beforeByName = Dictionary(before, uniquingKeysWith: { a, _ in a })
        let afterByName = Dictionary(after, uniquingKeysWith: { a, _ in a })
        var lines: [Line] = []
        // A whole element added or removed is one line, unless it holds a list of its own (a new
        // language's labels): then each of its labels is a line.
        // A label (`{key, value}`) added or removed is shown by its text alone.
        func shown(_ element: JSONValue) -> JSONValue {
            key == "key" && element.objectValue?.count == 2 ? element["value"] ?? element : element
        }
        func nested(_ element: JSONValue) -> Bool {
            element.objectValue?.values.contains { identityKey($0.arrayValue ?? []) != nil } ?? false
        }
        for (name, element) in before where afterByName[name] == nil {
            let label = label(prefix, name, key)
            if nested(element) {
                lines += fieldLines(element, [key: .string(name)], label: label, except: key)
            } else {
                lines.append(Line(marker: "-", label: label, before: shown(element), after: nil))
            }
        }
        for (name, element) in after {
            let label = label(prefix, name, key)
            guard let previous = beforeByName[name] else {
                if nested(element) {
                    lines += fieldLines([key: .string(name)], element, label: label, except: key)
                } else {
                    lines.append(Line(marker: "+", label: label, before: nil, after: shown(element)))
                }
                continue
            }
            guard previous != element else { continue }
            lines += fieldLines(previous, element, label: label, except: key)
        }
        return lines
    }

    /// `[de]` for a language, the bare key for a label (`MessengerHomeHeaderSubTitle`), `[name]` otherwise.
    static func label(_ prefix: String, _ name: String, _ key: String) -> String {
        let part = key == "key" ? name : "[\(name)]"
        return prefix.isEmpty ? part : prefix + " " + part
    }

    /// The fields of one matched element that differ. A label (`{key, value}`) is shown by its value
    /// alone; a nested list of named objects diffs by name again.
    static func fieldLines(_ old: JSONValue, _ new: JSONValue, label: String, except key: String) -> [Line] {
        guard let a = old.objectValue, let b = new.objectValue else {
            return [Line(marker: "~", label: label, before: old, after: new)]
        }
        var lines: [Line] = []
        for field in Set(a.keys).union(b.keys).sorted() where field != key && a[field] != b[field] {
            let (x, y) = (a[field]?.arrayValue, b[field]?.arrayValue)
            if x != nil || y != nil, a[field] == nil || x != nil, b[field] == nil || y != nil,
                let inner = identityKey((x ?? []) + (y ?? []))
            {
                lines += keyedLines(x ?? [], y ?? [], key: inner, prefix: label)
                continue
            }
            // A label's text is its `value`: `[de] MessengerHomeHeaderSubTitle: "…" → "…"`.
            let name = key == "key" && field == "value" ? label : "\(label).\(field)"
            switch (a[field], b[field]) {
            case (nil, let added): lines.append(Line(marker: "+", label: name, before: nil, after: added))
            case (let removed, nil): lines.append(Line(marker: "-", label: name, before: removed, after: nil))
            default: lines.append(Line(marker: "~", label: name, before: a[field], after: b[field]))
            }
        }
        return lines
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        value.arrayValue == nil && value.objectValue == nil
    }

    /// The lines as text under a change's own line, indented by `indent`: `~ [de] Key: "a" → "b"`.
    /// `forward` is the order the report reads (`before → after` in a plan, `file → live` in drift).
    static func render(_ lines: [Line], indent: String, style: ReportStyle, forward: Bool = true) -> [String] {
        lines.map { line in
            let (from, to) = forward ? (line.before, line.after) : (line.after, line.before)
            let marker = forward ? line.marker : (line.marker == "+" ? "-" : line.marker == "-" ? "+" : line.marker)
            let name = line.label.isEmpty ? "" : TerminalText.escape(line.label) + ": "
            switch marker {
            case "+": return "\(indent)+ \(name)\(style.value(to ?? from))"
            case "-": return "\(indent)- \(name)\(style.value(from ?? to))"
            default:
                guard from != nil || to != nil else { return "\(indent)~ \(TerminalText.escape(line.label))" }
                return "\(indent)~ \(name)\(style.value(from)) → \(style.value(to))"
            }
        }
    }
}
