import Foundation

/// One occurrence of a touchpoint for one customer: an entry in their
/// timeline. Purchases are moments with an amount. Kept in the customer's
/// history file, never in a snapshot, so the console reads it only when the
/// customer is opened.
public struct Moment: Codable, Sendable, Equatable, Identifiable {
    public var id: MomentID
    public var customer: CustomerID
    public var touchpoint: TouchpointID
    public var at: Date
    public var channel: Channel
    public var agent: AgentID?
    public var outcome: String
    public var cost: Cents
    /// nil when the touchpoint's level did not apply (a purchase at the till).
    public var serviceLevelMet: Bool?
    /// 1–5 when the customer answered the survey.
    public var satisfaction: Int?
    public var amount: Cents?
    public var productFamily: String?
    public var incident: IncidentID?

    public init(
        id: MomentID, customer: CustomerID, touchpoint: TouchpointID, at: Date, channel: Channel, agent: AgentID? = nil,
        outcome: String, cost: Cents, serviceLevelMet: Bool? = nil, satisfaction: Int? = nil, amount: Cents? = nil,
        productFamily: String? = nil, incident: IncidentID? = nil
    ) {
        self.id = id
        self.customer = customer
        self.touchpoint = touchpoint
        self.at = at
        self.channel = channel
        self.agent = agent
        self.outcome = outcome
        self.cost = cost
        self.serviceLevelMet = serviceLevelMet
        self.satisfaction = satisfaction
        self.amount = amount
        self.productFamily = productFamily
        self.incident = incident
    }

    public var isPurchase: Bool { amount != nil }
}
