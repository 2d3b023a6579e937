import GenesysCloud

/// Changes risky enough that apply refuses them (exit 4) unless told `--allow RULE` or `--allow-risky`.
public struct SafetyGuards: Sendable {
    /// Every rule by the name `--allow` takes, with what it stops.
    public static let rules: [(name: String, summary: String)] = [
        ("delete", "deleting an object"),
        ("allow-all-domains", "turning allowAllDomains on"),
        ("remove-domains", "removing allowed domains"),
        ("disable-messenger", "turning the messenger off"),
        ("disable-authentication", "turning authentication off"),
        ("older-version", "moving a deployment to an older version"),
        ("pinned-version", "moving a deployment its file pins to a version"),
        ("tenant-share", "changing existing objects in more than 30 % of a fleet of 10 or more tenants that have any"),
    ]

    /// The share of tenants one run may change.
    public var maxTenantShare: Double
    /// The share rule applies from this many tenants on: in a fleet of three, one tenant is already 33 %.
    public var minimumFleetForShare: Int

    public init(maxTenantShare: Double = 0.30, minimumFleetForShare: Int = 10) {
        self.maxTenantShare = maxTenantShare
        self.minimumFleetForShare = minimumFleetForShare
    }

    public struct Violation: Sendable, Codable, Hashable, CustomStringConvertible {
        public var tenant: String?
        public var object: String?
        public var rule: String
        public var message: String
        public var description: String {
            [tenant, object].compactMap { $0 }.joined(separator: " ") + (tenant == nil ? "" : ": ") + message
        }
    }

    public func check(_ plan: Plan) -> [Violation] {
        var violations: [Violation] = []
        let planned = plan.tenants.filter { $0.error == nil }
        // As octoDNS counts updates and deletes of existing records only, and only once enough exist:
        // objects created in new orgs endanger nothing that serves visitors today.
        let existing = planned.filter { $0.objects.contains { $0.id != nil } }
        let changing = existing.filter { $0.objects.contains { $0.action == .update || $0.action == .delete } }.count
        if existing.count >= minimumFleetForShare, Double(changing) > maxTenantShare * Double(existing.count) {
            violations.append(
                Violation(
                    rule: "tenant-share",
                    message:
                        "the plan changes existing objects in \(changing) of \(existing.count) tenants that have any, "
                        + "more than \(Int(maxTenantShare * 100)) %"))
        }
        for tenant in planned {
            for object in tenant.changedObjects {
                let label = "\(object.kind.displayName) \"\(object.name)\""
                func add(_ rule: String, _ message: String) {
                    violations.append(Violation(tenant: tenant.tenant, object: label, rule: rule, message: message))
                }
                if object.action == .delete {
                    add("delete", object.duplicateOf.map { "would be deleted (a duplicate; \($0) is kept)" } ?? "would be deleted")
                    continue
                }
                if let pinned = object.pinnedVersion, object.action == .update,
                    object.changes.contains(where: { $0.path == "configuration.version" || $0.path == "configuration" })
                {
                    add("pinned-version", "moves a deployment its file pins: to version \(pinned)")
                }
                for change in object.changes {
                    switch change.path {
                    case "allowAllDomains" where change.after == true && change.before != true:
                        add("allow-all-domains", "turns allowAllDomains on: any website could embed this messenger")
                    case "allowedDomains":
                        let before = Set((change.before?.arrayValue ?? []).compactMap(\.stringValue))
                        let after = Set((change.after?.arrayValue ?? []).compactMap(\.stringValue))
                        let removed = before.subtracting(after)
                        if object.action == .update, !removed.isEmpty {
                            add("remove-domains", "removes allowed domains \(removed.sorted().joined(separator: ", "))")
                        }
                    // The draft counts too: publishing ships the draft's value, whatever was published.
                    case "messenger.enabled" where (change.before == true || change.draft == true) && change.after == false:
                        add("disable-messenger", "disables the messenger")
                    case "authenticationSettings.enabled"
                    where (change.before == true || change.draft == true) && change.after == false:
                        add("disable-authentication", "disables authentication")
                    case "configuration.version":
                        if let before = change.before?.stringValue.flatMap({ Int($0) }),
                            let after = change.after?.stringValue.flatMap({ Int($0) }), after < before
                        {
                            add("older-version", "moves the deployment back from version \(before) to \(after)")
                        }
                    default:
                        break
                    }
                }
            }
        }
        return violations
    }
}
