import Foundation

/// How a contact went, asked after it (seed 000): a score, whether the
/// customer's expectations were met, a comment, and who gave the answer.
public struct Survey: Codable, Sendable, Equatable {
    /// The customer at the counter answered (the agent typed it in front of
    /// them and they confirmed it), or the agent recorded their own judgement.
    public enum Source: String, Codable, CaseIterable, Sendable {
        case customer, agent
    }

    /// 1 (very unhappy) to 5 (very happy).
    public var score: Int
    public var expectationsMet: Bool?
    public var comment: String?
    public var answeredBy: Source
    public var recordedBy: AgentID
    public var at: Date

    public static let scores = 1...5

    public init(
        score: Int, expectationsMet: Bool? = nil, comment: String? = nil, answeredBy: Source, recordedBy: AgentID,
        at: Date
    ) {
        self.score = score
        self.expectationsMet = expectationsMet
        self.comment = comment
        self.answeredBy = answeredBy
        self.recordedBy = recordedBy
        self.at = at
    }

    /// "4/5, expectations met, by the customer".
    public var line: String {
        var parts = ["\(score)/5"]
        if let met = expectationsMet { parts.append(met ? tr("expectations met") : tr("expectations not met")) }
        parts.append(answeredBy == .customer ? tr("the customer's answer") : tr("the agent's judgement"))
        return parts.joined(separator: ", ")
    }
}
