/// One moment of truth or one redemption, as the supervisors' figures count
/// it: its day, what it was (a touchpoint, or the reward redeemed), and the
/// numbers the reports add up. A customer's figures are their rows; every
/// report period is answered by adding the rows whose day falls in it, so
/// nothing is rounded or bucketed before a period is chosen.
///
/// Texts are kept as indexes into the store's `FigureNames`, so a row is a
/// fixed 32 bytes on disk and in memory.
public struct FigureRow: Sendable, Equatable, Hashable {
    public var day: Int32
    /// The touchpoint (a moment) or the reward (a redemption), in `FigureNames`.
    public var name: UInt32
    /// The product family, in `FigureNames`; `FigureRow.none` when there is none.
    public var family: UInt32
    public var flags: Flags
    /// The customer's own score, 1–5; 0 when there is none.
    public var rating: UInt8
    public var cost: Int64
    /// The amount paid (negative for a return); meaningful with `.hasAmount`.
    public var amount: Int64

    public static let none = UInt32.max

    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// A redemption from the ledger, not a moment.
        public static let redemption = Flags(rawValue: 1 << 0)
        /// A survey: counts its score for the contact it asks about, not as a contact.
        public static let survey = Flags(rawValue: 1 << 1)
        public static let hasAmount = Flags(rawValue: 1 << 2)
        public static let purchase = Flags(rawValue: 1 << 3)
        public static let serviceLevelKnown = Flags(rawValue: 1 << 4)
        public static let serviceLevelMet = Flags(rawValue: 1 << 5)
    }

    public var dayValue: Day { Day(daysSinceEpoch: Int(day)) }
    public var isRedemption: Bool { flags.contains(.redemption) }
    public var isPurchase: Bool { flags.contains(.purchase) }
}

/// The texts rows point at (touchpoint, family and reward ids), each once.
/// Indexes only grow: a row written with index 3 means the same text for as
/// long as the figures file lives.
public struct FigureNames: Sendable, Equatable {
    public private(set) var texts: [String] = []
    private var indexes: [String: UInt32] = [:]

    public init(_ texts: [String] = []) {
        for text in texts { _ = index(of: text) }
    }

    public mutating func index(of text: String) -> UInt32 {
        if let known = indexes[text] { return known }
        let index = UInt32(texts.count)
        texts.append(text)
        indexes[text] = index
        return index
    }

    public func text(_ index: UInt32) -> String? {
        index == FigureRow.none || Int(index) >= texts.count ? nil : texts[Int(index)]
    }

    public func lookup(_ text: String) -> UInt32? { indexes[text] }
}
