import GenesysCloud

/// Shared look of the text reports: colours only on a terminal and never with `NO_COLOR`.
public struct ReportStyle: Sendable {
    public var color: Bool
    /// Longest value shown inline before it is shortened with `…`.
    public var maxValueLength: Int

    public init(color: Bool = false, maxValueLength: Int = 160) {
        self.color = color
        self.maxValueLength = maxValueLength
    }

    public func green(_ s: String) -> String { paint(s, "32") }
    public func yellow(_ s: String) -> String { paint(s, "33") }
    public func red(_ s: String) -> String { paint(s, "31") }
    public func bold(_ s: String) -> String { paint(s, "1") }
    public func dim(_ s: String) -> String { paint(s, "2") }

    private func paint(_ s: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// A value as compact JSON, shortened when long; an absent value reads `(absent)`.
    func value(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        let text = value.jsonText
        guard text.count > maxValueLength else { return text }
        return String(text.prefix(maxValueLength)) + "…"
    }

    /// The marker of a field change: `+` added, `-` removed, `~` changed.
    static func marker(_ change: FieldChange) -> String {
        switch (change.before, change.after) {
        case (nil, _): "+"
        case (_, nil): "-"
        default: "~"
        }
    }

    static func marker(_ action: PlanAction) -> String {
        switch action {
        case .create: "+"
        case .update: "~"
        case .delete: "-"
        case .none: " "
        }
    }
}
