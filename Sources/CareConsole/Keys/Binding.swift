import CareDomain

/// A key binding: its keys, how help and footers name them, what it does,
/// and when it is refused. Footers, the `?` overlay, the palette and the
/// refusals are all made from bindings, so a key and its help are written
/// once. `A` is what the binding does: the main screen's `Action`, or a
/// dialog's `DialogAction`.
struct Binding<A: Hashable & Sendable>: Sendable {
    var keys: [Key]
    var label: String
    var action: A
    var help: String
    /// The word the hint bar or a footer gives it; nil: shown in `?` only.
    var hint: String?
    /// Who may use it, and what else it needs; checked before it acts.
    var requires: Requirement

    init(
        _ keys: [Key], _ label: String, _ action: A, help: String, hint: String? = nil,
        requires: Requirement = .nothing
    ) {
        self.keys = keys
        self.label = label
        self.action = action
        self.help = help
        self.hint = hint
        self.requires = requires
    }

    /// "Enter saves": what a footer or hint bar shows for it.
    var footer: String? { hint.map { label + " " + $0 } }
}

/// What a binding needs before it acts; the sentence when it is missing.
enum Requirement: Hashable, Sendable {
    case nothing
    /// An active supervisor, to do the thing named ("change the roster").
    case supervisor(String)

    var supervisorsOnly: Bool { if case .supervisor = self { true } else { false } }

    /// Why the binding is refused in `state`, or nil when it may act.
    func refusal(in state: AppState) -> String? {
        switch self {
        case .nothing: nil
        case .supervisor(let what): state.isSupervisor ? nil : tr("Only a supervisor can %@.", what)
        }
    }
}

extension Array {
    /// The binding for `key`, if any.
    func binding<A>(for key: Key) -> Binding<A>? where Element == Binding<A> {
        first { $0.keys.contains(key) }
    }

    /// A footer made from the bindings that have a hint: "j/k choose · Enter assigns · Esc cancels".
    func footer<A>() -> String where Element == Binding<A> {
        compactMap(\.footer).joined(separator: " · ")
    }
}
