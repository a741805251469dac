import CareDomain

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

extension Action {
    /// What works before the customers' records are read (a console on a
    /// server draws its first screen from their summaries): moving, the
    /// filter, help and quitting. Everything else reads a record.
    var worksOnSummaries: Bool {
        switch self {
        case .nextPane, .previousPane, .pane, .down, .up, .top, .bottom, .pageDown, .pageUp, .filter, .help, .quit,
            .back, .queueScope:
            true
        default: false
        }
    }
}

enum KeyMap {
    /// The main screen's keys in the language in force: made once per
    /// language, since every key and every frame's hint bar reads them.
    static var bindings: [Binding<Action>] { Language.current == .es ? spanish : english }

    /// The scores screen's own keys; moving, help and quit are the main ones.
    static var scoresBindings: [Binding<Action>] { Language.current == .es ? spanishScores : englishScores }

    private static let english = Language.with(.en) { mainBindings() }
    private static let spanish = Language.with(.es) { mainBindings() }
    private static let englishScores = Language.with(.en) { scoreBindings() }
    private static let spanishScores = Language.with(.es) { scoreBindings() }

    private static func mainBindings() -> [Binding<Action>] {
        [
            Binding([.tab], "Tab", .nextPane, help: tr("next pane"), hint: tr("pane")),
            Binding([.backTab], "S-Tab", .previousPane, help: tr("previous pane")),
            Binding([.character("1")], "1", .pane(.customers), help: tr("customers")),
            Binding([.character("2")], "2", .pane(.profile), help: tr("profile")),
            Binding([.character("3")], "3", .pane(.timeline), help: tr("timeline")),
            Binding([.character("4")], "4", .pane(.incidents), help: tr("incident queue")),
            Binding([.character("j"), .down], "j/↓", .down, help: tr("move down")),
            Binding([.character("k"), .up], "k/↑", .up, help: tr("move up")),
            Binding([.character("g"), .home], "g", .top, help: tr("first")),
            Binding([.character("G"), .end], "G", .bottom, help: tr("last")),
            Binding([.pageDown, .control("f")], "PgDn", .pageDown, help: tr("page down")),
            Binding([.pageUp, .control("b")], "PgUp", .pageUp, help: tr("page up")),
            Binding([.character("m")], "m", .queueScope, help: tr("views: all, mine, done…")),
            Binding([.character("t")], "t", .take, help: tr("take the incident")),
            Binding([.character("n")], "n", .note, help: tr("add a note to the incident")),
            Binding([.character("r")], "r", .resolve, help: tr("resolve (playbook, rating)")),
            Binding([.character("a")], "a", .assign, help: tr("assign it to an agent")),
            Binding([.character("o")], "o", .reopen, help: tr("reopen a resolved incident")),
            Binding([.character("c")], "c", .contact, help: tr("customer came back (contact)")),
            Binding([.character("w")], "w", .wait, help: tr("waiting: stop/run the clock")),
            Binding(
                [.character("v")], "v", .approve, help: tr("approve a grant (supervisors)"),
                requires: .supervisor(tr("approve a compensation above an agent's authority"))),
            Binding([.character("R")], "R", .redeem, help: tr("redeem a reward (points)")),
            Binding([.character("u")], "u", .useCoupon, help: tr("use a customer's coupon")),
            Binding([.character("p")], "p", .pointsHistory, help: tr("timeline or points history")),
            Binding([.character("h")], "h", .audit, help: tr("who changed the customer")),
            Binding(
                [.character("H")], "H", .storeAudit, help: tr("store audit (supervisors)"),
                requires: .supervisor(tr("read the whole store's audit trail"))),
            Binding(
                [.character("A")], "A", .roster, help: tr("roster (supervisors)"),
                requires: .supervisor(tr("change the roster"))),
            Binding(
                [.character("T")], "T", .catalog, help: tr("service levels (supervisors)"),
                requires: .supervisor(tr("change the touchpoint catalog"))),
            Binding(
                [.character("P")], "P", .program, help: tr("loyalty program (supervisors)"),
                requires: .supervisor(tr("change the loyalty program"))),
            Binding([.character("N")], "N", .register, help: tr("register a walk-in customer")),
            Binding([.character("e")], "e", .correct, help: tr("correct profile, consents")),
            Binding([.character("b")], "b", .purchase, help: tr("record a purchase (points)"), hint: tr("buy")),
            Binding([.character("x")], "x", .giveBack, help: tr("return a purchase")),
            Binding([.character("l")], "l", .logContact, help: tr("log a contact (call, visit)"), hint: tr("log")),
            Binding([.character("s")], "s", .survey, help: tr("survey: how did it go?")),
            Binding(
                [.character("L")], "L", .stage, help: tr("lifecycle stage (supervisors)"),
                requires: .supervisor(tr("set a lifecycle stage by hand"))),
            Binding(
                [.character("M")], "M", .merge, help: tr("merge duplicates (supervisors)"),
                requires: .supervisor(tr("merge customers"))),
            Binding([.character("S")], "S", .scores, help: tr("scores: yours or the team's")),
            Binding([.character("i")], "i", .newIncident, help: tr("new incident for the customer"), hint: tr("new")),
            Binding([.character("/")], "/", .filter, help: tr("filter (accents optional)"), hint: tr("filter")),
            Binding([.enter], "Enter", .open, help: tr("open the selection"), hint: tr("open")),
            Binding([.escape], "Esc", .back, help: tr("back, clear the filter")),
            Binding([.character(":")], ":", .palette, help: tr("every action by name")),
            Binding([.character("?")], "?", .help, help: tr("this help"), hint: tr("help")),
            Binding([.character("q"), .control("c")], "q", .quit, help: tr("quit"), hint: tr("quit")),
        ]
    }

