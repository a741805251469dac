import Foundation

extension Incident {
    /// What the company owes the customer because the service level was
    /// missed (rule 3): on record from the moment it was missed, and decided
    /// at resolve. A declined one stays on record and counts in the scores.
    public struct Owed: Codable, Sendable, Equatable {
        public var compensation: Compensation
        /// When the service level was missed: the due time then.
        public var since: Date
        public var decision: Decision?
        public var decidedBy: AgentID?
        public var decidedAt: Date?
        /// Why it was declined (required), or what settled it.
        public var reason: String?

        public init(
            compensation: Compensation, since: Date, decision: Decision? = nil, decidedBy: AgentID? = nil,
            decidedAt: Date? = nil, reason: String? = nil
        ) {
            self.compensation = compensation
            self.since = since
            self.decision = decision
            self.decidedBy = decidedBy
            self.decidedAt = decidedAt
            self.reason = reason
        }

        public enum Decision: String, Codable, CaseIterable, Sendable {
            case granted, declined
            /// The playbook's compensation was worth more and was granted instead.
            case bettered
        }

        /// Not yet granted or declined.
        public var isPending: Bool { decision == nil }
    }

    /// A compensation above the agent's authority limit, asked of a
    /// supervisor: what, with which playbook, asked by whom; then the answer.
    public struct Approval: Codable, Sendable, Equatable {
        public var compensation: Compensation
        public var playbook: PlaybookID?
        public var askedBy: AgentID
        public var askedAt: Date
        public var note: String?
        public var answer: Answer?

        public init(
            compensation: Compensation, playbook: PlaybookID?, askedBy: AgentID, askedAt: Date, note: String? = nil,
            answer: Answer? = nil
        ) {
            self.compensation = compensation
            self.playbook = playbook
            self.askedBy = askedBy
            self.askedAt = askedAt
            self.note = note
            self.answer = answer
        }

        public struct Answer: Codable, Sendable, Equatable {
            public var approved: Bool
            public var by: AgentID
            public var at: Date
            public var reason: String?

            public init(approved: Bool, by: AgentID, at: Date, reason: String? = nil) {
                self.approved = approved
                self.by = by
                self.at = at
                self.reason = reason
            }
        }

        public var isPending: Bool { answer == nil }

        /// Whether it lets its asker grant `compensation`: approved, for as much or more.
        public func allows(_ compensation: Compensation) -> Bool {
            answer?.approved == true && compensation.value <= self.compensation.value
        }
    }
}
