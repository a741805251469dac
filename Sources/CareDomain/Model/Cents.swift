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

    /// An amount as people type it: `45`, `45.9`, `45,90`, `45.90 €`,
    /// `1.234,50`, `1,234.50`, `1 234,50`. With both marks the last one
    /// separates the cents; with one, it separates thousands when three
    /// digits follow it (`1.234` is 1234 €, as a Spanish receipt writes it)
    /// and cents when one or two do. Nil for anything else.
    public init?(parsing text: String) {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasSuffix("€") { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        if body.hasPrefix("€") { body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let negative = body.hasPrefix("-")
        if negative { body.removeFirst() }
        // A space (or a no-break space) between thousands.
        body = body.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
            return nil
        }
        let marks = body.filter { $0 == "." || $0 == "," }
        var whole = body
        var fraction = ""
        if let last = marks.last {
            let tail = body[body.index(after: body.lastIndex(of: last) ?? body.startIndex)...]
            let decimal = Set(marks).count == 2 || (marks.count == 1 && (1...2).contains(tail.count))
            if decimal {
                guard (1...2).contains(tail.count) else { return nil }
                fraction = String(tail)
                whole = String(body[..<(body.lastIndex(of: last) ?? body.endIndex)])
            }
            // What is left holds only grouping marks: one kind, groups of three.
            let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
            let groupMarks = Set(whole.filter { $0 == "." || $0 == "," })
            guard groupMarks.count <= 1, groupMarks.first != (decimal ? last : nil),
                let first = groups.first, (1...3).contains(first.count) || groups.count == 1,
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            whole = groups.joined()
        }
        guard !whole.isEmpty, whole.allSatisfy(\.isNumber), whole.count <= 15, let euros = Int(whole) else {
            return nil
        }
        let cents = fraction.isEmpty ? 0 : (Int(fraction) ?? 0) * (fraction.count == 1 ? 10 : 1)
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

    /// As a person reads it in the language in force: `1,234.56 €`,
    /// `1.234,56 €`. Exports use `decimal`.
    public var description: String { shown(in: Language.current) + " €" }

    /// The amount with the language's separators: thousands grouped, two decimals.
    public func shown(in language: Language) -> String {
        let (group, point) = language == .es ? (".", ",") : (",", ".")
        let magnitude = rawValue.magnitude
        var euros = String(magnitude / 100)
        var grouped = ""
        while euros.count > 3 {
            grouped = group + euros.suffix(3) + grouped
            euros.removeLast(3)
        }
        let fraction = magnitude % 100
        return (rawValue < 0 ? "-" : "") + euros + grouped + point + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `1234.56`: the amount as a spreadsheet reads a number (exports).
    public var decimal: String {
        let sign = rawValue < 0 ? "-" : ""
        let magnitude = rawValue.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
