import GenesysCloud

/// `messengerctl status`: one line per tenant, the table a person types first.
///
/// ```
/// TENANT   REGION     ORGANIZATION                          STATUS   LAST CHANGE
/// acme-eu  eu-west-1  8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a  drift    2026-11-30 03:26 UTC by Admin UI user (Publish configuration "acme-support")
/// ```
public struct StatusTextRenderer: Sendable {
    public var style: ReportStyle

    public init(style: ReportStyle = ReportStyle()) {
        self.style = style
    }

    public func render(_ lines: [TenantStatus], notChecked: Int = 0) -> String {
        let header = ["TENANT", "REGION", "ORGANIZATION", "STATUS", "LAST CHANGE"]
        let rows = lines.map { line -> [String] in
            [
                DriftTextRenderer.printable(line.tenant), DriftTextRenderer.printable(line.region),
                DriftTextRenderer.printable(line.organizationId), status(line), lastChange(line),
            ]
        }
        let widths = (0..<4).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func format(_ row: [String], paint: Bool) -> String {
            var text = ""
            for column in 0..<4 {
                let cell = row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
                text += (paint && column == 3 ? colour(row[column], cell) : cell) + "  "
            }
            return text + row[4]
        }
        var out = [format(header, paint: false)] + rows.map { format($0, paint: true) }
        let counts = lines.reduce(into: [String: Int]()) { $0[$1.state, default: 0] += 1 }
        out.append("")
        out.append(
            "\(counts["in sync"] ?? 0) in sync · \(counts["drift"] ?? 0) drifted · \(counts["error"] ?? 0) error · "
                + "\(counts["ignored"] ?? 0) ignored · \(notChecked) not checked")
        return out.joined(separator: "\n") + "\n"
    }

    func status(_ line: TenantStatus) -> String {
        line.state == "drift" ? "drift (\(Plural.count(line.drifted, "object")))" : line.state
    }

    private func colour(_ state: String, _ cell: String) -> String {
        if state.hasPrefix("drift") { return style.yellow(cell) }
        if state == "error" { return style.red(cell) }
        if state == "in sync" { return style.green(cell) }
        return style.dim(cell)
    }

    func lastChange(_ line: TenantStatus) -> String {
        if let error = line.error { return "error: " + DriftTextRenderer.printable(error) }
        if let reason = line.lastChangeUnknown { return "unknown (\(DriftTextRenderer.printable(reason)))" }
        guard let change = line.lastChange else { return "no change recorded in the last 14 days" }
        var text = change.at.map { DriftTextRenderer.humanDate(DriftTextRenderer.printable($0)) } ?? "(no date)"
        text += " by " + (change.by.map(DriftTextRenderer.printable) ?? "unknown")
        if change.byThisTool == true { text += " (messengerctl's own client)" }
        var what = [change.action.map(DriftTextRenderer.printable), line.lastChangeObject.map(DriftTextRenderer.printable)]
            .compactMap { $0 }.joined(separator: " ")
        if let version = change.publishedVersion { what += " as version \(version)" }
        return what.isEmpty ? text : text + " (\(what))"
    }
}
