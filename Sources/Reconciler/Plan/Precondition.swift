import GenesysCloud

/// What an object looked like when planned (DESIGN.md "Versions and concurrency").
public struct Precondition: Sendable, Codable, Hashable {
    /// Drafts and deployments: `dateModified` as read.
    public var dateModified: String?
    /// Drafts and deployments: `sha256:` of the object's content as read.
    public var contentHash: String?
    /// Configurations: the latest published version number ("3"), nil when never published.
    public var publishedVersion: String?
    /// Schedules and groups: the integer `version` the API enforces (reference §5.4).
    public var version: Int?
    /// Deployments: `sha256:` of the content without the configuration pointer, so a pointer that
    /// another apply moved forward is told apart from an edit of the fields.
    public var fieldsHash: String?
    /// The values of every field the file manages as read (changed by the plan or not), so apply can
    /// tell whether another writer touched any of them (three-way: base, ours, theirs).
    public var base: [String: JSONValue]?

    public init(
        dateModified: String? = nil, contentHash: String? = nil, publishedVersion: String? = nil, version: Int? = nil,
        base: [String: JSONValue]? = nil
    ) {
        self.dateModified = dateModified
        self.contentHash = contentHash
        self.publishedVersion = publishedVersion
        self.version = version
        self.base = base
    }
}

extension Precondition {
    /// What plan records of a live object: the one representation that ``isMoved(_:now:managing:)``
    /// checks at apply, so plan and apply cannot normalise differently. A kind the API locks
    /// (``ManagedKind/versionLocked``) is held by its `version`; the others by `dateModified` and a
    /// fingerprint of the fields the file manages (reference §5.4: drafts and deployments have no lock).
    static func observe(
        _ kind: ObjectKind, live: JSONValue, managing managed: JSONValue?, publishedVersion: String? = nil,
        base: [String: JSONValue]? = nil
    ) -> Precondition {
        let rules = kind.managed
        var precondition = Precondition(
            dateModified: live["dateModified"]?.stringValue,
            contentHash: rules.versionLocked ? nil : fingerprint(kind, live, managing: managed),
            publishedVersion: publishedVersion,
            version: rules.versionLocked ? live["version"]?.intValue : nil, base: base)
        rules.observeExtra(live, into: &precondition)
        return precondition
    }

    /// Whether the live object is no longer what the plan saw: its `version` where the API locks the
    /// kind, else its `dateModified` or the fingerprint of the managed fields.
    func isMoved(_ kind: ObjectKind, now: JSONValue, managing managed: JSONValue?) -> Bool {
        if let version { return now["version"]?.intValue != version }
        return Self.fingerprint(kind, now, managing: managed) != contentHash
            || now["dateModified"]?.stringValue != dateModified
    }

    /// The content half: only the fields the file manages (the shape of `managed`), `name`, and what
    /// the kind adds (``ManagedKind/fingerprintShape(_:)``). Hashing whole objects would make every
    /// update a conflict where plan and apply read differently shaped objects (reference §4.2); a
    /// change outside the managed fields still moves `dateModified`, which is compared too.
    static func fingerprint(_ kind: ObjectKind, _ object: JSONValue, managing managed: JSONValue?) -> String {
        var shape = managed ?? .object([:])
        if case .object = shape {} else { shape = .object([:]) }
        shape["name"] = .null
        kind.managed.fingerprintShape(&shape)
        return ContentHash.of(ContentHash.project(object, onto: shape))
    }
}