    private static func scoreBindings() -> [Binding<Action>] {
        [
            Binding([.character("j"), .down], "j/k", .down, help: tr("move down (k up)")),
            Binding([.character("k"), .up], "k", .up, help: tr("move up")),
            Binding([.character("g"), .home], "g", .top, help: tr("first")),
            Binding([.character("G"), .end], "G", .bottom, help: tr("last")),
            Binding([.pageDown, .control("f")], "PgDn", .pageDown, help: tr("page down")),
            Binding([.pageUp, .control("b")], "PgUp", .pageUp, help: tr("page up")),
            Binding([.character("s")], "s", .sortScores, help: tr("sort by the next figure"), hint: tr("sort")),
            Binding(
                [.character("p")], "p", .periodLength, help: tr("period: 7, 30, 90 or 365 days"), hint: tr("period")),
            Binding(
                [.character("<"), .character(",")], "<", .earlierPeriod, help: tr("the period before"),
                hint: tr("before")),
            Binding(
                [.character(">"), .character(".")], ">", .laterPeriod, help: tr("the period after"), hint: tr("after")),
            Binding([.enter], "Enter", .open, help: tr("incidents behind the figure"), hint: tr("incidents")),
            Binding([.tab, .character("f")], "Tab", .nextFigure, help: tr("next figure (in the incidents)")),
            Binding(
                [.character("v")], "v", .nextReport, help: tr("segments, profit, touchpoints"), hint: tr("view"),
                requires: .supervisor(tr("read segments, profitability and touchpoints"))),
            Binding(
                [.character("r")], "r", .recognise, help: tr("recognise (supervisors)"), hint: tr("recognise"),
                requires: .supervisor(tr("recognise an agent"))),
            Binding([.escape, .character("S")], "Esc", .back, help: tr("back; closes the scores"), hint: tr("back")),
            Binding([.character("?")], "?", .help, help: tr("this help")),
            Binding([.character("q"), .control("c")], "q", .quit, help: tr("quit")),
        ]
    }

    static func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    static func scoresAction(for key: Key) -> Action? {
        scoresBindings.first { $0.keys.contains(key) }?.action
    }
}
