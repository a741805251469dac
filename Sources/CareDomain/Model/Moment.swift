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
    /// On a return: the purchase it gives back (`amount` is then negative).
    public var returnOf: MomentID?
    /// On a survey: the moment it asks about (same touchpoint, no cost of its own).
    public var surveyOf: MomentID?
    public var survey: Survey?

    public init(
        id: MomentID, customer: CustomerID, touchpoint: TouchpointID, at: Date, channel: Channel, agent: AgentID? = nil,
        outcome: String, cost: Cents, serviceLevelMet: Bool? = nil, satisfaction: Int? = nil, amount: Cents? = nil,
        productFamily: String? = nil, incident: IncidentID? = nil, returnOf: MomentID? = nil,
        surveyOf: MomentID? = nil, survey: Survey? = nil
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
        self.returnOf = returnOf
        self.surveyOf = surveyOf
        self.survey = survey
    }

    /// A purchase: an amount paid, not given back.
    public var isPurchase: Bool { amount.map { $0 > .zero } ?? false && returnOf == nil }

    /// The customer's own score for this contact: from a survey the customer
    /// answered, or the satisfaction older records carry. An agent's own
    /// judgement is not the customer's answer.
    public var customerScore: Int? {
        guard let survey else { return satisfaction }
        return survey.answeredBy == .customer ? survey.score : nil
    }
}
