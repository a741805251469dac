import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// Whole screens as text, kept in `Golden/` as files a reviewer reads: every
/// screen, overlay and dialog of the console at 80×24 and 120×40, driven by
/// keys from a seeded store. A change to what the console shows changes a
/// file, in a commit of its own. `CARE_GOLDEN_RECORD=1 swift test --filter
/// GoldenScreenTests` writes them afresh.
@Suite struct GoldenScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    @Test(arguments: GoldenScenario.all)
    func theScreenIsAsRecorded(_ scenario: GoldenScenario) throws {
        for size in scenario.sizes ?? Self.sizes {
            let screen = try GoldenScenario.drive(scenario, size: size)
            let name = "\(scenario.name).\(size.width)x\(size.height).txt"
            let actual = GoldenScenario.text(of: screen)
            let path = GoldenScenario.directory + "/" + name
            if ProcessInfo.processInfo.environment["CARE_GOLDEN_RECORD"] == "1" {
                try FileManager.default.createDirectory(
                    atPath: GoldenScenario.directory, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try #require(
                try? String(contentsOfFile: path, encoding: .utf8), "no golden file \(name): record it")
            #expect(actual == expected, "\(name) differs:\n\(GoldenScenario.difference(expected, actual))")
        }
    }
}

@Suite struct ASCIIDrawingTests {
    /// Every golden screen drawn for a terminal that is not UTF-8: ASCII
    /// only, each row as wide as the screen, nothing moved.
    @Test(arguments: GoldenScenario.all)
    func everyScreenHasAnASCIIFormOfTheSameShape(_ scenario: GoldenScenario) throws {
        let size = Size(width: 80, height: 24)
        let screen = try GoldenScenario.drive(scenario, size: size)
        let ascii = ASCIIDrawing.screen(screen).lines
        for (row, line) in ascii.enumerated() {
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(scenario.name) row \(row): \(line)")
            #expect(line.count == size.width, "\(scenario.name) row \(row)")
        }
        #expect(ASCIIDrawing.character("Ñ") == "N" && ASCIIDrawing.character("┌") == "+")
        #expect(ASCIIDrawing.character("€") == "E" && ASCIIDrawing.character("") == "?")
    }
}

@Suite struct TextThatFitsTests {
    /// No golden screen cuts a text at its box's edge: what does not fit is
    /// wrapped, or ends with "…" and is whole somewhere (a detail view, scrolling).
    @Test(arguments: GoldenScenario.all)
    func nothingIsCutSilently(_ scenario: GoldenScenario) throws {
        for size in scenario.sizes ?? GoldenScreenTests.sizes {
            let screen = try GoldenScenario.drive(scenario, size: size)
            #expect(
                screen.cuts.isEmpty,
                "\(scenario.name) at \(size.width)x\(size.height):\n\(screen.cuts.joined(separator: "\n"))")
        }
    }
}

