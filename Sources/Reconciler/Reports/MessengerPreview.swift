import Foundation
import GenesysCloud

/// A sketch, in SVG, of what a visitor sees of one Messenger configuration in one language: a page,
/// the Messenger's home screen (header in `primaryColor` with the title and subtitle), and the launcher
/// button (its `displayType`, `visibility` and text) at its `position`, with the WCAG contrast ratio
/// of the text on the colour printed beside it.
///
/// It is a sketch, not a render of Genesys' Messenger: shapes and sizes follow the fields
/// (reference §4.1 `LauncherButtonSettings`, `PositionSettings`, `CustomI18nLabels`), not pixels.
/// Fields the configuration does not set are drawn as the sketch's defaults and labelled so.
public struct MessengerPreview: Sendable {
    /// The configuration's fields (a version, a draft, or the file's desired fields).
    public var configuration: JSONValue
    public var language: String
    /// `policy.contrastWith`: the colour of text drawn on `primaryColor`.
    public var contrastWith: String
    public var minContrast: Double
    /// A caption: `support · de · file`.
    public var caption: String

    public init(configuration: JSONValue, language: String, contrastWith: String = "#FFFFFF", minContrast: Double = 4.5, caption: String) {
        self.configuration = configuration
        self.language = language
        self.contrastWith = contrastWith
        self.minContrast = minContrast
        self.caption = caption
    }

    static let width = 360
    static let pageHeight = 560
    static let legendHeight = 112

    /// The label `key` in this preview's language, else nil.
    func label(_ key: String) -> String? {
        let entries = configuration["customI18nLabels"]?.arrayValue ?? []
        let entry = entries.first { $0["language"]?.stringValue?.lowercased() == language.lowercased() }
        return entry?["localizedLabels"]?.arrayValue?.first { $0["key"]?.stringValue == key }?["value"]?.stringValue
    }

    /// The languages a configuration is previewed in: `languages`, else those its labels name, else `en-us`.
    public static func languages(of configuration: JSONValue) -> [String] {
        if let listed = configuration["languages"]?.arrayValue?.compactMap(\.stringValue), !listed.isEmpty { return listed }
        let labelled = configuration["customI18nLabels"]?.arrayValue?.compactMap { $0["language"]?.stringValue } ?? []
        return labelled.isEmpty ? ["en-us"] : labelled
    }

    /// The values the sketch draws, each with whether the configuration set it.
    struct Look {
        var enabled: Bool
        var primary: HexColour
        var primarySet: Bool
        var text: HexColour
        var visibility: String
        var displayType: String
        var alignment: String
        var side: Int
        var bottom: Int
        var homeScreen: Bool
        var title: String?
        var subtitle: String?
        var launcherText: String?
        var defaulted: [String]
    }

    func look() -> Look {
        var defaulted: [String] = []
        func string(_ path: [String], _ fallback: String) -> String {
            if let value = JSONTree.value(at: path, in: configuration)?.stringValue { return value }
            defaulted.append(path.last!)
            return fallback
        }
        func number(_ path: [String], _ fallback: Int) -> Int {
            if let value = JSONTree.value(at: path, in: configuration)?.doubleValue, value.isFinite {
                return Int(max(0, min(value, 200)))  // bounded: a hostile number cannot push the button off the page
            }
            defaulted.append(path.last!)
            return fallback
        }
        let primaryText = configuration["messenger"]?["styles"]?["primaryColor"]?.stringValue
        let primary = primaryText.flatMap(HexColour.init)
        if primary == nil { defaulted.append("primaryColor") }
        return Look(
            enabled: configuration["messenger"]?["enabled"]?.boolValue ?? true,
            primary: primary ?? HexColour("#0052CC")!, primarySet: primary != nil,
            text: HexColour(contrastWith) ?? HexColour("#FFFFFF")!,
            visibility: string(["messenger", "launcherButton", "visibility"], "On"),
            displayType: string(["messenger", "launcherButton", "displayType"], "Icon"),
            alignment: string(["position", "alignment"], "Auto"),
            side: number(["position", "sideSpace"], 20), bottom: number(["position", "bottomSpace"], 20),
            homeScreen: configuration["messenger"]?["homeScreen"]?["enabled"]?.boolValue ?? true,
            title: label("MessengerHomeHeaderTitle"), subtitle: label("MessengerHomeHeaderSubTitle"),
            launcherText: label("MessengerLauncherButtonText"), defaulted: defaulted)
    }

    /// The WCAG 2.x contrast ratio of the text colour on the primary colour.
    public var contrastRatio: Double {
        let look = look()
        return look.primary.contrastRatio(with: look.text)
    }

