import GenesysCloud

/// What apply checks in a saved plan before it trusts it. A saved plan travels through CI (the
/// apply job downloads what a pull request's plan job uploaded), so it is checked against itself
/// and against the tenant files of the working tree; any failure means nothing is applied.
public struct SavedPlanCheck: Sendable {
    /// Why a saved plan is refused; `stale` plans (and plans of another format version, as stale
    /// for this messengerctl) exit 3, the others 1.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public enum Reason: Sendable { case notAPlan, tenantErrors, corrupt, mismatch, stale, formatVersion }
        public var reason: Reason
        public var message: String
        public var description: String { message }
        /// Whether the plan is refused as out of date: re-running plan makes a good one.
        public var isStale: Bool { reason == .stale || reason == .formatVersion }
        public init(reason: Reason, message: String) {
            self.reason = reason
            self.message = message
        }
    }

    public var loader: TenantLoader

    public init(loader: TenantLoader = TenantLoader()) {
        self.loader = loader
    }

    /// Throws the first kind of problem found, with every instance of it listed.
    public func verify(_ plan: Plan, path: String) throws(Refusal) {
        try checkKind(plan, path: path)
        let errors = plan.tenants.filter { $0.error != nil }
        if !errors.isEmpty {
            throw Refusal(
                reason: .tenantErrors,
                message: "\(path) has tenants that could not be planned, so nothing was applied:\n"
                    + errors.map { "  - \(Self.quoted($0.tenant)): \(Self.quoted($0.error ?? ""))" }.joined(separator: "\n")
                    + "\nFix them and re-run plan.")
        }
        let corrupt = Self.inconsistencies(in: plan)
        if !corrupt.isEmpty {
            throw Refusal(
                reason: .corrupt,
                message: "\(path) is corrupt: its parts disagree, so nothing was applied:\n"
                    + corrupt.map { "  - " + $0 }.joined(separator: "\n")
                    + "\nRe-run plan; a saved plan is written by 'plan --out' and never edited by hand.")
        }
        let (mismatches, stale) = compareWithFiles(plan)
        if !mismatches.isEmpty {
            throw Refusal(
                reason: .mismatch,
                message: "\(path) does not match the tenant files in this working tree, so nothing was applied:\n"
                    + mismatches.map { "  - " + $0 }.joined(separator: "\n"))
        }
        if !stale.isEmpty {
            throw Refusal(
                reason: .stale,
                message: "\(path) is stale: the tenant files changed since it was planned, so nothing was applied:\n"
                    + stale.map { "  - " + $0 }.joined(separator: "\n") + "\nRe-run plan against these files.")
        }
    }

    private func checkKind(_ plan: Plan, path: String) throws(Refusal) {
        // Files from before `kind` existed: a drift report is the one that says who changed what.
        let kind = plan.kind ?? (plan.tenants.contains { $0.objects.contains { $0.lastChange != nil } } ? .drift : .plan)
        switch kind {
        case .plan: return
        case .drift:
            throw Refusal(
                reason: .notAPlan,
                message: "\(path) is a drift report (from 'drift --format json'), not a plan; apply takes a plan saved with 'plan --out'")
        case .mixed:
            throw Refusal(
                reason: .notAPlan,
                message: "\(path) mixes plans and drift reports (a 'report merge' of both); apply takes plans only: merge the plans alone")
        }
    }

    // MARK: The plan against itself

    /// Every way the parts of a plan disagree: what apply writes (`desired`) against what the
    /// reviewer saw and the guards judge (`changes`) and what the object held (`precondition.base`),
    /// actions against ids, names and ids that repeat, and the summary against the tenants.
    public static func inconsistencies(in plan: Plan) -> [String] {
        var problems: [String] = []
        if plan.summary != PlanSummary(tenants: plan.tenants) {
            problems.append("the summary does not count the plan's objects")
        }
        var tenantNames: Set<String> = []
        for tenant in plan.tenants {
            let who = quoted(tenant.tenant)
            if !tenantNames.insert(tenant.tenant).inserted { problems.append("tenant \(who) appears twice") }
            var names: Set<String> = []
            var ids: Set<String> = []
            for object in tenant.objects {
                let what = "\(who) \(object.kind.displayName) \(quoted(object.name))"
                // A duplicate to delete (`--remove-duplicates`) shares the name of the object kept.
                if object.duplicateOf == nil, !names.insert("\(object.kind.rawValue)/\(object.name)").inserted {
                    problems.append("\(what) appears twice")
                }
                if let id = object.id, !ids.insert("\(object.kind.rawValue)/\(id)").inserted {
                    problems.append("\(what) carries id \(quoted(id)), which another entry carries too")
                }
                problems += objectInconsistencies(object).map { "\(what): \($0)" }
                if object.kind == .deployment, object.action != .delete, let name = object.configurationName,
                    !tenant.objects.contains(where: { $0.kind == .configuration && $0.name == name && $0.action != .delete })
                {
                    problems.append("\(what) serves configuration \(quoted(name)), which the plan does not have")
                }
            }
        }
        return problems
    }

    static func objectInconsistencies(_ object: ObjectPlan) -> [String] {
        var problems: [String] = []
        let derived = FieldChange.derivedPaths
        switch object.action {
        case .create:
            if object.id != nil { problems.append("a create carries an id") }
        case .update, .delete:
            if object.id == nil { problems.append("an \(object.action.rawValue) carries no id") }
            if object.precondition == nil { problems.append("an \(object.action.rawValue) carries no precondition") }
        case .none:
            if !object.changes.isEmpty { problems.append("lists changes but its action is none") }
        }
        if object.action == .delete {
            if object.desired != nil || !object.changes.isEmpty { problems.append("a delete carries fields to write") }
            return problems
        }
        if object.action != .none && object.desired == nil { problems.append("carries nothing to write") }
        let desired = JSONTree.leaves(of: object.desired ?? .object([:])).filter { !$0.path.isEmpty }
        let wanted = Dictionary(desired.map { (FieldPath($0.path).text, $0.value) }, uniquingKeysWith: { a, _ in a })
        let keys = Dictionary(desired.map { (FieldPath($0.path).text, $0.path) }, uniquingKeysWith: { a, _ in a })
        var changes: [String: FieldChange] = [:]
        for change in object.changes {
            if changes.updateValue(change, forKey: change.path) != nil { problems.append("lists `\(change.path)` twice") }
            guard !derived.contains(change.path) else { continue }
            guard let value = wanted[change.path] else {
                problems.append("`changes` lists `\(change.path)`, which `desired` does not write")
                continue
            }
            if change.after != value {
                problems.append(
                    "`changes` shows `\(change.path)` becoming \(show(change.after)), but `desired` writes \(show(value))")
            }
        }
        let base = object.precondition?.base ?? [:]
        // The guards read `before`; apply checks the live object against `base`. They must agree, or
        // an edited `before` could hide a removed domain from the guards.
        for change in object.changes where object.action == .update && !derived.contains(change.path) {
            let planned = base[change.path] ?? .null
            // A configuration's base is its draft, which may differ from the published `before`.
            let agrees = object.kind == .configuration
                ? planned == (change.draft ?? .null) || planned == (change.before ?? .null)
                : planned == (change.before ?? .null)
            if !agrees {
                problems.append(
                    "`changes` shows `\(change.path)` as \(show(change.before)) before, but the plan's base says \(show(planned))")
            }
        }
        for (path, value) in wanted.sorted(by: { $0.key < $1.key }) where changes[path] == nil {
            // A managed field the plan does not change must already hold the wanted value.
            let unchanged = object.action != .create
                && base[path].map { JSONTree.matches(desired: value, live: $0, path: keys[path] ?? [path]) } == true
            if !unchanged {
                problems.append(
                    "`desired` writes `\(path)` as \(show(value)), but `changes` does not list it (the reviewer never saw it)")
            }
        }
        return problems
    }

    // MARK: The plan against the files

    /// Identity problems (tenant, org, region, credentials, names) and stale content, per tenant.
    func compareWithFiles(_ plan: Plan) -> (mismatches: [String], stale: [String]) {
        var mismatches: [String] = []
        var stale: [String] = []
        let files = Array(Set(plan.tenants.map(\.file))).sorted()
        var loaded: [String: TenantLoadResult] = [:]
        for file in files {
            loaded[file] = loader.load(paths: [file])
        }
        for entry in plan.tenants {
            let who = Self.quoted(entry.tenant)
            let file = Self.quoted(entry.file)
            guard let result = loaded[entry.file], !entry.file.isEmpty else {
                mismatches.append("\(who): the plan names no tenant file")
                continue
            }
            if result.diagnostics.contains(where: { $0.severity == .error }) {
                let first = result.diagnostics.first { $0.severity == .error }.map(\.description) ?? ""
                mismatches.append("\(who): \(file) cannot be read as a tenant file here: \(first)")
                continue
            }
            guard let tenant = result.tenants.first else {
                mismatches.append("\(who): \(file) holds no tenant")
                continue
            }
            if tenant.name != entry.tenant {
                mismatches.append("\(who): \(file) is tenant \(Self.quoted(tenant.name))")
                continue
            }
            var identity: [String] = []
            if tenant.region != entry.region {
                identity.append("region \(Self.quoted(entry.region)) (the file says \(Self.quoted(tenant.region)))")
            }
            if tenant.organizationId.lowercased() != entry.organizationId.lowercased() {
                identity.append(
                    "organizationId \(Self.quoted(entry.organizationId)) (the file says \(Self.quoted(tenant.organizationId)))")
            }
            if tenant.credentials.clientIdEnv != entry.credentials.clientIdEnv
                || tenant.credentials.clientSecretEnv != entry.credentials.clientSecretEnv
            {
                identity.append(
                    "credentials \(Self.quoted(entry.credentials.clientIdEnv))/\(Self.quoted(entry.credentials.clientSecretEnv)) "
                        + "(the file says \(tenant.credentials.clientIdEnv)/\(tenant.credentials.clientSecretEnv))")
            }
            if !identity.isEmpty {
                mismatches.append("\(who): the plan says " + identity.joined(separator: ", ") + " for \(file)")
                continue
            }
            // Names in the files count as the ids the plan resolved them to (and as themselves otherwise).
            let wanted = Self.desiredByObject(ReferenceResolver.substituting(entry.references ?? [], in: tenant))
            for object in entry.objects {
                let what = "\(who) \(object.kind.displayName) \(Self.quoted(object.name))"
                let key = "\(object.kind.rawValue)/\(object.name)"
                if object.action == .delete {
                    // A duplicate of a managed object (`--remove-duplicates`), or an object no file names (`prune`).
                    if object.duplicateOf != nil ? wanted[key] == nil : wanted[key] != nil || !tenant.prune {
                        mismatches.append("\(what): the plan deletes it, but \(file) keeps it or does not prune")
                    }
                    continue
                }
                guard let expected = wanted[key] else {
                    stale.append("\(what): \(file) does not name it")
                    continue
                }
                for (path, value) in JSONTree.leaves(of: object.desired ?? .object([:])) where !path.isEmpty {
                    // Greetings become the full label list, laid over the live labels at plan time.
                    if object.kind == .configuration, path.first == "customI18nLabels" { continue }
                    if JSONTree.value(at: path, in: expected) != value {
                        stale.append("\(what): `\(FieldPath(path).text)` is \(Self.show(value)) in the plan, "
                            + "\(Self.show(JSONTree.value(at: path, in: expected))) in \(file) (with its bases)")
                    }
                }
            }
        }
        return (mismatches, stale)
    }

    /// What each object of a tenant file asks for, by `kind/name`.
    static func desiredByObject(_ tenant: Tenant) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for kind in ObjectKind.allCases {
            for object in kind.managed.desiredObjects(in: tenant) { result["\(kind.rawValue)/\(object.name)"] = object.fields }
        }
        return result
    }

    /// A name or value from the file as JSON text: quoted, control characters escaped.
    static func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }

    static func show(_ value: JSONValue?) -> String { ReportStyle().value(value) }
}
