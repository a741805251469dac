import Foundation
import CareDomain

/// A step of an incident action that waits for the agent's answer. Each is
/// a value in the state; keys edit it, Enter moves on, Esc cancels.
public enum Dialog: Equatable, Sendable {
    /// Typing a note for an incident.
    case note(IncidentID, text: String)
    /// Choosing the playbook answer (nil: none) to resolve with.
    case playbook(IncidentID, options: [PlaybookID?], selected: Int)
    /// Whether to grant the compensation proposed for the answer.
    case grant(IncidentID, playbook: PlaybookID?, offer: String)
    /// The customer's satisfaction, 1–5, or none.
    case rating(IncidentID, playbook: PlaybookID?, grant: Bool)
}

/// An incident action the loop carries out against the store.
public enum IncidentAction: Equatable, Sendable {
    case take(IncidentID)
    case note(IncidentID, String)
    case resolve(IncidentID, playbook: PlaybookID?, grant: Bool, rating: Int?)

    /// The transaction, from the state as it is on disk at the moment of writing.
    public func transaction(in state: StoreState, by author: Author, at now: Date) throws(IncidentRefusal) -> Transaction {
        switch self {
        case .take(let id): try IncidentRules.take(in: state, incident: id, by: author, at: now)
        case .note(let id, let text): try IncidentRules.note(in: state, incident: id, text: text, by: author, at: now)
        case .resolve(let id, let playbook, let grant, let rating):
            try IncidentRules.resolve(in: state, incident: id, playbook: playbook, grant: grant, rating: rating, by: author, at: now)
        }
    }

    public var done: String {
        switch self {
        case .take(let id): "Took \(id)."
        case .note(let id, _): "Noted on \(id)."
        case .resolve(let id, _, let grant, _): "Resolved \(id)\(grant ? " with the compensation" : "")."
        }
    }
}
