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
                out.append("  " + style.red("error: ") + error)
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
        if s.tenantErrors > 0 { line += " (\(s.tenantErrors) tenant error\(s.tenantErrors == 1 ? "" : "s"))" }
        out.append(line + ".")
        if let activation = report.activation {
            if let c = activation.configurations {
                out.append("Publish → Active: p50 \(c.p50) ms, p95 \(c.p95) ms, max \(c.max) ms over \(c.count) configuration(s).")
            }
            if let d = activation.deployments {
                out.append("Deployment update → serving: p50 \(d.p50) ms, p95 \(d.p95) ms, max \(d.max) ms over \(d.count) deployment(s).")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func renderObject(_ object: ObjectApplyResult) -> [String] {
        let what = "\(object.action.rawValue) \(object.kind.displayName) \"\(object.name)\""
        var line: String
        switch object.outcome {
        case .applied:
            line = style.green("  ✓ ") + what
            if let version = object.publishedVersion { line += ": published version \(version)" }
            if let ms = object.activationMilliseconds {
                line += style.dim(object.kind == .deployment ? " (serving after \(ms) ms)" : " (Active after \(ms) ms)")
            }
        case .conflict: line = style.red("  ✗ conflict: ") + what
        case .blocked: line = style.yellow("  ⊘ blocked: ") + what
        case .failed: line = style.red("  ✗ failed: ") + what
        case .notAttempted: line = style.dim("  - not attempted: ") + what
        }
        if let reason = object.reason {
            line += " — " + reason
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
