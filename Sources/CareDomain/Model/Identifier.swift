/// A typed identifier: `Identifier<Customer>` and `Identifier<Incident>` are
/// different types, so an incident id can never be passed where a customer id
/// is expected. Stored in JSON as a plain string.
public struct Identifier<Owner>: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Identifiers become file names (a customer's history file), so only a
    /// safe alphabet is accepted from outside: letters, digits, `-`, `_`, `.`
    /// (not leading), at most 64 characters.
    public var isSafeFileName: Bool {
        guard !rawValue.isEmpty, rawValue.utf8.count <= 64, rawValue.first != "." else { return false }
        return rawValue.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }
}

public typealias CustomerID = Identifier<Customer>
public typealias AgentID = Identifier<Agent>
public typealias TouchpointID = Identifier<Touchpoint>
public typealias MomentID = Identifier<Moment>
public typealias IncidentID = Identifier<Incident>
public typealias PlaybookID = Identifier<Playbook>
public typealias LedgerEntryID = Identifier<LedgerEntry>
public typealias TierID = Identifier<Tier>
public typealias RewardID = Identifier<Reward>
public typealias CouponCode = Identifier<Coupon>

extension Identifier {
    /// The house style for generated ids: a letter and six digits or more
    /// (`C000042`, `I000007`), so they sort in creation order.
    public init(prefix: String, number: Int) {
        self.init(rawValue: prefix + CivilCalendar.pad(number, 6))
    }
}
