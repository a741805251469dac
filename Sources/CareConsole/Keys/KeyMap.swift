/// What a key does.
enum Action: Hashable, Sendable {
    case nextPane, previousPane
    case pane(Pane)
    case down, up, top, bottom, pageDown, pageUp
    case filter, open, help, quit, back
    case queueScope
    case take, note, contact, resolve, assign, reopen, newIncident, wait, approve
    case redeem, useCoupon, pointsHistory
    case register, correct, purchase, giveBack, logContact, survey, stage, merge
    case audit, storeAudit, roster, catalog, program
    case palette
    case scores
    /// On the scores screen.
    case sortScores, periodLength, earlierPeriod, laterPeriod, nextFigure, recognise, nextReport
}

enum KeyMap {
    static let bindings: [Binding<Action>] = [
        Binding([.tab], "Tab", .nextPane, help: "next pane", hint: "pane"),
        Binding([.backTab], "S-Tab", .previousPane, help: "previous pane"),
        Binding([.character("1")], "1", .pane(.customers), help: "customers"),
        Binding([.character("2")], "2", .pane(.profile), help: "profile"),
        Binding([.character("3")], "3", .pane(.timeline), help: "timeline"),
        Binding([.character("4")], "4", .pane(.incidents), help: "incident queue"),
        Binding([.character("j"), .down], "j/↓", .down, help: "move down"),
        Binding([.character("k"), .up], "k/↑", .up, help: "move up"),
        Binding([.character("g"), .home], "g", .top, help: "first"),
        Binding([.character("G"), .end], "G", .bottom, help: "last"),
        Binding([.pageDown, .control("f")], "PgDn", .pageDown, help: "page down"),
        Binding([.pageUp, .control("b")], "PgUp", .pageUp, help: "page up"),
        Binding([.character("m")], "m", .queueScope, help: "views: all, mine, done…"),
        Binding([.character("t")], "t", .take, help: "take the incident"),
        Binding([.character("n")], "n", .note, help: "add a note to the incident"),
        Binding([.character("r")], "r", .resolve, help: "resolve (playbook, rating)"),
        Binding([.character("a")], "a", .assign, help: "assign it to an agent"),
        Binding([.character("o")], "o", .reopen, help: "reopen a resolved incident"),
        Binding([.character("c")], "c", .contact, help: "customer came back (contact)"),
        Binding([.character("w")], "w", .wait, help: "waiting: stop/run the clock"),
        Binding(
            [.character("v")], "v", .approve, help: "approve a grant (supervisors)",
            requires: .supervisor("approve a compensation above an agent's authority")),
        Binding([.character("R")], "R", .redeem, help: "redeem a reward (points)"),
        Binding([.character("u")], "u", .useCoupon, help: "use a customer's coupon"),
        Binding([.character("p")], "p", .pointsHistory, help: "timeline or points history"),
        Binding([.character("h")], "h", .audit, help: "who changed the customer"),
        Binding(
            [.character("H")], "H", .storeAudit, help: "store audit (supervisors)",
            requires: .supervisor("read the whole store's audit trail")),
        Binding(
            [.character("A")], "A", .roster, help: "roster (supervisors)", requires: .supervisor("change the roster")),
        Binding(
            [.character("T")], "T", .catalog, help: "service levels (supervisors)",
            requires: .supervisor("change the touchpoint catalog")),
        Binding(
            [.character("P")], "P", .program, help: "loyalty program (supervisors)",
            requires: .supervisor("change the loyalty program")),
        Binding([.character("N")], "N", .register, help: "register a walk-in customer"),
        Binding([.character("e")], "e", .correct, help: "correct profile, consents"),
        Binding([.character("b")], "b", .purchase, help: "record a purchase (points)", hint: "buy"),
        Binding([.character("x")], "x", .giveBack, help: "return a purchase"),
        Binding([.character("l")], "l", .logContact, help: "log a contact (call, visit)", hint: "log"),
        Binding([.character("s")], "s", .survey, help: "survey: how did it go?"),
        Binding(
            [.character("L")], "L", .stage, help: "lifecycle stage (supervisors)",
            requires: .supervisor("set a lifecycle stage by hand")),
        Binding(
            [.character("M")], "M", .merge, help: "merge duplicates (supervisors)",
            requires: .supervisor("merge customers")),
        Binding([.character("S")], "S", .scores, help: "scores: yours or the team's"),
        Binding([.character("i")], "i", .newIncident, help: "new incident for the customer", hint: "new"),
        Binding([.character("/")], "/", .filter, help: "filter (accents optional)", hint: "filter"),
        Binding([.enter], "Enter", .open, help: "open the selection", hint: "open"),
        Binding([.escape], "Esc", .back, help: "back, clear the filter"),
        Binding([.character(":")], ":", .palette, help: "every action by name"),
        Binding([.character("?")], "?", .help, help: "this help", hint: "help"),
        Binding([.character("q"), .control("c")], "q", .quit, help: "quit", hint: "quit"),
    ]

    /// The scores screen's own keys; moving, help and quit are the main ones.
    static let scoresBindings: [Binding<Action>] = [
        Binding([.character("j"), .down], "j/k", .down, help: "move down (k up)"),
        Binding([.character("k"), .up], "k", .up, help: "move up"),
        Binding([.character("g"), .home], "g", .top, help: "first"),
        Binding([.character("G"), .end], "G", .bottom, help: "last"),
        Binding([.pageDown, .control("f")], "PgDn", .pageDown, help: "page down"),
        Binding([.pageUp, .control("b")], "PgUp", .pageUp, help: "page up"),
        Binding([.character("s")], "s", .sortScores, help: "sort by the next figure", hint: "sort"),
        Binding([.character("p")], "p", .periodLength, help: "period: 7, 30, 90 or 365 days", hint: "period"),
        Binding([.character("<"), .character(",")], "<", .earlierPeriod, help: "the period before", hint: "before"),
        Binding([.character(">"), .character(".")], ">", .laterPeriod, help: "the period after", hint: "after"),
        Binding([.enter], "Enter", .open, help: "incidents behind the figure", hint: "incidents"),
        Binding([.tab, .character("f")], "Tab", .nextFigure, help: "next figure (in the incidents)"),
        Binding(
            [.character("v")], "v", .nextReport, help: "segments, profit, touchpoints", hint: "view",
            requires: .supervisor("read segments, profitability and touchpoints")),
        Binding(
            [.character("r")], "r", .recognise, help: "recognise (supervisors)", hint: "recognise",
            requires: .supervisor("recognise an agent")),
        Binding([.escape, .character("S")], "Esc", .back, help: "back; closes the scores", hint: "back"),
        Binding([.character("?")], "?", .help, help: "this help"),
        Binding([.character("q"), .control("c")], "q", .quit, help: "quit"),
    ]

    static func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    static func scoresAction(for key: Key) -> Action? {
        scoresBindings.first { $0.keys.contains(key) }?.action
    }
}
