import Foundation

/// An inquiry, doubt, comment, suggestion or complaint that needs an answer.
/// Its history is the incident's own trail, every step with who and when;
/// it is kept in the customer's `incident-events/` file (`IncidentEvent`),
/// and the record counts its steps.
public struct Incident: Record {
    public static let collection = Collection.incidents

    public var id: IncidentID
    public var version: Int
    public var customer: CustomerID
    public var kind: Kind
    public var subject: String
    public var priority: Priority
    public var status: Status
    public var assignee: AgentID?
    public var touchpoint: TouchpointID
    /// How the customer got in touch (nil on incidents from before it was kept).
    public var channel: Channel?
    public var openedAt: Date
    public var dueAt: Date
    /// Contacts with the customer about this incident; 1 on opening.
    public var contacts: Int
    public var resolution: Resolution?
    public var compensation: GrantedCompensation?
    public var rating: Rating?
    /// The first resolution, kept when the incident is reopened, so the
    /// reopen counts against whoever resolved it (agent scores).
    public var firstResolved: Stamp?
    /// How often the customer came back after a resolution; nil for never.
    public var reopens: Int?
    /// Since when the service-level clock is stopped (waiting on the
    /// customer or a partner); nil while it runs.
    public var pausedSince: Date?
    /// The compensation owed for a missed service level, recorded when it
    /// was missed and decided at resolve.
    public var owed: Owed?
    /// A compensation above the agent's authority, put to a supervisor.
    public var approval: Approval?
    /// How many steps its history has: the number of its newest event.
    public var events: Int
    /// The history as records written before it was kept apart carry it
    /// (`history` in the line); the next compaction moves it to the
    /// customer's file. nil once moved.
    public internal(set) var embeddedHistory: [Event]?

    public init(
        id: IncidentID, version: Int = 1, customer: CustomerID, kind: Kind, subject: String, priority: Priority,
        status: Status, assignee: AgentID? = nil, touchpoint: TouchpointID, openedAt: Date, dueAt: Date,
        contacts: Int = 1, resolution: Resolution? = nil, compensation: GrantedCompensation? = nil,
        rating: Rating? = nil, firstResolved: Stamp? = nil, reopens: Int? = nil, events: Int = 0
    ) {
        self.id = id
        self.version = version
        self.customer = customer
        self.kind = kind
        self.subject = subject
        self.priority = priority
        self.status = status
        self.assignee = assignee
        self.touchpoint = touchpoint
        self.openedAt = openedAt
        self.dueAt = dueAt
        self.contacts = contacts
        self.resolution = resolution
        self.compensation = compensation
        self.rating = rating
        self.firstResolved = firstResolved
        self.reopens = reopens
        self.events = events
    }

