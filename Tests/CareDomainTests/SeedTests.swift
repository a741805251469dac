import Foundation
import Testing

@testable import CareDomain

@Suite struct SeedTests {
    static let options = SeedOptions(
        customers: 120, years: 2, seed: 42, today: Fixture.today, supervisorLogin: "boss",
        supervisorName: "Begoña Ibáñez")

    @Test func theSameOptionsMakeTheSameStore() throws {
        try withTemporaryDirectory { parent in
            for name in ["a", "b"] {
                _ = try Seeder.seed(Self.options, into: FileStore(directory: parent + "/" + name, clock: Fixture.clock))
            }
            for file in ["customers.json", "incidents.json", "coupons.json", "journal/2026-11.jsonl"] {
                #expect(contents(parent + "/a/" + file) == contents(parent + "/b/" + file), "\(file)")
            }
            let layout = StoreLayout(directory: "")
            for customer in ["C000001", "C000077"] {
                let moments = layout.history(.moments, of: CustomerID(customer))
                #expect(contents(parent + "/a" + moments) == contents(parent + "/b" + moments))
            }
            var other = Self.options
            other.seed = 43
            _ = try Seeder.seed(other, into: FileStore(directory: parent + "/c", clock: Fixture.clock))
            #expect(contents(parent + "/a/customers.json") != contents(parent + "/c/customers.json"))
        }
    }

    @Test func aSeededStoreIsConsistentAndCoversTheDomain() throws {
        try withTemporaryDirectory { directory in
            let summary = try Seeder.seed(Self.options, into: FileStore(directory: directory, clock: Fixture.clock))
            let report = try StoreChecker.check(directory: directory)
            #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
            #expect(report.customers == 120)
            #expect(report.moments == summary.moments)
            // Close to the 20 moments per customer asked for.
            #expect(abs(summary.moments - 2400) < 240, "\(summary.moments) moments")

            let store = FileStore(directory: directory)
            let state = try store.open()
            #expect(Set(state.incidents.sorted.map(\.status)) == Set(Incident.Status.allCases))
            #expect(summary.overdue > 0)
            #expect(
                state.incidents.sorted.filter { $0.isOverdue(at: Fixture.now.addingTimeInterval(7 * 3600)) }.count
                    == summary.overdue)
            #expect(state.touchpoints.count >= 12)
            #expect(Set(state.touchpoints.sorted.map(\.stage)).count >= 5)
            #expect(state.agents[AgentID("boss")]?.role == .supervisor)
            #expect(state.agents.sorted.filter { $0.role == .agent }.count >= 3)
            let names = state.customers.sorted.map(\.name)
            #expect(names.contains { $0.contains("ñ") || $0.contains("á") || $0.contains("é") })
            #expect(state.customers.sorted.contains { $0.loyalty.tier != nil })
            #expect(Set(state.customers.sorted.map(\.lifecycle)).count >= 4)

            // Ledgers follow the purchases: every earn entry points at a purchase.
            let customer = try #require(state.customers.sorted.first { $0.loyalty.points > 0 })
            let moments = Dictionary(uniqueKeysWithValues: try store.moments(of: customer.id).map { ($0.id, $0) })
            for entry in try store.ledger(of: customer.id) where entry.kind == .earn {
                let purchase = try #require(entry.moment.flatMap { moments[$0] })
                #expect(purchase.amount != nil)
                #expect(entry.points >= (purchase.amount?.rawValue ?? 0) / 100)
            }
        }
    }

    @Test func seedRefusesAStoreWithDataOrAForeignDirectory() throws {
        try withTemporaryDirectory { directory in
            var small = Self.options
            small.customers = 5
            _ = try Seeder.seed(small, into: FileStore(directory: directory + "/store", clock: Fixture.clock))
            let before = contents(directory + "/store/customers.json")
            #expect(throws: StoreError.notEmpty(directory: directory + "/store")) {
                try Seeder.seed(small, into: FileStore(directory: directory + "/store", clock: Fixture.clock))
            }
            #expect(contents(directory + "/store/customers.json") == before)

            try FileManager.default.createDirectory(atPath: directory + "/home", withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: directory + "/home/notes.txt", contents: Data("mine".utf8)))
            #expect(throws: StoreError.self) { try Seeder.seed(small, into: FileStore(directory: directory + "/home")) }
            #expect(contents(directory + "/home/notes.txt") == Data("mine".utf8))
            #expect(!FileManager.default.fileExists(atPath: directory + "/home/customers.json"))
        }
    }
}

@Suite struct CheckTests {
    @Test func aCleanStorePasses() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let report = try StoreChecker.check(directory: directory)
            #expect(report.isClean)
            #expect(report.customers == 2)
            #expect(report.moments == 1)
            #expect(report.ledgerEntries == 2)
            #expect(report.journalEntries == 1)
        }
    }

    @Test func brokenReferencesAreNamed() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var orphan = try #require(try store.open().incidents["I1"])
            orphan.id = "I2"
            orphan.customer = "C404"
            orphan.assignee = "ghost"
            _ = try store.commit(Transaction(summary: "bad", changes: [.incident(orphan)]), by: Fixture.ana)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems.contains("Incident I2 refers to customer C404, who does not exist."))
            #expect(problems.contains("Incident I2 is assigned to ghost, who is not in the roster."))
        }
    }

    @Test func aBalanceThatIsNotTheSumOfItsLedgerIsNamed() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var customer = try #require(try store.open().customers["C2"]).nextVersion()
            customer.loyalty.points = 75
            _ = try store.commit(Transaction(summary: "bad", changes: [.customer(customer)]), by: Fixture.ana)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems == ["Customer C2 shows 75 points, but the ledger entries add up to 50."])
        }
    }

    @Test func aRunningBalanceThatDoesNotAddUpIsNamed() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var wrong = Fixture.c2Ledger[1]
            wrong.id = "C2-L3"
            wrong.points = -10
            wrong.balanceAfter = 45
            var customer = try #require(try store.open().customers["C2"]).nextVersion()
            customer.loyalty.points = 40
            _ = try store.commit(
                Transaction(summary: "x", changes: [.ledger(wrong), .customer(customer)]), by: Fixture.ana)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems.count == 1)
            #expect(
                problems.first?.contains("entry C2-L3 says the balance is 45, but the entries up to it add up to 40")
                    == true)
        }
    }

    @Test func historyOfNobodyIsNamed() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let path = store.layout.history(.moments, of: "C999")
            try writeStoreFile(path)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems == [
                    "\(store.layout.relative(path)) holds history of customer C999, who is not in customers.json."
                ])
        }
    }
}