/// A screen to keep: the keys that lead to it from the first screen.
struct GoldenScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let keys: [Key]
    /// Sizes of its own (the too-small screen); nil: the usual two.
    var sizes: [Size]? = nil
    /// What another session wrote before the console starts (an agent's request).
    var prepare: (@Sendable (FileStore) throws -> Void)? = nil
    /// The language of the screen; a Spanish one is kept as `NAME.es.WxH.txt`.
    var language = Language.en

    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Golden"

    /// Characters as keys, with `⏎` for Enter, `⇥` for Tab and `⎋` for Esc.
    static func keys(_ text: String) -> [Key] {
        text.map { character in
            switch character {
            case "⏎": .enter
            case "⇥": .tab
            case "⎋": .escape
            case "↓": .down
            case "↑": .up
            case "→": .right
            case "←": .left
            default: .character(character)
            }
        }
    }

    init(
        _ name: String, _ keys: String, sizes: [Size]? = nil, prepare: (@Sendable (FileStore) throws -> Void)? = nil,
        language: Language = .en
    ) {
        self.name = language == .en ? name : "\(name).\(language.rawValue)"
        self.keys = Self.keys(keys)
        self.sizes = sizes
        self.prepare = prepare
        self.language = language
    }

    /// Raúl (15 € of authority) asks for a compensation above it on the
    /// first open incident that has one, with a note.
    static let askApproval: @Sendable (FileStore) throws -> Void = { store in
        let agent = Author(login: "ralvarez")
        _ = try store.transact(by: agent) { state in
            for summary in state.incidents.summaries(where: { $0.status.isOpen }).sorted(by: { $0.id < $1.id }) {
                guard let incident = state.incidents[summary.id] else { continue }
                for playbook in state.playbooks.sorted where playbook.touchpoint == incident.touchpoint {
                    let proposal = IncidentRules.proposal(for: incident, playbook: playbook, in: state, at: now)
                    guard (proposal?.compensation.value ?? .zero) > .euros(15) else { continue }
                    return try IncidentRules.askApproval(
                        in: state, incident: incident.id, playbook: playbook.id, note: "Tercera vez este mes",
                        by: agent, at: now)
                }
            }
            throw IncidentRefusal.nothingToApprove("any")
        }
    }

    static let all: [GoldenScenario] = [
        GoldenScenario("main", ""),
        GoldenScenario("too-small", "", sizes: [Size(width: 60, height: 20), Size(width: 79, height: 24)]),
        GoldenScenario("filter", "/mar"),
        GoldenScenario("filter-nothing", "/zzzz"),
        GoldenScenario("profile", "2"),
        GoldenScenario("timeline", "3"),
        GoldenScenario("moment", "3⏎"),
        GoldenScenario("points-history", "p3"),
        GoldenScenario("queue", "4j"),
        GoldenScenario("incident-view", "4⏎"),
        GoldenScenario("queue-mine", "4m"),
        GoldenScenario("queue-resolved", "4mmm"),
        GoldenScenario("resolve-refused", "4mmmr"),
        GoldenScenario("reopen", "4mmmoVuelve a fallar"),
        GoldenScenario("help", "?"),
        GoldenScenario("audit", "h"),
        GoldenScenario("store-audit", "H"),
        GoldenScenario("refused", "t"),
        GoldenScenario("taken", "4t"),
        GoldenScenario("note", "4nLlamar mañana a las 10"),
        GoldenScenario("resolve-playbook", "4r"),
        GoldenScenario("resolve-next", "4r⏎"),
        GoldenScenario("resolve-rating", "4r⏎y"),
        GoldenScenario("assign", "4a"),
        GoldenScenario("wait", "4w"),
        GoldenScenario("waiting", "4wp⇥por el taller⏎"),
        GoldenScenario("approvals", "4mmmm", prepare: askApproval),
        GoldenScenario("approval-dialog", "4mmmmv", prepare: askApproval),
        GoldenScenario("new-incident", "i"),
        GoldenScenario("new-incident-filled", "ihXXXpXXFactura duplicada"),
        GoldenScenario("new-incident-no-subject", "ih⏎"),
        GoldenScenario("new-incident-opened", "ihXXXpXXFactura duplicada⏎"),
        GoldenScenario("palette", ":"),
        GoldenScenario("palette-narrowed", ":resol"),
        GoldenScenario("redeem", "R"),
        GoldenScenario("coupon", "u"),
        GoldenScenario("roster", "A"),
        GoldenScenario("new-agent", "AnlperezXLucía Pérez"),
        GoldenScenario("catalog", "T"),
        GoldenScenario("catalog-playbooks", "T⏎"),
        GoldenScenario("playbook-edit", "T⏎⏎"),
        GoldenScenario("program", "P"),
        GoldenScenario("scores", "S"),
        GoldenScenario("scores-help", "S?"),
        GoldenScenario("scores-drill", "S⏎"),
        GoldenScenario("scores-recognise", "SrGood work with a furious customer"),
        GoldenScenario("report-segments", "Sv"),
        GoldenScenario("report-profitability", "Svv"),
        GoldenScenario("report-touchpoints", "Svvv"),
        GoldenScenario("register", "NLucía PérezX611 222 333Xlucia@example.com"),
        GoldenScenario("register-refused", "NAna RuizXXXX31/02/1980⏎"),
        GoldenScenario("register-duplicates", "NRaúl LópezX698559483⏎"),
        GoldenScenario("registered", "NLucía PérezX611 222 333⏎"),
        GoldenScenario("correct", "2e"),
        GoldenScenario("purchase", "2b1.234,50"),
        GoldenScenario("purchased", "2b45,90⏎"),
        GoldenScenario("return", "2x"),
        GoldenScenario("contact", "2lpXpXLlamó por su pedidoXyX4XyXmuy amable"),
        GoldenScenario("contact-logged", "2lpXpXLlamó por su pedidoXyX4XyXmuy amable⏎"),
        GoldenScenario("survey", "23s"),
        GoldenScenario("stage", "2L"),
        GoldenScenario("merge-nobody", "2M"),
        // The same screens in Spanish, as LANG=es_* or --lang es gives them.
        GoldenScenario("main", "", language: .es),
        GoldenScenario("queue", "4j", language: .es),
        GoldenScenario("help", "?", language: .es),
        GoldenScenario("incident-view", "4⏎", language: .es),
        GoldenScenario("resolve-playbook", "4r", language: .es),
        GoldenScenario("approvals", "4mmmm", prepare: askApproval, language: .es),
        GoldenScenario("scores", "S", language: .es),
    ]

    /// A seeded store made once and copied for each screen, so that a
    /// screen that writes (taking an incident) leaves the others as they were.
    static let template: Result<String, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.path + "/care-golden-" + UUID().uuidString
        let store = FileStore(directory: directory, clock: .fixed(now))
        _ = try Seeder.seed(SeedOptions(customers: 40, seed: 5, today: today, supervisorLogin: "boss"), into: store)
        return directory
    }

    static let today = Day("2026-11-22") ?? Day(daysSinceEpoch: 0)
    static let now = today.start.addingTimeInterval(17 * 3600)

    /// The screen after the scenario's keys, each key's work done (and its
    /// result taken) before the next, as the loop does when it keeps up.
    static func drive(_ scenario: GoldenScenario, size: Size) throws -> Screen {
        try Language.with(scenario.language) { try driveInItsLanguage(scenario, size: size) }
    }

    private static func driveInItsLanguage(_ scenario: GoldenScenario, size: Size) throws -> Screen {
        let directory = FileManager.default.temporaryDirectory.path + "/care-golden-run-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: try template.get(), toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Tab in a scenario's text stands for itself; X is Tab too, for the new-agent form.
        let keys = scenario.keys.map { $0 == .character("X") ? Key.tab : $0 }
        let store = FileStore(directory: directory, clock: .fixed(now))
        try scenario.prepare?(store)
        let console = Console(store: store, author: Author(login: "boss"), clock: .fixed(now))
        var state = AppState(store: try store.open(), now: now, agent: "boss")
        var pending: [Message] = [.resize(size), .storeChanged(state.store)] + keys.map(Message.key)
        while !pending.isEmpty {
            let message = pending.removeFirst()
            var results: [Message] = []
            for command in update(&state, message) {
                if let result = console.perform(command, in: state) { results.append(result) }
            }
            pending.insert(contentsOf: results, at: 0)
        }
        return render(state)
    }

    /// The screen's lines, then where the cursor shows.
    static func text(of screen: Screen) -> String {
        let cursor = screen.cursor.map { "cursor at column \($0.x), row \($0.y)" } ?? "cursor hidden"
        return screen.lines.joined(separator: "\n") + "\n--- " + cursor + "\n"
    }

    /// The lines that differ, numbered, expected above actual.
    static func difference(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        return (0..<max(old.count, new.count)).compactMap { index in
            let a = index < old.count ? String(old[index]) : ""
            let b = index < new.count ? String(new[index]) : ""
            return a == b ? nil : "\(index + 1)- \(a)\n\(index + 1)+ \(b)"
        }.joined(separator: "\n")
    }
}
