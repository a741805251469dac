/// A record kept in a snapshot collection. Every record carries a version:
/// a change names the version it was made from (by writing `version + 1`),
/// and the store refuses it when the record on disk has moved on since.
public protocol Record: Codable, Sendable, Equatable, Identifiable where ID == Identifier<Self> {
    static var collection: Collection { get }
    var id: ID { get }
    var version: Int { get set }

    /// What lists show of a record, read from its snapshot line without
    /// decoding it (see `LineScanner`); the id alone for small collections.
    associatedtype Summary: Sendable, Equatable = ID
    /// The keys (dotted for one level down) the summary is made of.
    static var summaryKeys: [String] { get }
    static func summary(id: ID, fields: [ScannedValue?]) throws(SummaryError) -> Summary
    var summary: Summary { get }
}

extension Record where Summary == ID {
    public static var summaryKeys: [String] { [] }
    public static func summary(id: ID, fields: [ScannedValue?]) throws(SummaryError) -> ID { id }
    public var summary: ID { id }
}

extension Record {
    /// A copy ready to be written: the next version.
    public func nextVersion() -> Self {
        var copy = self
        copy.version += 1
        return copy
    }
}

/// The snapshot collections of a store, one file each (`customers.json` …).
public enum Collection: String, Codable, CaseIterable, Sendable {
    case customers, agents, touchpoints, incidents, playbooks, rewards, coupons, program, campaigns

    public var fileName: String { rawValue + ".json" }
}

/// Where a customer is in the relationship, from first contact to its end.
public enum LifecycleStage: String, Codable, CaseIterable, Sendable {
    case prospect, new, active, atRisk, lapsed, churned, renewed

    public var label: String {
        switch self {
        case .prospect: "prospect"
        case .new: "new"
        case .active: "active"
        case .atRisk: "at risk"
        case .lapsed: "lapsed"
        case .churned: "churned"
        case .renewed: "renewed"
        }
    }

    /// The stage in the language in force, for screens and messages; records
    /// and journal summaries keep `label`, so the store reads in one language.
    public var shown: String {
        switch self {
        case .prospect: tr("stage|prospect")
        case .new: tr("stage|new")
        case .active: tr("stage|active")
        case .atRisk: tr("stage|at risk")
        case .lapsed: tr("stage|lapsed")
        case .churned: tr("stage|churned")
        case .renewed: tr("stage|renewed")
        }
    }
}

/// How a contact happened.
public enum Channel: String, Codable, CaseIterable, Sendable {
    case counter, phone, email, web, app, chat, social, post
}

extension Channel {
    /// The channel in the language in force; `rawValue` is stored and typed.
    public var shown: String {
        switch self {
        case .counter: tr("channel|counter")
        case .phone: tr("channel|phone")
        case .email: tr("channel|email")
        case .web: tr("channel|web")
        case .app: tr("channel|app")
        case .chat: tr("channel|chat")
        case .social: tr("channel|social")
        case .post: tr("channel|post")
        }
    }
}
