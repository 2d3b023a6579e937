/// What every renderer is: one report in, text out. The CLI picks one by `--format`; a new format
/// is one new conforming type.
public protocol ReportRenderer: Sendable {
    associatedtype Report
    func render(_ report: Report) -> String
}

extension PlanTextRenderer: ReportRenderer {}
extension DriftTextRenderer: ReportRenderer {}
extension DriftJUnitRenderer: ReportRenderer {}
extension ApplyTextRenderer: ReportRenderer {}
extension AuditTextRenderer: ReportRenderer {}

extension PlanMarkdownRenderer: ReportRenderer {
    public func render(_ report: Plan) -> String { render(report, title: "messengerctl plan") }
}

extension DriftMarkdownRenderer: ReportRenderer {
    public func render(_ report: Plan) -> String { render(report, title: "messengerctl drift") }
}
