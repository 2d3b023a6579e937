/// Fields the server owns, per kind: they are never compared, hashed as content, or sent back.
///
/// Defined here, beside the models, once: plan, apply and export all read them from this table.
/// Reference §4.1/§4.2 mark them read-only; `status` moves by itself (`Pending → Active`, §3.5 item 4).
public enum ServerOwnedFields {
    public static let configuration: Set<String> = [
        "id", "version", "dateCreated", "dateModified", "datePublished", "lastModifiedUser", "createdUser",
        "publishedUser", "selfUri", "status",
    ]
    public static let deployment: Set<String> = [
        "id", "snippet", "dateCreated", "dateModified", "lastModifiedUser", "selfUri", "status",
    ]
    /// Schedules and schedule groups. Reference §4.4: `version` is writable (and sent back as the
    /// lock); these are read-only.
    public static let architect: Set<String> = [
        "id", "dateCreated", "dateModified", "modifiedBy", "createdBy", "state", "modifiedByApp", "createdByApp",
        "selfUri",
    ]
    /// Supported content profiles (reference §8: `id`, `dateCreated`, `dateModified`, `createdBy`,
    /// `modifiedBy` are read-only; the spec text marks `version` and `selfUri` read-only too).
    public static let supportedContent: Set<String> = SupportedContent.readOnlyFields
}
