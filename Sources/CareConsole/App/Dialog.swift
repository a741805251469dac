import CareDomain
import Foundation

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
    /// Choosing who takes an incident.
    case assignee(IncidentID, options: [AgentID], selected: Int)
    /// A new incident for a customer, field by field.
    case newIncident(IncidentDraft)
    /// The command palette: every action by name, narrowed as you type.
    case palette(query: String, selected: Int)
    /// Choosing the reward a customer redeems.
    case redeem(CustomerID, options: [RewardID], selected: Int)
    /// Choosing the coupon a customer uses now.
    case coupon(CustomerID, options: [CouponCode], selected: Int)
    /// The roster, for a supervisor: active, role, authority.
    case roster(selected: Int)
    /// A new agent for the roster: their Unix login, then their name.
    case newAgent(login: String, name: String, onName: Bool)
    /// The touchpoints' service levels, for a supervisor.
    case catalog(selected: Int)
    /// The loyalty program's numbers, for a supervisor.
    case program(selected: Int)
    /// Why a supervisor recognises an agent, as the agent will read it.
    case recognise(AgentID, reason: String)
}

extension Dialog {
    /// The palette's entries for `query`: bindings whose help or key holds
    /// every word (accents and case ignored), the palette itself left out.
    public static func paletteEntries(_ query: String) -> [Binding] {
        let words = Folding.fold(query).split(separator: " ").map(String.init)
        return KeyMap.bindings.filter { binding in
            guard binding.action != .palette else { return false }
            let text = Folding.fold(binding.help + " " + binding.label)
            return words.allSatisfy { text.contains($0) }
        }
    }
}

/// A new incident as the agent fills it in: the touchpoint, the kind, the
/// priority (each chosen from a list), then the subject.
public struct IncidentDraft: Equatable, Sendable {
    public enum Field: Int, Sendable { case touchpoint, kind, priority, subject }

    public var customer: CustomerID
    public var touchpoints: [TouchpointID]
    public var field = Field.touchpoint
    public var touchpoint = 0
    public var kind = Incident.Kind.allCases.firstIndex(of: .complaint) ?? 0
    public var priority = Incident.Priority.allCases.firstIndex(of: .normal) ?? 0
    public var subject = ""

    /// The choices of the current field (none for the subject).
    public func options(in store: StoreState) -> [String] {
        switch field {
        case .touchpoint: touchpoints.map { store.touchpoints[$0]?.name ?? $0.rawValue }
        case .kind: Incident.Kind.allCases.map(\.rawValue)
        case .priority: Incident.Priority.allCases.map(\.rawValue)
        case .subject: []
        }
    }

    public var selected: Int {
        get {
            switch field {
            case .touchpoint: touchpoint
            case .kind: kind
            case .priority: priority
            case .subject: 0
            }
        }
        set {
            switch field {
            case .touchpoint: touchpoint = newValue
            case .kind: kind = newValue
            case .priority: priority = newValue
            case .subject: break
            }
        }
    }
}
