import Foundation
import Testing

@testable import CareDomain

/// The store's figures (`figures.bin` and the journal since) against a full
/// recomputation from the histories, after every kind of change there is.
@Suite struct FiguresTests {
    static let boss = Author(login: "boss")

    /// Rows as text, so that figures named in different tables compare; the
    /// expiry day as "due by today" or the day.
    static func canonical(_ figures: StoreFigures, today: Day) -> [CustomerID: [String]] {
        figures.customers.mapValues { customer in
            customer.rows.map { row in
                [
                    "\(row.day)", figures.names.text(row.name) ?? "-", figures.names.text(row.family) ?? "-",
                    "\(row.flags.rawValue)", "\(row.rating)", "\(row.cost)", "\(row.amount)",
                ].joined(separator: "|")
            } + ["due " + (customer.expiryDue.map { $0 <= today ? "now" : $0.description } ?? "never")]
        }
    }

    static func recomputed(_ store: FileStore, today: Day) throws -> StoreFigures {
        let fresh = FileStore(directory: store.layout.directory, clock: .fixed(today.start))
        return try StoreFigures.recomputed(
            state: try fresh.open(), history: fresh, today: today, cursor: .start)
    }

    static func seeded(_ directory: String, customers: Int = 40) throws -> FileStore {
        let store = FileStore(directory: directory, clock: Fixture.clock, compactAfter: 25)
        _ = try Seeder.seed(
            SeedOptions(customers: customers, seed: 7, today: Fixture.today, supervisorLogin: "boss"), into: store)
        return store
    }