    /// The SVG document. Every text is escaped; nothing is fetched (no image, no font, no link).
    /// Inside an HTML page (`standalone: false`) the namespace is implied and left out.
    public func svg(standalone: Bool = true) -> String {
        let l = look()
        let w = Self.width
        let h = Self.pageHeight + Self.legendHeight
        let primary = l.primary.description
        let ink = l.text.description
        var s = "<svg" + (standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") + " width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\" "
        s += "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\">\n"
        s += "<title>\(HTMLText.escape(caption)): a sketch of the Messenger, not a render</title>\n"
        // The visitor's page.
        s += "<rect width=\"\(w)\" height=\"\(Self.pageHeight)\" fill=\"#F3F4F6\"/>\n"
        s += "<rect x=\"16\" y=\"16\" width=\"\(w - 32)\" height=\"28\" rx=\"4\" fill=\"#E5E7EB\"/>\n"
        for (i, width) in [220, 260, 180, 240].enumerated() {
            s += "<rect x=\"16\" y=\"\(60 + i * 18)\" width=\"\(width)\" height=\"8\" rx=\"4\" fill=\"#E5E7EB\"/>\n"
        }
        guard l.enabled else {
            s += text(x: w / 2, y: Self.pageHeight / 2, "Messenger disabled (messenger.enabled: false)", size: 13, fill: "#374151", anchor: "middle")
            return s + legend(l) + "</svg>\n"
        }
        // Left or right; `Auto` follows the page's writing direction, drawn here as a left-to-right page.
        let right = l.alignment != "Left"
        let buttonHeight = 56
        let buttonWidth: Int
        let launcherText = l.launcherText ?? "Chat"
        switch l.displayType {
        case "Text": buttonWidth = min(w - 2 * l.side, 28 + Self.textWidth(launcherText, size: 17))
        case "IconAndText": buttonWidth = min(w - 2 * l.side, 62 + Self.textWidth(launcherText, size: 17))
        default: buttonWidth = buttonHeight
        }
        let side = min(l.side, w - buttonWidth)
        let bx = right ? w - side - buttonWidth : side
        let by = Self.pageHeight - l.bottom - buttonHeight
        // The home screen, open above the launcher.
        if l.homeScreen {
            let pw = min(300, w - 2 * max(8, side))
            let px = right ? w - max(8, side) - pw : max(8, side)
            let py = max(8, by - 12 - 300)
            let ph = by - 12 - py
            s += "<rect x=\"\(px)\" y=\"\(py)\" width=\"\(pw)\" height=\"\(ph)\" rx=\"12\" fill=\"#FFFFFF\" stroke=\"#D1D5DB\"/>\n"
            s += "<path d=\"M\(px) \(py + 12) a12 12 0 0 1 12 -12 h\(pw - 24) a12 12 0 0 1 12 12 v\(108) h-\(pw) z\" fill=\"\(primary)\"/>\n"
            s += wrapped(l.title ?? "(no title label)", x: px + 16, y: py + 40, width: pw - 32, size: 20, weight: "700", fill: ink, lines: 2)
            s += wrapped(l.subtitle ?? "(no subtitle label)", x: px + 16, y: py + 92, width: pw - 32, size: 14, weight: "400", fill: ink, lines: 1)
            s += "<rect x=\"\(px + 16)\" y=\"\(py + 140)\" width=\"\(pw - 32)\" height=\"40\" rx=\"20\" fill=\"\(primary)\"/>\n"
            s += text(x: px + pw / 2, y: py + 165, "Send a message", size: 14, fill: ink, anchor: "middle", weight: "600")
        } else {
            s += text(x: w / 2, y: 160, "home screen off (messenger.homeScreen.enabled: false)", size: 12, fill: "#374151", anchor: "middle")
        }
        // The launcher: solid when On; dashed when Off (not shown to visitors) or OnDemand (shown when the page asks).
        let shown = l.visibility == "On"
        let dash = shown ? "" : " stroke-dasharray=\"6 4\" fill-opacity=\"0.35\""
        s += "<rect x=\"\(bx)\" y=\"\(by)\" width=\"\(buttonWidth)\" height=\"\(buttonHeight)\" rx=\"28\" fill=\"\(primary)\" stroke=\"\(primary)\" stroke-width=\"2\"\(dash)/>\n"
        if l.displayType != "Text" {
            let cx = l.displayType == "Icon" ? bx + buttonWidth / 2 : bx + 28
            s += bubble(cx: cx, cy: by + 28, fill: ink)
        }
        if l.displayType != "Icon" {
            let tx = l.displayType == "Text" ? bx + buttonWidth / 2 : bx + 48
            s += text(
                x: tx, y: by + 33, Self.fit(launcherText, width: buttonWidth - (l.displayType == "Text" ? 24 : 56), size: 15),
                size: 15, fill: ink, anchor: l.displayType == "Text" ? "middle" : "start", weight: "600")
        }
        if !shown {
            let note = l.visibility == "Off" ? "launcher hidden (Off)" : "launcher on demand (OnDemand)"
            s += text(x: right ? bx + buttonWidth : bx, y: by - 6, note, size: 11, fill: "#374151", anchor: right ? "end" : "start")
        }
        // Position: side and bottom space, measured.
        s += "<g stroke=\"#9CA3AF\" stroke-width=\"1\">"
        let edge = right ? w : 0
        let near = right ? bx + buttonWidth : bx
        s += "<line x1=\"\(edge)\" y1=\"\(by + 28)\" x2=\"\(near)\" y2=\"\(by + 28)\"/>"
        s += "<line x1=\"\(bx + buttonWidth / 2)\" y1=\"\(by + buttonHeight)\" x2=\"\(bx + buttonWidth / 2)\" y2=\"\(Self.pageHeight)\"/></g>\n"
        return s + legend(l) + "</svg>\n"
    }

    /// The legend under the page: the caption, colours and contrast, position, launcher, defaults.
    func legend(_ l: Look) -> String {
        let y = Self.pageHeight
        let ratio = l.primary.contrastRatio(with: l.text)
        let passes = ratio + 1e-9 >= minContrast
        var s = "<rect y=\"\(y)\" width=\"\(Self.width)\" height=\"\(Self.legendHeight)\" fill=\"#FFFFFF\"/>\n"
        s += text(x: 12, y: y + 20, Self.fit(caption, width: Self.width - 24, size: 13), size: 13, fill: "#111827", weight: "700")
        s += "<rect x=\"12\" y=\"\(y + 30)\" width=\"16\" height=\"16\" fill=\"\(l.primary.description)\" stroke=\"#6B7280\"/>"
        s += "<rect x=\"30\" y=\"\(y + 30)\" width=\"16\" height=\"16\" fill=\"\(l.text.description)\" stroke=\"#6B7280\"/>\n"
        let contrast = String(format: "%.2f:1", ratio)
        s += text(
            x: 54, y: y + 43,
            "\(l.primary) text \(l.text) · contrast \(contrast) \(passes ? "≥" : "<") \(String(format: "%g", minContrast)) \(passes ? "✓" : "✗ too low")",
            size: 12, fill: passes ? "#111827" : "#B91C1C", weight: passes ? "400" : "700")
        s += text(
            x: 12, y: y + 64,
            Self.fit("launcher \(l.visibility) · \(l.displayType) · \(l.alignment) side \(l.side) bottom \(l.bottom)", width: Self.width - 24, size: 11),
            size: 11, fill: "#374151")
        let defaults = l.defaulted.isEmpty ? "every drawn field is set" : "not set, drawn as default: " + l.defaulted.joined(separator: ", ")
        s += text(x: 12, y: y + 82, Self.fit(defaults, width: Self.width - 24, size: 11), size: 11, fill: "#6B7280")
        s += text(x: 12, y: y + 100, "A sketch from the configuration's fields, not a render.", size: 11, fill: "#6B7280")
        return s
    }

    func text(x: Int, y: Int, _ content: String, size: Int, fill: String, anchor: String = "start", weight: String = "400") -> String {
        "<text x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"\(fill)\" text-anchor=\"\(anchor)\">\(HTMLText.escape(content, limit: 300))</text>\n"
    }

    /// Text wrapped by words into at most `lines` lines of `width`, the last one ending in `…` when cut.
    func wrapped(_ content: String, x: Int, y: Int, width: Int, size: Int, weight: String, fill: String, lines: Int) -> String {
        var rows: [String] = []
        var current = ""
        for word in content.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if Self.textWidth(candidate, size: size) <= width || current.isEmpty {
                current = candidate
            } else {
                rows.append(current)
                current = word
            }
        }
        if !current.isEmpty { rows.append(current) }
        if rows.count > lines {
            rows = Array(rows.prefix(lines))
            rows[lines - 1] += "…"
        }
        return rows.enumerated().map { i, row in
            text(x: x, y: y + i * (size + 6), Self.fit(row, width: width, size: size), size: size, fill: fill, weight: weight)
        }.joined()
    }

    /// A chat bubble icon centred at (cx, cy).
    func bubble(cx: Int, cy: Int, fill: String) -> String {
        "<path d=\"M\(cx - 11) \(cy - 9) h22 a3 3 0 0 1 3 3 v11 a3 3 0 0 1 -3 3 h-12 l-6 5 v-5 h-4 a3 3 0 0 1 -3 -3 v-11 a3 3 0 0 1 3 -3 z\" fill=\"\(fill)\"/>\n"
    }

    /// A rough width of `text` in a sans-serif font: enough to size a button and cut long text.
    static func textWidth(_ text: String, size: Int) -> Int {
        Int((Double(text.count) * Double(size) * 0.56).rounded(.up))
    }

    /// `text` cut with `…` to fit `width`.
    static func fit(_ text: String, width: Int, size: Int) -> String {
        guard textWidth(text, size: size) > width else { return text }
        let keep = max(1, Int(Double(width) / (Double(size) * 0.56)) - 1)
        return String(text.prefix(keep)) + "…"
    }
}
