import Foundation
import Testing

@testable import CareDomain

/// A fresh directory under the system's temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.path + "/care-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// A small hand-made store: two customers, an agent, a supervisor, two
/// touchpoints, one open incident.
enum Fixture {
    static let now = Timestamp.parse("2026-11-22T10:00:00.000Z") ?? Date(timeIntervalSince1970: 0)
    static let clock = Clock.fixed(now)
    static let ana = Author(login: "ana")
    static let today = Day(containing: now)

    static let program = LoyaltyProgram(
        name: "Test", pointsPerEuro: 1, pointsExpiryMonths: 12, inactivityDays: 180, tierWindowMonths: 12,
        tierTermMonths: 12,
        tiers: [
            Tier(id: "silver", name: "Silver", threshold: 300, earnPercent: 110, serviceLevelPercent: 100),
            Tier(id: "gold", name: "Gold", threshold: 900, earnPercent: 125, serviceLevelPercent: 50),
        ])

    static let counter = Touchpoint(
        id: "counter", name: "Counter", stage: .active, ownerArea: "Counter", participants: [], process: ["serve"],
        cost: 100,
        impact: 4, serviceLevel: ServiceLevel(promise: "within 24 h", responseMinutes: 24 * 60),
        compensation: Compensation(kind: .points, points: 100, value: 100, description: "100 points"))

    static func records() -> InitialRecords {
        var records = InitialRecords()
        records.program = program
        records.agents = [
            Agent(id: "ana", name: "Ana Núñez", role: .agent, area: "Counter", authorityLimit: .euros(20)),
            Agent(id: "boss", name: "Begoña Ibáñez", role: .supervisor, area: "Care", authorityLimit: .euros(500)),
        ]
        records.touchpoints = [counter]
        records.customers = [
            Customer(
                id: "C1", name: "José Núñez", phone: "+34 600 000 001", customerSince: Day("2020-01-15") ?? today,
                lifecycle: .active),
            Customer(
                id: "C2", name: "Emma Smith", email: "emma@example.com", customerSince: Day("2022-06-01") ?? today,
                lifecycle: .new,
                loyalty: LoyaltyStanding(points: 50, tier: "gold")),
        ]
        records.incidents = [
            Incident(
                id: "I1", customer: "C1", kind: .complaint, subject: "Late delivery", priority: .normal, status: .open,
                touchpoint: "counter", openedAt: now, dueAt: now.addingTimeInterval(86_400))
        ]
        return records
    }

    static let c2Ledger = [
        LedgerEntry(
            id: "C2-L1", customer: "C2", at: now.addingTimeInterval(-86_400), kind: .earn, points: 80, balanceAfter: 80,
            reason: "purchase"),
        LedgerEntry(
            id: "C2-L2", customer: "C2", at: now.addingTimeInterval(-3600), kind: .redeem, points: -30,
            balanceAfter: 50, reason: "reward"),
    ]

    static let c1Moment = Moment(
        id: "C1-M1", customer: "C1", touchpoint: "counter", at: now.addingTimeInterval(-7200), channel: .counter,
        outcome: "served", cost: 100)

    /// Creates the fixture store in `directory` and returns it, opened.
    @discardableResult
    static func makeStore(in directory: String, compactAfter: Int = 2000) throws -> FileStore {
        let store = FileStore(directory: directory, clock: clock, compactAfter: compactAfter)
        try store.create(by: Author(login: "boss")) { writer in
            try writer.write("C1", moments: [c1Moment], ledger: [])
            try writer.write("C2", moments: [], ledger: c2Ledger)
            return (records(), "fixture")
        }
        _ = try store.open()
        return store
    }

    static func note(_ text: String, on incident: IncidentID = "I1") -> (StoreState) throws -> Transaction {
        { state in try IncidentRules.note(in: state, incident: incident, text: text, by: ana, at: now) }
    }
}

func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// Writes `data` at `path` as the store would (owner only), making its folder.
func writeStoreFile(_ path: String, _ data: Data = Data()) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]))
}

func mode(_ path: String) -> Int {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return (attributes?[.posixPermissions] as? Int) ?? -1
}

/// A file's text; fails the test when it is missing or not UTF-8.
func text(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let data = try #require(contents(path), sourceLocation: sourceLocation)
    return try #require(String(data: data, encoding: .utf8), sourceLocation: sourceLocation)
}

extension FileStore {
    /// An incident's history as this store reads it now ([] for an unknown one).
    func steps(of id: IncidentID) throws -> [Incident.Event] {
        guard let incident = try open().incidents[id] else { return [] }
        return try history(of: incident)
    }
}