    /// A small deterministic generator (SplitMix64), so a failure replays.
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(1, bound)))
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theKeptFiguresEqualARecomputationAfterAnySequenceOfChanges(seed: UInt64) throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            var dice = Dice(state: seed)
            var now = Fixture.now
            var done: [String: Int] = [:]
            for step in 0..<120 {
                now = now.addingTimeInterval(Double(dice.next(30_000)))
                let state = try store.open()
                let ids = state.customers.summaries { !$0.blocked }.map(\.id).sorted()
                guard ids.count > 2 else { break }
                let customer = ids[dice.next(ids.count)]
                let kind = dice.next(12)
                let made: Bool
                switch kind {
                case 10:
                    try store.compact()
                    made = true
                case 11:
                    // Derived: deleting it loses nothing.
                    try? FileManager.default.removeItem(atPath: store.layout.figures)
                    made = true
                default:
                    made = try RandomChange(kind: kind).make(
                        on: store, customer: customer, customers: ids, dice: &dice, now: now, by: Self.boss,
                        erase: { _ = try store.erase($0, by: Self.boss) })
                }
                if made { done["\(kind)", default: 0] += 1 }
                let kept = Self.canonical(try store.figures(), today: Fixture.today)
                let fresh = Self.canonical(try Self.recomputed(store, today: Fixture.today), today: Fixture.today)
                let differing = Set(kept.keys).union(fresh.keys).filter { kept[$0] != fresh[$0] }.sorted()
                #expect(differing.isEmpty, "step \(step), change \(kind): \(differing.prefix(3))")
                if !differing.isEmpty { return }
            }
            // Every kind of change was made at least once.
            #expect(done.count == 12, "\(done)")
            try? FileManager.default.removeItem(atPath: store.layout.figures)
            #expect(
                try StoreChecker.check(directory: directory).problems.contains { $0.contains("figures.bin is missing") }
            )
            _ = try store.reindex()
            let report = try StoreChecker.check(directory: directory)
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }

    /// The expiry day is never late: on any day before it the run finds
    /// nothing to do for the customer; and after a run, nobody is due.
    @Test func beforeItsExpiryDayTheRunFindsNothingToDoAndAfterARunNobodyIsDue() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory, customers: 120)
            let state = try store.open()
            let program = try #require(state.program)
            let figures = try store.figures()
            #expect(figures.expiryDaysHold(for: program, today: Fixture.today))
            var looked = 0
            for summary in state.customers.summaries {
                let customer = try #require(state.customers[summary.id])
                let ledger = try store.ledger(of: summary.id)
                let due = figures.customers[summary.id]?.expiryDue
                for offset in stride(from: 0, through: 800, by: 9) {
                    let day = Fixture.today.adding(days: offset)
                    if let due, day >= due { break }
                    looked += 1
                    #expect(
                        LoyaltyRules.expire(customer: customer, ledger: ledger, program: program, today: day) == nil,
                        "\(summary.id) on \(day), due \(due?.description ?? "never")")
                }
            }
            #expect(looked > 1000)
            // The run as cron makes it 45 days on: the store's clock says that day too.
            let later = Fixture.today.adding(days: 45)
            let then = FileStore(directory: directory, clock: .fixed(later.start.addingTimeInterval(3600)))
            let dueBefore = figures.expiryDue(by: later).count
            let run = try ExpiryRun.run(store: then, today: later, by: Self.boss)
            #expect(dueBefore > 0 && run.customersChanged > 0 && run.customersChanged <= dueBefore)
            #expect(try then.figures().expiryDue(by: later).isEmpty)
            let again = try ExpiryRun.run(store: then, today: later, by: Self.boss)
            #expect(again.customersChanged == 0)
        }
    }

    /// Damaged, missing or behind: the figures are made again and nothing is lost.
    @Test func aDamagedFiguresFileIsNamedReportsStillAnswerAndReindexMendsIt() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let period = Period.days(365, endingOn: Fixture.today)
            let before = HistoryScan.run(state: try store.open(), figures: try store.figures(), period: period)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: store.layout.figures))
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: store.layout.figures))
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems.contains { $0.contains("checksum does not match") && $0.contains("care reindex") })
            let fresh = FileStore(directory: directory, clock: Fixture.clock)
            let after = HistoryScan.run(state: try fresh.open(), figures: try fresh.figures(), period: period)
            #expect(after.customers == before.customers && after.touchpoints == before.touchpoints)
            let read = try fresh.reindex()
            #expect(
                read.recomputed == before.customers.count
                    + (try fresh.open()).customers.summaries.filter(\.blocked).count)
            #expect(try StoreChecker.check(directory: directory).problems.isEmpty)
        }
    }

    /// Another program (other expiry months) makes every expiry day
    /// untrusted; the next compaction works them all out again.
    @Test func anotherProgramIsTrustedAgainAfterTheNextCompaction() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory, customers: 60)
            var program = try #require(try store.open().program)
            program.pointsExpiryMonths = 6
            _ = try store.transact(by: Self.boss) { state in try ProgramRules.set(program, in: state, by: Self.boss) }
            let current = try #require(try store.open().program)
            #expect(!(try store.figures()).expiryDaysHold(for: current, today: Fixture.today))
            try store.compact()
            let figures = try store.figures()
            #expect(figures.expiryDaysHold(for: current, today: Fixture.today))
            let fresh = Self.canonical(try Self.recomputed(store, today: Fixture.today), today: Fixture.today)
            #expect(Self.canonical(figures, today: Fixture.today) == fresh)
        }
    }

    /// A compaction copies unchanged customers' blocks as they are: the
    /// file it writes reads back as the old figures with the changed ones put in.
    @Test func aRewrittenFileIsTheOldOneWithTheChangedCustomersPutIn() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory, customers: 30)
            let data = try Data(contentsOf: URL(fileURLWithPath: store.layout.figures))
            let old = try FiguresFile.decode(data, path: "figures.bin")
            var changed = try FiguresFile.header(of: data, path: "figures.bin")
            #expect(changed.customers.isEmpty && changed.names == old.names)
            let row = FigureRow(
                day: 20_000, name: changed.names.index(of: "a-new-touchpoint"), family: FigureRow.none, flags: [],
                rating: 3, cost: 125, amount: 0)
            changed.customers["C000003"] = CustomerFigures(rows: [row], expiryDue: nil)
            changed.customers["C999999"] = CustomerFigures(rows: [row, row], expiryDue: Fixture.today)
            changed.customers["A000000"] = CustomerFigures()
            let rewritten = try FiguresFile.decode(
                Data(try FiguresFile.rewrite(data, path: "figures.bin", with: changed)), path: "figures.bin")
            var expected = old
            expected.names = changed.names
            for (id, customer) in changed.customers { expected.customers[id] = customer }
            #expect(rewritten == expected)
        }
    }

    /// The PostgreSQL store's compact blocks read back as the rows they
    /// were made of, the extremes of every field included; a block cut
    /// anywhere, or a number too large for its field, is refused.
    @Test func compactBlocksReadBackAsTheirRowsAndACutOneIsRefused() throws {
        let store = try withTemporaryDirectory { directory in try Self.seeded(directory, customers: 30).figures() }
        var customers = store.customers
        customers["C999999"] = CustomerFigures(
            rows: [
                FigureRow(
                    day: Int32.max, name: UInt32.max, family: FigureRow.none, flags: FigureRow.Flags(rawValue: 0xFF),
                    rating: 255, cost: Int64.max, amount: Int64.min),
                FigureRow(day: Int32.min, name: 0, family: 0, flags: [], rating: 0, cost: Int64.min, amount: Int64.max),
                FigureRow(day: 0, name: 1, family: UInt32.max - 1, flags: .purchase, rating: 5, cost: -1, amount: 1),
            ], expiryDue: Fixture.today)
        customers["Ñ"] = CustomerFigures()
        let bytes = customers.keys.sorted().flatMap { FiguresFile.compactBlock($0, customers[$0] ?? CustomerFigures()) }
        let fixedRows = customers.values.reduce(0) { $0 + $1.rows.count } * FiguresFile.rowSize
        #expect(bytes.count < fixedRows / 2)
        var read: [CustomerID: CustomerFigures] = [:]
        #expect(bytes.withUnsafeBytes { FiguresFile.customers(inCompactBlocks: $0, rows: true, into: &read) })
        #expect(read == customers)
        var days: [CustomerID: CustomerFigures] = [:]
        #expect(bytes.withUnsafeBytes { FiguresFile.customers(inCompactBlocks: $0, rows: false, into: &days) })
        #expect(days == customers.mapValues { CustomerFigures(expiryDue: $0.expiryDue) })
        // Cut in the middle of the last block (its rows or its header).
        let last = FiguresFile.compactBlock("C999999", customers["C999999"] ?? CustomerFigures())
        for cut in [1, 5, 12, last.count / 2, last.count - 1] {
            var cutRead: [CustomerID: CustomerFigures] = [:]
            #expect(
                !Array(last.prefix(cut)).withUnsafeBytes {
                    FiguresFile.customers(inCompactBlocks: $0, rows: true, into: &cutRead)
                })
        }
        // A name of 2^32 does not fit a row's name.
        var tooLarge = Array(last.prefix(2 + 7 + 4 + 4))
        tooLarge[2 + 7 + 4] = 1
        tooLarge += [0, 0x80, 0x80, 0x80, 0x80, 0x10, 0, 0, 0, 0, 0]
        var tooLargeRead: [CustomerID: CustomerFigures] = [:]
        #expect(
            !tooLarge.withUnsafeBytes {
                FiguresFile.customers(inCompactBlocks: $0, rows: true, into: &tooLargeRead)
            })
    }
}
