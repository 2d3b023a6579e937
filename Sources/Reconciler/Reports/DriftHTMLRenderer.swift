import GenesysCloud

/// The nightly drift job's status page: one self-contained HTML file (inline CSS, no script, nothing
/// fetched) for a CI artifact viewer or a phone. One line of counts, then every finding in one table,
/// most severe first, then each tenant's full report folded in a `<details>`.
///
/// Everything that came from a server or a file is escaped with ``HTMLText/escape(_:limit:)``; the
/// plan holds no secret (credentials are environment variable names), so none can be shown.
public struct DriftHTMLRenderer: Sendable {
    /// Tenants of the files that this run did not check (other `--shard`s).
    public var notChecked: Int
    /// Draw the file's and the live Messenger side by side for each drifted configuration.
    public var previews: Bool
    /// Each tenant's policy (`contrastWith`, `minContrast`), by tenant name, for the previews.
    public var policies: [String: Policy]

    public init(notChecked: Int = 0, previews: Bool = true, policies: [String: Policy] = [:]) {
        self.notChecked = notChecked
        self.previews = previews
        self.policies = policies
    }

    /// One finding: a row of the table.
    struct Row {
        var state: TenantDriftState
        /// Within a state: objects missing or extra before fields, fields before pointers that follow.
        var rank: Int
        var tenant: String
        var region: String
        var object: String
        var field: String
        var liveToFile: String
        var who: String
        var fix: String
        var notes: String
    }

    public func render(_ plan: Plan, title: String = "messengerctl drift") -> String {
        let counts = DriftCounts(plan, notChecked: notChecked)
        var body = "<h1>\(HTMLText.escape(title))</h1>\n"
        body += "<p class=\"meta\">Checked \(HTMLText.escape(DriftTextRenderer.humanDate(plan.generatedAt))). "
        body += "Live → file: what the org has, and what the file wants. Who and when come from the org's audit log.</p>\n"
        body += "<p class=\"counts\" id=\"counts\">"
        body += "<span class=\"sync\"><b>\(counts.inSync)</b> in sync</span> "
        body += "<span class=\"drift\"><b>\(counts.drifted)</b> drifted</span> "
        body += "<span class=\"error\"><b>\(counts.errors)</b> error</span> "
        body += "<span class=\"ignored\"><b>\(counts.ignored)</b> ignored</span> "
        body += "<span class=\"unchecked\" title=\"tenants of the files left to other shards\"><b>\(counts.notChecked)</b> not checked</span>"
        body += "</p>\n"

        let rows = plan.tenants.flatMap(Self.rows).enumerated().sorted { a, b in
            (a.element.state.severity, a.element.rank, a.offset) < (b.element.state.severity, b.element.rank, b.offset)
        }.map(\.element)
        if rows.isEmpty {
            body += "<p>Every tenant matches its file.</p>\n"
        } else {
            body += "<div class=\"scroll\"><table id=\"findings\">\n<thead><tr>"
            for heading in Self.headings { body += "<th>\(heading)</th>" }
            body += "</tr></thead>\n<tbody>\n"
            for row in rows { body += Self.html(row) }
            body += "</tbody>\n</table></div>\n"
        }

        body += "<h2>Tenants</h2>\n"
        let tenants = plan.tenants.enumerated().sorted { a, b in
            (TenantDriftState(a.element).severity, a.offset) < (TenantDriftState(b.element).severity, b.offset)
        }.map(\.element)
        for tenant in tenants { body += section(tenant) }
        return HTMLText.page(title: title, body: body)
    }

    static let headings = ["Tenant", "Region", "Object", "Field", "Live → file", "Who and when", "Fix", "Notes"]

