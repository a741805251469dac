/// What a key does.
public enum Action: Hashable, Sendable {
    case nextPane, previousPane
    case pane(Pane)
    case down, up, top, bottom, pageDown, pageUp
    case filter, open, help, quit, back
    case queueScope
    case take, note, contact, resolve, assign, reopen, newIncident
    case redeem, useCoupon, pointsHistory
    case audit, storeAudit, roster, catalog, program
    case palette
    case scores
    /// On the scores screen.
    case sortScores, periodLength, earlierPeriod, laterPeriod, nextFigure, recognise, nextReport
}

/// A binding: its keys, how the hint bar and help name them, what it does.
/// The hint bar and the `?` overlay are both made from `KeyMap.bindings`.
public struct Binding: Sendable {
    public var keys: [Key]
    public var label: String
    public var action: Action
    public var help: String
    /// The hint bar's word for it, for the frequent ones; nil: only in `?`.
    public var hint: String?
}

public enum KeyMap {
    public static let bindings: [Binding] = [
        Binding(keys: [.tab], label: "Tab", action: .nextPane, help: "next pane", hint: "pane"),
        Binding(keys: [.backTab], label: "S-Tab", action: .previousPane, help: "previous pane", hint: nil),
        Binding(keys: [.character("1")], label: "1", action: .pane(.customers), help: "customers", hint: nil),
        Binding(keys: [.character("2")], label: "2", action: .pane(.profile), help: "profile", hint: nil),
        Binding(keys: [.character("3")], label: "3", action: .pane(.timeline), help: "timeline", hint: nil),
        Binding(keys: [.character("4")], label: "4", action: .pane(.incidents), help: "incident queue", hint: nil),
        Binding(keys: [.character("j"), .down], label: "j/↓", action: .down, help: "move down", hint: nil),
        Binding(keys: [.character("k"), .up], label: "k/↑", action: .up, help: "move up", hint: nil),
        Binding(keys: [.character("g"), .home], label: "g", action: .top, help: "first", hint: nil),
        Binding(keys: [.character("G"), .end], label: "G", action: .bottom, help: "last", hint: nil),
        Binding(keys: [.pageDown, .control("f")], label: "PgDn", action: .pageDown, help: "page down", hint: nil),
        Binding(keys: [.pageUp, .control("b")], label: "PgUp", action: .pageUp, help: "page up", hint: nil),
        Binding(
            keys: [.character("m")], label: "m", action: .queueScope, help: "view: all/mine/unassigned/done", hint: nil),
        Binding(keys: [.character("t")], label: "t", action: .take, help: "take the incident", hint: nil),
        Binding(keys: [.character("n")], label: "n", action: .note, help: "add a note to the incident", hint: nil),
        Binding(keys: [.character("r")], label: "r", action: .resolve, help: "resolve (playbook, rating)", hint: nil),
        Binding(keys: [.character("a")], label: "a", action: .assign, help: "assign it to an agent", hint: nil),
        Binding(keys: [.character("o")], label: "o", action: .reopen, help: "reopen a resolved incident", hint: nil),
        Binding(keys: [.character("c")], label: "c", action: .contact, help: "customer came back (contact)", hint: nil),
        Binding(keys: [.character("R")], label: "R", action: .redeem, help: "redeem a reward (points)", hint: nil),
        Binding(keys: [.character("u")], label: "u", action: .useCoupon, help: "use a customer's coupon", hint: nil),
        Binding(
            keys: [.character("p")], label: "p", action: .pointsHistory, help: "timeline or points history", hint: nil),
        Binding(keys: [.character("h")], label: "h", action: .audit, help: "who changed the customer", hint: nil),
        Binding(keys: [.character("H")], label: "H", action: .storeAudit, help: "store audit (supervisors)", hint: nil),
        Binding(keys: [.character("A")], label: "A", action: .roster, help: "roster (supervisors)", hint: nil),
        Binding(keys: [.character("T")], label: "T", action: .catalog, help: "service levels (supervisors)", hint: nil),
        Binding(
            keys: [.character("P")], label: "P", action: .program, help: "loyalty program (supervisors)", hint: nil),
        Binding(keys: [.character("S")], label: "S", action: .scores, help: "scores: yours or the team's", hint: nil),
        Binding(
            keys: [.character("i")], label: "i", action: .newIncident, help: "new incident for the customer",
            hint: "new"),
        Binding(
            keys: [.character("/")], label: "/", action: .filter, help: "filter (accents optional)", hint: "filter"),
        Binding(keys: [.enter], label: "Enter", action: .open, help: "open the selection", hint: "open"),
        Binding(keys: [.escape], label: "Esc", action: .back, help: "back, clear the filter", hint: nil),
        Binding(keys: [.character(":")], label: ":", action: .palette, help: "every action by name", hint: nil),
        Binding(keys: [.character("?")], label: "?", action: .help, help: "this help", hint: "help"),
        Binding(keys: [.character("q"), .control("c")], label: "q", action: .quit, help: "quit", hint: "quit"),
    ]

    /// The scores screen's own keys; moving, help and quit are the main ones.
    public static let scoresBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], label: "j/k", action: .down, help: "move down (k up)", hint: nil),
        Binding(keys: [.character("k"), .up], label: "k", action: .up, help: "move up", hint: nil),
        Binding(keys: [.character("g"), .home], label: "g", action: .top, help: "first", hint: nil),
        Binding(keys: [.character("G"), .end], label: "G", action: .bottom, help: "last", hint: nil),
        Binding(keys: [.pageDown, .control("f")], label: "PgDn", action: .pageDown, help: "page down", hint: nil),
        Binding(keys: [.pageUp, .control("b")], label: "PgUp", action: .pageUp, help: "page up", hint: nil),
        Binding(
            keys: [.character("s")], label: "s", action: .sortScores, help: "sort by the next figure", hint: "sort"),
        Binding(
            keys: [.character("p")], label: "p", action: .periodLength, help: "period: 7, 30, 90 or 365 days",
            hint: "period"),
        Binding(
            keys: [.character("<"), .character(",")], label: "<", action: .earlierPeriod, help: "the period before",
            hint: "before"),
        Binding(
            keys: [.character(">"), .character(".")], label: ">", action: .laterPeriod, help: "the period after",
            hint: "after"),
        Binding(keys: [.enter], label: "Enter", action: .open, help: "incidents behind the figure", hint: "incidents"),
        Binding(
            keys: [.tab, .character("f")], label: "Tab", action: .nextFigure, help: "next figure (in the incidents)",
            hint: nil),
        Binding(
            keys: [.character("v")], label: "v", action: .nextReport, help: "segments, profit, touchpoints",
            hint: "view"),
        Binding(
            keys: [.character("r")], label: "r", action: .recognise, help: "recognise (supervisors)", hint: "recognise"),
        Binding(
            keys: [.escape, .character("S")], label: "Esc", action: .back, help: "back; closes the scores", hint: "back"
        ),
        Binding(keys: [.character("?")], label: "?", action: .help, help: "this help", hint: nil),
        Binding(keys: [.character("q"), .control("c")], label: "q", action: .quit, help: "quit", hint: nil),
    ]

    /// Actions only a supervisor can take: hinted to supervisors only.
    public static let supervisorsOnly: Set<Action> = [
        .storeAudit, .roster, .catalog, .program, .recognise, .nextReport,
    ]

    public static func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    public static func scoresAction(for key: Key) -> Action? {
        scoresBindings.first { $0.keys.contains(key) }?.action
    }
}
