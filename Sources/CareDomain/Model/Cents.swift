import Foundation

/// An amount of money in euro cents. Whole cents keep sums exact; the JSON
/// holds the plain integer.
public struct Cents: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, AdditiveArithmetic
{
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public init(integerLiteral value: Int) { self.rawValue = value }
    public static func euros(_ euros: Int) -> Cents { Cents(euros * 100) }

    /// An amount as people type it: `45`, `45.9`, `45,90`, `45.90 €`.
    /// Nil for anything else (thousands separators included: they are
    /// ambiguous between `1.234,56` and `1,234.56`).
    public init?(parsing text: String) {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasSuffix("€") { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        let negative = body.hasPrefix("-")
        if negative { body.removeFirst() }
        let parts = body.split(separator: body.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let euros = Int(whole)
        else { return nil }
        var cents = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(fraction)
            else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        guard euros <= Int.max / 100 - 1 else { return nil }
        self.init((euros * 100 + cents) * (negative ? -1 : 1))
    }

    public static var zero: Cents { Cents(0) }
    public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.rawValue + rhs.rawValue) }
    public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.rawValue - rhs.rawValue) }
    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// `1.234,56 €` style is for the screen; this is the neutral form for
    /// reports and messages: `1234.56 €`.
    public var description: String { decimal + " €" }

    /// `1234.56`: the amount as a spreadsheet reads a number (exports).
    public var decimal: String {
        let sign = rawValue < 0 ? "-" : ""
        let magnitude = rawValue.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
