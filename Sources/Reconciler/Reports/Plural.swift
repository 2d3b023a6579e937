/// Counted nouns in reports: `1 tenant`, `2 tenants`, never `tenant(s)`.
public enum Plural {
    /// `count(1, "tenant")` → `1 tenant`; `count(2, "tenant")` → `2 tenants`.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// The verb agreeing with `n` things: `verb(1, "changes", "change")`.
    static func verb(_ n: Int, _ singular: String, _ plural: String) -> String {
        n == 1 ? singular : plural
    }
}
