import GenesysCloud

/// Drift as a JUnit report: one test case per tenant, a failure when it drifted, an error when it
/// could not be checked, so CI dashboards show drift like a failing test. A plan (not a drift report,
/// e.g. merged plan shards) is labelled a plan: its failures are changes to make, not drift.
public struct DriftJUnitRenderer: Sendable {
    public init() {}

    public func render(_ plan: Plan) -> String {
        let failures = plan.tenants.filter { $0.error == nil && $0.hasChanges }.count
        let errors = plan.tenants.filter { $0.error != nil }.count
        let isDrift = plan.kind == .drift
        let suite = isDrift ? "drift" : "plan"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"messengerctl \(suite)\" tests=\"\(plan.tenants.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        xml +=
            "  <testsuite name=\"\(suite)\" tests=\"\(plan.tenants.count)\" failures=\"\(failures)\" errors=\"\(errors)\" timestamp=\"\(escape(plan.generatedAt))\">\n"
        let style = ReportStyle()
        for tenant in plan.tenants {
            xml += "    <testcase classname=\"\(escape(tenant.region))\" name=\"\(escape(tenant.tenant))\" file=\"\(escape(tenant.file))\">\n"
            if let error = tenant.error {
                xml += "      <error message=\"\(escape(error))\"/>\n"
            } else if tenant.hasChanges {
                let lines = tenant.changedObjects.flatMap {
                    isDrift ? DriftTextRenderer.describe($0, style: style) : PlanTextRenderer(style: style).renderObject($0)
                }
                let count = tenant.changedObjects.count
                let message = isDrift ? "\(Plural.count(count, "object")) drifted" : "\(Plural.count(count, "object")) to change"
                xml += "      <failure message=\"\(message)\" type=\"\(isDrift ? "drift" : "changes")\">"
                xml += escape(lines.joined(separator: "\n")) + "</failure>\n"
            }
            let ignored = tenant.objects.flatMap { o in (o.ignored ?? []).map { "\(o.kind.displayName) \(o.name) \($0.path)" } }
            var out: [String] = []
            if !ignored.isEmpty { out.append((isDrift ? "ignored drift: " : "ignored: ") + ignored.joined(separator: "; ")) }
            // A referred object renamed in the org: no drift, but the file's name for it is stale (as the text report says).
            out += tenant.renamedReferences ?? []
            if !out.isEmpty {
                xml += "      <system-out>" + escape(out.joined(separator: "\n")) + "</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // XML 1.0 forbids most control characters even escaped.
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