    static func html(_ row: Row) -> String {
        let cells = [
            "<a href=\"#tenant-\(HTMLText.anchor(row.tenant))\">\(HTMLText.escape(row.tenant))</a> "
                + "<span class=\"badge \(cssClass(row.state))\">\(label(row.state))</span>",
            HTMLText.escape(row.region), row.object, row.field, row.liveToFile, row.who, row.fix, row.notes,
        ]
        var out = "<tr class=\"\(cssClass(row.state))\">"
        for (heading, cell) in zip(headings, cells) {
            // Empty cells fold away on a phone; names and regions do not break mid-word on a desk.
            let classes = [
                heading == "Notes" ? "notes" : nil, cell == "—" || cell.isEmpty ? "empty" : nil,
                heading == "Tenant" || heading == "Region" ? "name" : nil, heading == "Field" ? "field" : nil,
            ].compactMap { $0 }
            out += "<td data-label=\"\(heading)\"\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(cell)</td>"
        }
        return out + "</tr>\n"
    }

    static func cssClass(_ state: TenantDriftState) -> String {
        switch state {
        case .error: "error"
        case .drift: "drift"
        case .ignored: "ignored"
        case .inSync: "sync"
        }
    }

    static func label(_ state: TenantDriftState) -> String {
        switch state {
        case .error: "error"
        case .drift: "drift"
        case .ignored: "ignored"
        case .inSync: "in sync"
        }
    }

    /// The table rows of one tenant: its error, or one row per drifted field (a missing or extra
    /// object is one row), then its ignored fields.
    static func rows(_ tenant: TenantPlan) -> [Row] {
        let style = ReportStyle()
        let file = HTMLText.escape(tenant.file)
        func row(_ state: TenantDriftState, rank: Int, object: String = "—", field: String = "—") -> Row {
            Row(
                state: state, rank: rank, tenant: tenant.tenant, region: tenant.region, object: object, field: field,
                liveToFile: "—", who: "—", fix: "—", notes: "")
        }
        if let error = tenant.error {
            var r = row(.error, rank: 0)
            r.fix = "Fix the cause (credentials, organization, permissions), then run drift again."
            r.notes = "<pre>\(HTMLText.escape(error))</pre>"
            return [r]
        }
        var rows: [Row] = []
        for object in tenant.changedObjects {
            let name = "\(object.kind.displayName) <code>\(HTMLText.escape(object.name))</code>"
            switch object.action {
            case .create:
                var r = row(.drift, rank: 0, object: name, field: "(the whole object)")
                r.liveToFile = "missing from the org → in the file"
                r.fix = "Re-apply (<code>messengerctl apply \(file)</code>) creates it, or remove it from the file."
                rows.append(r)
            case .delete:
                var r = row(.drift, rank: 0, object: name, field: "(the whole object)")
                r.liveToFile = "in the org → in no file"
                r.fix = "Re-apply deletes it (<code>prune: true</code>, guarded by <code>--allow delete</code>), or add it to the file (<code>messengerctl export</code> shows it)."
                rows.append(r)
            case .update, .none:
                for change in object.changes {
                    let derived = FieldChange.derivedPaths.contains(change.path)
                    var r = row(.drift, rank: derived ? 2 : 1, object: name, field: Self.path(change.path))
                    if derived {
                        r.liveToFile = HTMLText.escape(DriftTextRenderer.pointer(change, style: style))
                        r.fix = "Re-apply (<code>messengerctl apply \(file)</code>); it follows the changes above."
                    } else if let elements = ListDiff.lines(before: change.before, after: change.after, style: style) {
                        // A list (labels, holidays) is one row per changed element: live → file.
                        r.who = HTMLText.escape(DriftTextRenderer.attribution(change.attribution) ?? "unknown")
                        let key = change.path == "customI18nLabels" ? "greetings" : change.path
                        r.fix = "Re-apply (<code>messengerctl apply \(file)</code>), or accept the live list into <code>\(HTMLText.escape(key))</code> in \(file)."
                        for element in elements {
                            var e = r
                            e.field = Self.path(change.path) + (element.label.isEmpty ? "" : " <code>\(HTMLText.escape(element.label))</code>")
                            let live = element.marker == "+" ? "(absent)" : "<code>\(HTMLText.escape(style.value(element.before)))</code>"
                            let wanted = element.marker == "-" ? "(absent)" : "<code>\(HTMLText.escape(style.value(element.after)))</code>"
                            e.liveToFile = element.before == nil && element.after == nil ? HTMLText.escape(element.label) : live + " → " + wanted
                            rows.append(e)
                        }
                        continue
                    } else {
                        r.liveToFile = "<code>\(HTMLText.escape(style.value(change.before)))</code> → <code>\(HTMLText.escape(style.value(change.after)))</code>"
                        r.who = HTMLText.escape(DriftTextRenderer.attribution(change.attribution) ?? "unknown")
                        r.fix = fix(change, file: file, style: style)
                        if let draft = change.draft {
                            r.notes = "Unpublished draft: <code>\(HTMLText.escape(style.value(draft)))</code>"
                        }
                    }
                    rows.append(r)
                }
            }
        }
        for object in tenant.objects {
            for change in object.ignored ?? [] {
                var r = row(
                    .ignored, rank: 3, object: "\(object.kind.displayName) <code>\(HTMLText.escape(object.name))</code>",
                    field: Self.path(change.path))
                r.liveToFile = "<code>\(HTMLText.escape(style.value(change.before)))</code> → <code>\(HTMLText.escape(style.value(change.after)))</code>"
                r.fix = "Nothing: the file lists this field under <code>ignore:</code>."
                rows.append(r)
            }
        }
        if !rows.contains(where: { $0.state == .drift }) {
            // Only ignored drift: the tenant's rows carry its state.
            rows = rows.map { var r = $0; r.state = .ignored; return r }
        }
        return rows
    }

