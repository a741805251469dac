import Foundation

/// Why a logged contact or a survey was refused, in words for the agent.
public enum MomentRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The customer cannot be worked on (unknown, blocked, merged, or the author is no agent).
    case customer(CustomerRefusal)
    case unknownTouchpoint(TouchpointID)
    case emptyOutcome
    case badText(String, String)
    case unknownMoment(MomentID)
    case alreadySurveyed(MomentID)
    case notSurveyable(MomentID)
    case badScore(Int)

    public var description: String {
        switch self {
        case .customer(let refusal): refusal.description
        case .unknownTouchpoint(let id): RefusalWording.unknownTouchpoint(id)
        case .emptyOutcome: tr("Say how it went: a contact needs an outcome.")
        case .badText(let field, let problem): tr("The %@ cannot be saved: %@.", field, problem)
        case .unknownMoment(let id): tr("There is no moment %@ in this customer's timeline.", id)
        case .alreadySurveyed(let id): tr("Moment %@ already has its survey.", id)
        case .notSurveyable(let id): tr("Moment %@ is itself a survey or a return; ask about the contact instead.", id)
        case .badScore(let score): tr("A survey score is 1 to 5, not %@.", score)
        }
    }
}

/// What the customer (or the agent) answered when asked how it went.
public struct SurveyAnswer: Sendable, Equatable {
    public var score: Int
    public var expectationsMet: Bool?
    public var comment: String?
    public var answeredBy: Survey.Source

    public init(score: Int, expectationsMet: Bool? = nil, comment: String? = nil, answeredBy: Survey.Source) {
        self.score = score
        self.expectationsMet = expectationsMet
        self.comment = comment
        self.answeredBy = answeredBy
    }
}

/// Contacts that are not incidents (a call, a visit, a delivery, a web
/// visit) and the survey after any contact: each a moment in the
/// customer's timeline.
public enum MomentRules {
    /// A contact, with its cost from the catalog. Writes the customer's
    /// next version too, which names the moment and makes two agents'
    /// contacts on one customer conflict instead of colliding.
    public static func log(
        in state: StoreState, customer customerID: CustomerID, touchpoint touchpointID: TouchpointID, channel: Channel,
        outcome: String, serviceLevelMet: Bool?, survey: SurveyAnswer? = nil, by author: Author, at now: Date
    ) throws(MomentRefusal) -> (transaction: Transaction, moment: Moment) {
        let customer = try workable(customerID, in: state, by: author)
        guard let touchpoint = state.touchpoints[touchpointID] else { throw .unknownTouchpoint(touchpointID) }
        let outcome = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !outcome.isEmpty else { throw .emptyOutcome }
        if let problem = SafeText.importProblem(outcome) { throw .badText("outcome", problem) }
        let moment = Moment(
            id: MomentID("\(customer.id)-v\(customer.version + 1)-M"), customer: customer.id, touchpoint: touchpointID,
            at: now, channel: channel, agent: author.agent, outcome: outcome, cost: touchpoint.cost,
            serviceLevelMet: serviceLevelMet)
        // Asked at once, the survey goes in the same transaction.
        let asked = try survey.map { answer throws(MomentRefusal) in
            try surveyMoment(
                answer, about: moment, id: "\(customer.id)-v\(customer.version + 1)-S", by: author, at: now)
        }
        let surveyed = survey.map { ", survey \($0.score)/5 (\($0.answeredBy.rawValue))" } ?? ""
        return (
            Transaction(
                summary: "log \(touchpointID) by \(channel.rawValue) for customer \(customer.id)\(surveyed)",
                changes: [.customer(customer.nextVersion()), .moment(moment)] + (asked.map { [.moment($0)] } ?? [])),
            moment
        )
    }

    /// The survey on `momentID`, as a moment of its own that names it (the
    /// timeline's entries are never rewritten): same touchpoint and channel,
    /// no cost of its own. One survey per contact.
    public static func survey(
        in state: StoreState, moments: [Moment], customer customerID: CustomerID, of momentID: MomentID,
        answer: SurveyAnswer, by author: Author, at now: Date
    ) throws(MomentRefusal) -> Transaction {
        let customer = try workable(customerID, in: state, by: author)
        guard let asked = moments.first(where: { $0.id == momentID }) else { throw .unknownMoment(momentID) }
        guard asked.surveyOf == nil, asked.returnOf == nil else { throw .notSurveyable(momentID) }
        guard !moments.contains(where: { $0.surveyOf == momentID }) else { throw .alreadySurveyed(momentID) }
        let moment = try surveyMoment(
            answer, about: asked, id: "\(customer.id)-v\(customer.version + 1)-S", by: author, at: now)
        return Transaction(
            summary:
                "survey on \(momentID) for customer \(customer.id): \(answer.score)/5 (\(answer.answeredBy.rawValue))",
            changes: [.customer(customer.nextVersion()), .moment(moment)])
    }

    static func surveyMoment(_ answer: SurveyAnswer, about asked: Moment, id: String, by author: Author, at now: Date)
        throws(MomentRefusal) -> Moment
    {
        guard Survey.scores.contains(answer.score) else { throw .badScore(answer.score) }
        let comment = answer.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let comment, let problem = SafeText.importProblem(comment) { throw .badText("comment", problem) }
        let survey = Survey(
            score: answer.score, expectationsMet: answer.expectationsMet,
            comment: comment?.isEmpty == false ? comment : nil, answeredBy: answer.answeredBy,
            recordedBy: author.agent, at: now)
        return Moment(
            id: MomentID(id), customer: asked.customer, touchpoint: asked.touchpoint, at: now, channel: asked.channel,
            agent: author.agent, outcome: "survey: " + survey.line, cost: .zero, surveyOf: asked.id, survey: survey)
    }

    private static func workable(_ id: CustomerID, in state: StoreState, by author: Author) throws(MomentRefusal)
        -> Customer
    {
        do {
            return try CustomerRules.workable(id, in: state, by: author)
        } catch {
            throw .customer(error)
        }
    }
}
