import GenesysCloud

/// Changes risky enough that apply refuses them (exit 4) unless told `--allow-risky`.
public struct SafetyGuards: Sendable {
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
        let changing = planned.filter(\.hasChanges).count
        if planned.count >= minimumFleetForShare, Double(changing) > maxTenantShare * Double(planned.count) {
            violations.append(
                Violation(
                    rule: "tenant-share",
                    message:
                        "the plan changes \(changing) of \(planned.count) tenants, more than \(Int(maxTenantShare * 100)) %"))
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
                    case "messenger.enabled" where change.before == true && change.after == false:
                        add("disable-messenger", "disables the messenger")
                    case "authenticationSettings.enabled" where change.before == true && change.after == false:
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