    enum CodingKeys: String, CodingKey {
        case id, version, customer, kind, subject, priority, status, assignee, touchpoint, channel, openedAt, dueAt
        case contacts, resolution, compensation, rating, firstResolved, reopens, pausedSince, owed, approval, events
        case embeddedHistory = "history"
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decode(IncidentID.self, forKey: .id)
        version = try values.decode(Int.self, forKey: .version)
        customer = try values.decode(CustomerID.self, forKey: .customer)
        kind = try values.decode(Kind.self, forKey: .kind)
        subject = try values.decode(String.self, forKey: .subject)
        priority = try values.decode(Priority.self, forKey: .priority)
        status = try values.decode(Status.self, forKey: .status)
        assignee = try values.decodeIfPresent(AgentID.self, forKey: .assignee)
        touchpoint = try values.decode(TouchpointID.self, forKey: .touchpoint)
        channel = try values.decodeIfPresent(Channel.self, forKey: .channel)
        openedAt = try values.decode(Date.self, forKey: .openedAt)
        dueAt = try values.decode(Date.self, forKey: .dueAt)
        contacts = try values.decode(Int.self, forKey: .contacts)
        resolution = try values.decodeIfPresent(Resolution.self, forKey: .resolution)
        compensation = try values.decodeIfPresent(GrantedCompensation.self, forKey: .compensation)
        rating = try values.decodeIfPresent(Rating.self, forKey: .rating)
        firstResolved = try values.decodeIfPresent(Stamp.self, forKey: .firstResolved)
        reopens = try values.decodeIfPresent(Int.self, forKey: .reopens)
        pausedSince = try values.decodeIfPresent(Date.self, forKey: .pausedSince)
        owed = try values.decodeIfPresent(Owed.self, forKey: .owed)
        approval = try values.decodeIfPresent(Approval.self, forKey: .approval)
        embeddedHistory = try values.decodeIfPresent([Event].self, forKey: .embeddedHistory)
        // A record from before the count was kept counts what it carries.
        events = try values.decodeIfPresent(Int.self, forKey: .events) ?? embeddedHistory?.count ?? 0
    }

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case inquiry, doubt, comment, suggestion, complaint
    }

    public enum Priority: String, Codable, CaseIterable, Sendable, Comparable {
        case low, normal, high, urgent

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
    }

    public enum Status: String, Codable, CaseIterable, Sendable {
        case open, inProgress, waitingOnCustomer, waitingOnPartner, resolved, closed

        /// Still needs an answer: counts for the queue and for overdue.
        public var isOpen: Bool { self != .resolved && self != .closed }

        /// Waiting on someone outside the company: the service-level clock stops.
        public var isWaiting: Bool { self == .waitingOnCustomer || self == .waitingOnPartner }
    }

    public struct Resolution: Codable, Sendable, Equatable {
        public var summary: String
        public var playbook: PlaybookID?
        public var at: Date
        public var by: AgentID

        public init(summary: String, playbook: PlaybookID? = nil, at: Date, by: AgentID) {
            self.summary = summary
            self.playbook = playbook
            self.at = at
            self.by = by
        }
    }

    public struct GrantedCompensation: Codable, Sendable, Equatable {
        public var compensation: Compensation
        public var grantedBy: AgentID
        public var at: Date
        /// True when it was owed because the service level was missed.
        public var forMissedServiceLevel: Bool

        public init(compensation: Compensation, grantedBy: AgentID, at: Date, forMissedServiceLevel: Bool) {
            self.compensation = compensation
            self.grantedBy = grantedBy
            self.at = at
            self.forMissedServiceLevel = forMissedServiceLevel
        }
    }

    /// The survey at resolve (seed 000): the score, and since it is asked,
    /// whether expectations were met, a comment and who answered.
    public struct Rating: Codable, Sendable, Equatable {
        /// The customer's satisfaction, 1–5.
        public var score: Int
        public var recordedBy: AgentID
        public var at: Date
        public var expectationsMet: Bool?
        public var comment: String?
        /// nil on ratings from before it was asked.
        public var answeredBy: Survey.Source?

        public init(
            score: Int, recordedBy: AgentID, at: Date, expectationsMet: Bool? = nil, comment: String? = nil,
            answeredBy: Survey.Source? = nil
        ) {
            self.score = score
            self.recordedBy = recordedBy
            self.at = at
            self.expectationsMet = expectationsMet
            self.comment = comment
            self.answeredBy = answeredBy
        }
    }

    /// Who did something, and when.
    public struct Stamp: Codable, Sendable, Equatable {
        public var at: Date
        public var by: AgentID

        public init(at: Date, by: AgentID) {
            self.at = at
            self.by = by
        }
    }

    public struct Event: Codable, Sendable, Equatable {
        public var at: Date
        public var by: AgentID
        public var kind: EventKind
        public var text: String?

        public init(at: Date, by: AgentID, kind: EventKind, text: String? = nil) {
            self.at = at
            self.by = by
            self.kind = kind
            self.text = text
        }
    }

    public enum EventKind: String, Codable, CaseIterable, Sendable {
        case opened, assigned, note, contact, statusChanged, resolved, compensated, rated, reopened, closed
        /// What the agent handing over tells the next one (with an assignment).
        case handover
        /// The clock stopped (waiting on the customer or a partner), and ran again.
        case waiting, resumed
        /// The service level was missed: what is owed went on record.
        case owed
        /// What was owed was not granted, and why.
        case declined
        /// A compensation above the agent's authority, put to a supervisor, and the answer.
        case approvalAsked, approved, approvalRefused
    }

    /// Past its due time while open; a stopped clock stops at the pause.
    public func isOverdue(at now: Date) -> Bool { status.isOpen && dueAt < (pausedSince ?? now) }

    /// Resolved on the first contact (or the second): the domain's measure of
    /// an agent who decides at the counter.
    public var resolvedOnContact: Int? { status == .resolved || status == .closed ? contacts : nil }
}
