import Foundation

/// A person with a profile. Only `name` and `customerSince` are required:
/// the domain asks for no more data than is used, so every other field is
/// optional and left out of the JSON when unknown.
public struct Customer: Record {
    public static let collection = Collection.customers

    public var id: CustomerID
    public var version: Int
    public var name: String
    public var phone: String?
    public var email: String?
    public var preferredChannel: Channel?
    public var birthDate: Day?
    public var occupation: String?
    public var maritalStatus: MaritalStatus?
    public var tastes: [String]?
    public var interests: [String]?
    public var hobbies: [String]?
    public var usualProducts: [String]?
    public var socialHandles: [SocialHandle]?
    public var customerSince: Day
    public var lifecycle: LifecycleStage
    /// The day the customer entered `lifecycle` (nil: not known, an old record).
    public var lifecycleSince: Day?
    /// The day of the latest purchase: what the lifecycle's inactivity
    /// thresholds count from (a redemption is not a purchase).
    public var lastPurchase: Day?
    /// Why a supervisor set the stage by hand (nil when the rules set it).
    public var lifecycleNote: String?
    /// Set when a supervisor merged this duplicate into another customer:
    /// the record stays as a pointer, without a timeline of its own.
    public var mergedInto: CustomerID?
    /// Every consent answer ever given, oldest first: the latest per purpose counts.
    public var consents: [Consent]?
    public var loyalty: LoyaltyStanding
    /// When the customer asked to be erased: from then on hidden from lists,
    /// reports and exports, kept only for legal claims (LOPD/GDPR).
    public var blockedAt: Date?
    /// When their personal data was removed (anonymous figures remain).
    public var erasedAt: Date?

    public init(
        id: CustomerID, version: Int = 1, name: String, phone: String? = nil, email: String? = nil,
        preferredChannel: Channel? = nil, birthDate: Day? = nil, occupation: String? = nil,
        maritalStatus: MaritalStatus? = nil, tastes: [String]? = nil, interests: [String]? = nil,
        hobbies: [String]? = nil, usualProducts: [String]? = nil, socialHandles: [SocialHandle]? = nil,
        customerSince: Day, lifecycle: LifecycleStage, consents: [Consent]? = nil,
        loyalty: LoyaltyStanding = LoyaltyStanding()
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.phone = phone
        self.email = email
        self.preferredChannel = preferredChannel
        self.birthDate = birthDate
        self.occupation = occupation
        self.maritalStatus = maritalStatus
        self.tastes = tastes
        self.interests = interests
        self.hobbies = hobbies
        self.usualProducts = usualProducts
        self.socialHandles = socialHandles
        self.customerSince = customerSince
        self.lifecycle = lifecycle
        self.consents = consents
        self.loyalty = loyalty
    }

    /// Whether the customer has consented to `purpose`; the latest answer counts.
    public func hasConsented(to purpose: ConsentPurpose) -> Bool { consent(to: purpose)?.granted ?? false }

    /// The answer in force for `purpose`: the latest one given.
    public func consent(to purpose: ConsentPurpose) -> Consent? {
        consents?.filter { $0.purpose == purpose }.max { $0.at < $1.at }
    }
}

public enum MaritalStatus: String, Codable, CaseIterable, Sendable {
    case single, married, partnered, divorced, widowed

    /// As a profile shows it, in the console's language.
    public var shown: String {
        switch self {
        case .single: tr("marital|single")
        case .married: tr("marital|married")
        case .partnered: tr("marital|partnered")
        case .divorced: tr("marital|divorced")
        case .widowed: tr("marital|widowed")
        }
    }
}

public struct SocialHandle: Codable, Sendable, Equatable {
    public var network: String
    public var handle: String

    public init(network: String, handle: String) {
        self.network = network
        self.handle = handle
    }
}

/// What personal data may be used for (LOPD / GDPR): each consent has a
/// purpose, an answer and the moment it was given or withdrawn.
public enum ConsentPurpose: String, Codable, CaseIterable, Sendable {
    case service, marketing, profiling

    /// As a profile shows it, in the console's language.
    public var shown: String {
        switch self {
        case .service: tr("purpose|service")
        case .marketing: tr("purpose|marketing")
        case .profiling: tr("purpose|profiling")
        }
    }
}

public struct Consent: Codable, Sendable, Equatable {
    public var purpose: ConsentPurpose
    public var granted: Bool
    public var at: Date
    /// Who recorded the answer (nil on answers imported or from before it was kept).
    public var by: AgentID?

    public init(purpose: ConsentPurpose, granted: Bool, at: Date, by: AgentID? = nil) {
        self.purpose = purpose
        self.granted = granted
        self.at = at
        self.by = by
    }
}

/// The customer's loyalty standing as kept on the profile, so that the list
/// and profile show it without reading the ledger. `points` is a cache of the
/// ledger: it must always equal the sum of the customer's ledger entries
/// (`care check` verifies it).
public struct LoyaltyStanding: Codable, Sendable, Equatable {
    public var points: Int
    public var tier: TierID?
    public var tierSince: Day?
    /// The tier lapses at the start of this day unless requalified.
    public var tierUntil: Day?
    /// Last purchase or redemption: the start of the inactivity countdown.
    public var lastActivity: Day?

    public init(
        points: Int = 0, tier: TierID? = nil, tierSince: Day? = nil, tierUntil: Day? = nil, lastActivity: Day? = nil
    ) {
        self.points = points
        self.tier = tier
        self.tierSince = tierSince
        self.tierUntil = tierUntil
        self.lastActivity = lastActivity
    }

    /// The tier part, as the tier rules compute it.
    public var tierStanding: TierRules.Standing { TierRules.Standing(tier: tier, since: tierSince, until: tierUntil) }
}
