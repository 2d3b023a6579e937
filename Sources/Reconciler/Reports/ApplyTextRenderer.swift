import GenesysCloud

/// The apply report as text: per tenant and object, applied / conflict / blocked / failed / not attempted.
public struct ApplyTextRenderer: Sendable {
    public var style: ReportStyle

    public init(style: ReportStyle = ReportStyle()) {
        self.style = style
    }

    public func render(_ report: ApplyReport) -> String {
        var out: [String] = []
        if report.tenants.isEmpty {
            out.append("Nothing to apply: every tenant is in sync.")
        }
        for tenant in report.tenants {
            out.append(style.bold(tenant.tenant) + style.dim(" · \(tenant.region)"))
            if let error = tenant.error {
                out.append("  " + style.red("error: ") + TerminalText.escape(error, keepingLineBreaks: true))
            }
            for object in tenant.objects {
                out += renderObject(object)
            }
        }
        out.append("")
        let s = report.summary
        var line =
            "Apply: \(s.applied) applied, \(s.conflict) conflict, \(s.blocked) blocked, \(s.failed) failed, "
            + "\(s.notAttempted) not attempted across \(s.tenants) tenant\(s.tenants == 1 ? "" : "s")"
        if s.alreadyApplied > 0 { line += "; \(s.alreadyApplied) already applied" }
        if s.tenantErrors > 0 { line += " (\(s.tenantErrors) tenant error\(s.tenantErrors == 1 ? "" : "s"))" }
        out.append(line + ".")
        if s.alreadyApplied > 0, s.alreadyApplied == report.tenants.flatMap(\.objects).count, s.tenantErrors == 0 {
            out.append("Already applied: the org already holds every change of this plan; nothing was written.")
        }
        if let activation = report.activation {
            if let c = activation.configurations {
                out.append("Publish → Active: p50 \(c.p50) ms, p95 \(c.p95) ms, max \(c.max) ms over \(Plural.count(c.count, "configuration")).")
            }
            if let d = activation.deployments {
                out.append("Deployment update → serving: p50 \(d.p50) ms, p95 \(d.p95) ms, max \(d.max) ms over \(Plural.count(d.count, "deployment")).")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func renderObject(_ object: ObjectApplyResult) -> [String] {
        let what = "\(object.action.rawValue) \(object.kind.displayName) \"\(TerminalText.escape(object.name))\""
        var line: String
        switch object.outcome {
        case .applied:
            line = style.green("  ✓ ") + what
            if let version = object.publishedVersion { line += ": published version \(version)" }
            if let ms = object.activationMilliseconds {
                var timing = object.kind == .deployment ? "serving after \(ms) ms" : "Active after \(ms) ms"
                if let waited = object.rateLimitWaitMilliseconds, waited > 0 {
                    timing += ", after waiting \(waited) ms for the rate limit"
                }
                line += style.dim(" (\(timing))")
            }
        case .conflict: line = style.red("  ✗ conflict: ") + what
        case .blocked: line = style.yellow("  ⊘ blocked: ") + what
        case .failed: line = style.red("  ✗ failed: ") + what
        case .notAttempted: line = style.dim("  - not attempted: ") + what
        case .alreadyApplied: line = style.green("  = already applied: ") + what
        }
        if let rebased = object.rebased, !rebased.isEmpty {
            line += style.yellow(" (re-based over another writer's changes: " + rebased.joined(separator: ", ") + ")")
        }
        if let reason = object.reason {
            line += " — " + TerminalText.escape(reason, keepingLineBreaks: true)
        }
        var lines = [line]
        for conflict in object.conflicts ?? [] {
            lines.append(
                "      \(conflict.path): base \(style.value(conflict.base)), ours \(style.value(conflict.ours)), "
                    + "theirs \(style.value(conflict.theirs))")
        }
        return lines
    }
}
