import GenesysCloud

/// Who changed one drifted field: the newest audit record whose `propertyChanges` name the field
/// (reference §4.3 `AuditLogMessage.propertyChanges`), and, for a configuration, the publish that
/// shipped it. Nothing here is guessed: without such a record the changer is unknown.
public struct FieldAttribution: Sendable, Codable, Hashable {
    /// The user's name as the audit record gives it, else an id; nil when unknown.
    public var by: String?
    /// The OAuth client that made the change.
    public var clientId: String?
    /// ISO-8601 time of the change.
    public var at: String?
    /// The audit action of the record that changed the field (`Update`, `Publish`, …).
    public var action: String?
    /// Whether the change came from the OAuth client messengerctl itself uses for this tenant.
    public var byThisTool: Bool?
    /// The version a publish record gives for the publish that shipped the change; nil when no
    /// publish record says which version (a number is never inferred).
    public var publishedVersion: String?
    /// Who published it, when the publish is a different record from the change.
    public var publishedBy: String?
    public var publishedAt: String?
    public var publishedByThisTool: Bool?
    /// A configuration field changed in the draft with no publish recorded after it.
    public var unpublished: Bool?
    /// Why the changer is unknown (no record names the field, or the audit log could not be read).
    public var unknownReason: String?

    public init() {}

    /// The attribution of a field nobody can be named for.
    static func unknown(_ reason: String) -> FieldAttribution {
        var attribution = FieldAttribution()
        attribution.unknownReason = reason
        return attribution
    }
}

extension AuditLogMessage {
    /// The fields the record's `propertyChanges` name.
    ///
    /// reference §4.3 gives `property` as a string without saying how nested properties are spelled
    /// (UNVERIFIED): dots, slashes (`/messenger/styles`) and list indexes (`modes[0]`) are all read as
    /// the keys of the planner's paths, so a record matches however the service writes it. This is
    /// the service's text, read once here; the planner's own paths are never text.
    var changedFields: [FieldPath] {
        propertyChanges.map { Self.field(ofProperty: $0.property) }
    }

    static func field(ofProperty property: String) -> FieldPath {
        var text = property
        while let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") {
            text.removeSubrange(open...close)
        }
        return FieldPath(text.split(whereSeparator: { $0 == "." || $0 == "/" }).map(String.init))
    }

    /// Whether the record changed `field`, a part of it, or a list or object that holds it.
    func names(_ field: FieldPath) -> Bool {
        changedFields.contains { $0.encloses(field) || field.encloses($0) }
    }

    /// The version a publish record names in its `version` property change, when it names one.
    var publishedVersionNumber: String? {
        guard let change = propertyChanges.first(where: { Self.field(ofProperty: $0.property) == FieldPath(["version"]) }),
            let value = change.newValues.last, Int(value) != nil
        else { return nil }
        return value
    }
}
