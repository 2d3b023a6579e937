import Foundation

/// An sRGB colour written `#RRGGBB`, with the WCAG 2.x relative luminance and contrast ratio.
public struct HexColour: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Parses `#RRGGBB` (either case); `nil` for anything else, including `#RGB` shorthand,
    /// which the Messenger's `primaryColor` does not document.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7, scalars[0] == "#" else { return nil }
        var values: [UInt8] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let v = UInt8(String(String.UnicodeScalarView(scalars[i..<(i + 2)])), radix: 16) else { return nil }
            values.append(v)
        }
        (red, green, blue) = (values[0], values[1], values[2])
    }

    public var description: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }

    /// WCAG 2.x relative luminance: sRGB channels linearised, weighted 0.2126 R + 0.7152 G + 0.0722 B.
    public var relativeLuminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21.
    public func contrastRatio(with other: HexColour) -> Double {
        let (a, b) = (relativeLuminance, other.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
