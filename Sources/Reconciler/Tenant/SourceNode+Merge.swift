import YAML

/// How a file that `extends` a base is laid over it (DESIGN.md "Tenant file"): mappings merge key
/// by key, `null` removes what the base set, lists of named objects merge element by element by
/// `name` (as Kubernetes' strategic merge does with a merge key), and other lists replace.
extension SourceNode {
    /// The lists whose elements are identified by `name`, by the keys that lead to them.
    ///
    /// Only lists this tool defines are here. Lists inside API objects (`allowedDomains`, `languages`,
    /// `messenger.fileUpload.modes`, `trackingSettings.ipFilters` whose `name` is a description) are
    /// written whole by the API's PUT, so a file that sets one sets all of it. Holidays (`closed`)
    /// replace too: one holiday name may recur on several dates, so `name` is not their identity.
    /// The kinds' sections say which (``ManagedKind/mergesByName``).
    static let namedLists: Set<[String]> = Set(
        ObjectKind.allCases.compactMap { kind in kind.managed.mergesByName ? kind.managed.fileSection.map { [$0] } : nil })

    /// The key of an element that asks for the base's element of the same name to be removed.
    static let removeKey = "remove"

    /// `overlay` laid over `base`; problems (a removal naming nothing) are added to `diagnostics`.
    static func merge(
        base: SourceNode, overlay: SourceNode, path: [String] = [], diagnostics: inout [Diagnostic]
    ) -> SourceNode {
        if namedLists.contains(path), let overlayItems = overlay.sequence {
            let merged = mergeNamed(base: base.sequence ?? [], overlay: overlayItems, path: path, diagnostics: &diagnostics)
            return SourceNode(kind: .sequence(merged), location: overlay.location, tag: overlay.tag)
        }
        guard let baseEntries = base.mapping, let overlayEntries = overlay.mapping else { return overlay }
        var result = baseEntries
        for entry in overlayEntries {
            if let index = result.firstIndex(where: { $0.key == entry.key }) {
                if entry.value.isNull {
                    result.remove(at: index)
                } else {
                    var merged = entry
                    merged.value = merge(
                        base: result[index].value, overlay: entry.value, path: path + [entry.key], diagnostics: &diagnostics)
                    result[index] = merged
                }
            } else {
                // Nothing to remove: the null stays, so validation can say the key has no value.
                var added = entry
                if namedLists.contains(path + [entry.key]), let items = entry.value.sequence {
                    // A removal here names an element no base lists: reported, then dropped.
                    added.value.kind = .sequence(
                        mergeNamed(base: [], overlay: items, path: path + [entry.key], diagnostics: &diagnostics))
                }
                result.append(added)
            }
        }
        return SourceNode(kind: .mapping(result), location: overlay.location, tag: overlay.tag)
    }

    /// The base's elements with the overlay's laid over them by `name`: an element of a name the
    /// base lists merges into it (in the base's order), a new name is appended, and
    /// `{ name: x, remove: true }` removes the base's `x`. An element without a name, or one naming
    /// an element this overlay already set, is appended as it is, so validation reports it where
    /// it was written.
    static func mergeNamed(
        base: [SourceNode], overlay: [SourceNode], path: [String], diagnostics: inout [Diagnostic]
    ) -> [SourceNode] {
        var result = base.map { (node: $0, fromOverlay: false) }
        let list = FieldPath(path).text
        for item in overlay {
            guard let name = item.elementName else {
                result.append((item, true))
                continue
            }
            if let removal = item.entry(removeKey) {
                guard removal.value.isTrue else {
                    diagnostics.append(
                        Diagnostic(
                            at: removal.value.location, "`remove` only takes `true` (remove the base's `\(name)`)",
                            hint: "to keep and change the base's `\(name)`, leave `remove` out"))
                    continue
                }
                for extra in item.mapping ?? [] where extra.key != "name" && extra.key != removeKey {
                    diagnostics.append(
                        Diagnostic(
                            at: extra.keyLocation, "`\(extra.key)` has no effect beside `remove: true`",
                            hint: "an entry with `remove: true` only names the element to remove; drop `\(extra.key)`, or drop `remove: true` to change the element"))
                }
                let at = item["name"]?.location ?? item.location
                if let index = result.firstIndex(where: { !$0.fromOverlay && $0.node.elementName == name }) {
                    result.remove(at: index)
                } else if result.contains(where: { $0.node.elementName == name }) {
                    diagnostics.append(
                        Diagnostic(at: at, "`\(name)` is both set and removed in this file's `\(list)`", hint: "keep one of the two entries"))
                } else {
                    let known = base.compactMap(\.elementName)
                    let suggestion = KeySuggestion.nearest(to: name, in: known)
                    let hint: String
                    if let suggestion {
                        hint = "did you mean `\(suggestion)`?"
                    } else if known.isEmpty {
                        hint = "`remove: true` removes an element that a base (`extends`) lists; here no base lists `\(list)`"
                    } else {
                        hint = "the base lists " + known.map { "`\($0)`" }.joined(separator: ", ")
                    }
                    diagnostics.append(
                        Diagnostic(at: at, "`remove: true` names `\(name)`, but no base lists `\(name)` in `\(list)`", hint: hint))
                }
                continue
            }
            if let index = result.firstIndex(where: { !$0.fromOverlay && $0.node.elementName == name }) {
                let merged = merge(base: result[index].node, overlay: item, path: path + ["[]"], diagnostics: &diagnostics)
                result[index] = (merged, true)
            } else {
                result.append((item, true))
            }
        }
        return result.map(\.node)
    }

    /// A file that extends no base has nothing to remove: its `remove: true` entries are reported
    /// (and dropped, so the file's other problems are reported without noise).
    static func rejectingRemovals(in root: SourceNode, diagnostics: inout [Diagnostic]) -> SourceNode {
        guard var entries = root.mapping else { return root }
        for index in entries.indices where namedLists.contains([entries[index].key]) {
            guard let items = entries[index].value.sequence else { continue }
            entries[index].value.kind = .sequence(
                mergeNamed(base: [], overlay: items, path: [entries[index].key], diagnostics: &diagnostics))
        }
        return SourceNode(kind: .mapping(entries), location: root.location, tag: root.tag)
    }

    /// The `name` of a list element, when it is a mapping with a plain scalar name.
    var elementName: String? {
        guard let node = self["name"], !node.isNull else { return nil }
        return node.scalar?.value
    }

    /// A plain `true` (YAML 1.2 core; `yes`/`on` are refused elsewhere too).
    var isTrue: Bool {
        guard tag == nil, let s = scalar, s.style == .plain else { return false }
        return s.value == "true"
    }
}