    /// A field path that may break after its dots on a narrow screen.
    static func path(_ path: String) -> String {
        "<code>" + HTMLText.escape(path).replacingOccurrences(of: ".", with: ".<wbr>") + "</code>"
    }

    /// Re-apply, or accept the live value into the file (as YAML flow, which JSON is).
    static func fix(_ change: FieldChange, file: String, style: ReportStyle) -> String {
        let reapply = "Re-apply (<code>messengerctl apply \(file)</code>)"
        guard let live = change.before else {
            return reapply + ", or remove <code>\(HTMLText.escape(change.path))</code> from the file."
        }
        let key = change.path == "customI18nLabels" ? "greetings" : change.path
        return reapply + ", or accept it: set <code>\(HTMLText.escape(key)): \(HTMLText.escape(style.value(live)))</code> in \(file)."
    }

    /// A tenant's full report, folded: the same lines as the text report, and the file's and the
    /// live Messenger side by side for each drifted configuration.
    func section(_ tenant: TenantPlan) -> String {
        let state = TenantDriftState(tenant)
        var out = "<details id=\"tenant-\(HTMLText.anchor(tenant.tenant))\">"
        out += "<summary>\(HTMLText.escape(tenant.tenant)) · \(HTMLText.escape(tenant.region)) · "
        out += "<span class=\"\(Self.cssClass(state))\">\(Self.label(state))</span></summary>\n"
        out += "<p class=\"meta\">File <code>\(HTMLText.escape(tenant.file))</code> · organization <code>\(HTMLText.escape(tenant.organizationId))</code></p>\n"
        let lines = DriftTextRenderer(style: ReportStyle()).renderTenant(tenant).dropFirst()
        let text = tenant.error.map { "error: " + $0 } ?? (lines.isEmpty ? "in sync" : lines.joined(separator: "\n"))
        out += "<pre>\(HTMLText.escape(text, limit: 200_000))</pre>\n"
        if previews {
            out += PreviewPairs.html(
                PreviewPairs.pairs(tenant, policy: policies[tenant.tenant] ?? Policy(), beforeLabel: "live", afterLabel: "file"),
                beforeLabel: "live", afterLabel: "file")
        }
        return out + "</details>\n"
    }
}
