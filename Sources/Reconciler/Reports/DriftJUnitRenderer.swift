import GenesysCloud

/// Drift as a JUnit report: one test case per tenant, a failure when it drifted, an error when it
/// could not be checked, so CI dashboards show drift like a failing test.
public struct DriftJUnitRenderer: Sendable {
    public init() {}

    public func render(_ plan: Plan) -> String {
        let failures = plan.tenants.filter { $0.error == nil && $0.hasChanges }.count
        let errors = plan.tenants.filter { $0.error != nil }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"messengerctl drift\" tests=\"\(plan.tenants.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        xml +=
            "  <testsuite name=\"drift\" tests=\"\(plan.tenants.count)\" failures=\"\(failures)\" errors=\"\(errors)\" timestamp=\"\(escape(plan.generatedAt))\">\n"
        let style = ReportStyle()
        for tenant in plan.tenants {
            xml += "    <testcase classname=\"\(escape(tenant.region))\" name=\"\(escape(tenant.tenant))\" file=\"\(escape(tenant.file))\">\n"
            if let error = tenant.error {
                xml += "      <error message=\"\(escape(error))\"/>\n"
            } else if tenant.hasChanges {
                let lines = tenant.changedObjects.flatMap { DriftTextRenderer.describe($0, style: style) }
                let count = tenant.changedObjects.count
                xml += "      <failure message=\"\(count) object\(count == 1 ? "" : "s") drifted\" type=\"drift\">"
                xml += escape(lines.joined(separator: "\n")) + "</failure>\n"
            }
            let ignored = tenant.objects.flatMap { o in (o.ignored ?? []).map { "\(o.kind.displayName) \(o.name) \($0.path)" } }
            if !ignored.isEmpty {
                xml += "      <system-out>" + escape("ignored drift: " + ignored.joined(separator: "; ")) + "</system-out>\n"
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
