/// A moment of truth in the catalog: a kind of contact between the customer
/// and anyone acting for the company, configured as the domain asks (owner,
/// participants, process, cost, impact, service level, compensation).
public struct Touchpoint: Record {
    public static let collection = Collection.touchpoints

    public var id: TouchpointID
    public var version: Int
    public var name: String
    public var stage: LifecycleStage
    public var ownerArea: String
    public var participants: [Participant]
    public var process: [String]
    public var cost: Cents
    /// Impact on loyalty, 1 (low) to 5 (decisive).
    public var impact: Int
    public var serviceLevel: ServiceLevel
    public var compensation: Compensation
    /// What the counter records here: purchases, returns, or (nil) contacts.
    public var records: Records?
    /// When it is open; nil: always. Service-level clocks count only open time.
    public var hours: BusinessHours?

    /// How its service-level clock counts time.
    public var clock: ServiceClock { ServiceClock(hours: hours) }

    public enum Records: String, Codable, CaseIterable, Sendable {
        case purchases, returns
    }

    public init(
        id: TouchpointID, version: Int = 1, name: String, stage: LifecycleStage, ownerArea: String,
        participants: [Participant], process: [String], cost: Cents, impact: Int, serviceLevel: ServiceLevel,
        compensation: Compensation, records: Records? = nil, hours: BusinessHours? = nil
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.stage = stage
        self.ownerArea = ownerArea
        self.participants = participants
        self.process = process
        self.cost = cost
        self.impact = impact
        self.serviceLevel = serviceLevel
        self.compensation = compensation
        self.records = records
        self.hours = hours
    }

    public static let impactRange = 1...5
}

/// Someone else who takes part in a moment of truth, and what they do.
public struct Participant: Codable, Sendable, Equatable {
    public var who: String
    public var does: String

    public init(who: String, does: String) {
        self.who = who
        self.does = does
    }
}

/// The level committed for a touchpoint, e.g. "answer within 24 h".
public struct ServiceLevel: Codable, Sendable, Equatable {
    public var promise: String
    public var responseMinutes: Int

    public init(promise: String, responseMinutes: Int) {
        self.promise = promise
        self.responseMinutes = responseMinutes
    }

    /// "answer within 90 min", "… 4 h", "… 2 days": the promise for a time.
    public static func promise(minutes: Int) -> String { tr("answer within ") + duration(minutes: minutes) }

    /// "90 min", "4 h", "26 h 30 min", "2 days", "4 days 10 h" (from two
    /// days up the minutes no longer matter to whoever reads it).
    public static func duration(minutes: Int) -> String {
        if minutes < 120 { return "\(minutes) min" }
        if minutes < 2 * 24 * 60 {
            return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
        }
        let hours = minutes % (24 * 60) / 60
        return tr("%@ days", minutes / (24 * 60)) + (hours == 0 ? "" : " \(hours) h")
    }
}

/// What the customer is owed or offered: points, a coupon or a preferential
/// treatment, with its value to the company (what counts against an agent's
/// authority limit and the customer's profitability).
public struct Compensation: Codable, Sendable, Equatable {
    public var kind: Kind
    public var points: Int?
    public var discountPercent: Int?
    public var value: Cents
    public var description: String

    public init(kind: Kind, points: Int? = nil, discountPercent: Int? = nil, value: Cents, description: String) {
        self.kind = kind
        self.points = points
        self.discountPercent = discountPercent
        self.value = value
        self.description = description
    }

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case points, coupon, treatment
    }
}
