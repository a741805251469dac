import Foundation
import Testing

@testable import CareDomain

/// The summaries a store on a server keeps beside its records
/// (`StoredSummary`): a table taken with them lists what a scan of its JSON
/// lists, and one whose summaries do not fit the text is scanned instead.
@Suite struct StoredSummaryTests {
    /// A table as PostgreSQL sends it: the records' lines joined by `,`
    /// and a newline, and per record its version, the length of its line
    /// and of its summary (big-endian), then the summary.
    struct Sent {
        var joined: Data
        var entries: Data
    }

    static func sent(_ customers: [Customer], summaries: [[UInt8]]? = nil, lengthOffBy: Int = 0) throws -> Sent {
        let stored = StoredSummary.of(customers.map(Change.customer))[.customers]
        let byID = Dictionary(
            uniqueKeysWithValues: zip(stored?.ids ?? [], summaries ?? stored?.summaries ?? []))
        var joined = Data()
        var entries = Data()
        func bigEndian(_ value: Int) { withUnsafeBytes(of: UInt32(value).bigEndian) { entries.append(contentsOf: $0) } }
        for (index, customer) in customers.enumerated() {
            let line = try Table<Customer>.line(of: customer, encoder: CareJSON.encoder())
            if index > 0 { joined.append(contentsOf: Array(",\n".utf8)) }
            joined.append(line)
            let summary = try #require(byID[customer.id.rawValue])
            bigEndian(customer.version)
            bigEndian(line.count + (index == 0 ? lengthOffBy : 0))
            bigEndian(summary.count)
            entries.append(contentsOf: summary)
        }
        return Sent(joined: joined, entries: entries)
    }

    static func take(_ sent: Sent, withSummaries: Bool) throws -> StoreState {
        var state = StoreState()
        // Framed as the server frames a table's text.
        let frame = StoreState.snapshotFrame(of: .customers)
        let snapshot = Data(frame.head.utf8) + sent.joined + Data(frame.tail.utf8)
        try state.take(
            .customers, snapshot: snapshot, summaries: withSummaries ? sent.entries : nil, source: "test customers")
        return state
    }

    static let customers: [Customer] = (1...40).map { number in
        Customer(
            id: CustomerID(String(format: "C%03d", number)), name: "Customer \(number)",
            phone: number % 3 == 0 ? nil : "+34 600 000 \(number)",
            email: number % 2 == 0 ? "c\(number)@example.com" : nil,
            customerSince: Fixture.today, lifecycle: number % 5 == 0 ? .atRisk : .active,
            loyalty: LoyaltyStanding(points: number * 10, tier: number % 4 == 0 ? "gold" : nil))
    }

    @Test func aTableTakenWithItsSummariesListsWhatAScanLists() throws {
        let sent = try Self.sent(Self.customers)
        let listed = try Self.take(sent, withSummaries: true).customers
        let scanned = try Self.take(sent, withSummaries: false).customers
        SnapshotIndexTests.expectSame(listed, scanned)
        #expect(listed.count == 40)
    }

    @Test func theSummariesAreWhatIsListedWithoutAScan() throws {
        // A summary that says another name: listed as it says, so the
        // list came from the summaries, not from the JSON.
        var renamed = Self.customers
        renamed[0].name = "Forged Name"
        let forged = try #require(StoredSummary.of(renamed.map(Change.customer))[.customers])
        let sent = try Self.sent(Self.customers, summaries: forged.summaries)
        let listed = try Self.take(sent, withSummaries: true).customers
        #expect(listed.summary(of: "C001")?.name == "Forged Name")
        #expect(try listed.find("C001")?.name == "Customer 1")
    }

    @Test func summariesThatDoNotFitTheTextAreLeftForAScan() throws {
        var renamed = Self.customers
        renamed[0].name = "Forged Name"
        let forged = try #require(StoredSummary.of(renamed.map(Change.customer))[.customers])
        // One length that does not match its line: no summary is trusted.
        let misplaced = try Self.sent(Self.customers, summaries: forged.summaries, lengthOffBy: 1)
        #expect(try Self.take(misplaced, withSummaries: true).customers.summary(of: "C001")?.name == "Customer 1")
        // A summary of another schema (its tag changed): the same.
        var otherSchema = forged.summaries
        otherSchema[0][0] ^= 0xFF
        let tagged = try Self.sent(Self.customers, summaries: otherSchema)
        #expect(try Self.take(tagged, withSummaries: true).customers.summary(of: "C001")?.name == "Customer 1")
        // A record with no summary (a change made outside care): the same.
        var cleared = forged.summaries
        cleared[0] = []
        let missing = try Self.sent(Self.customers, summaries: cleared)
        #expect(try Self.take(missing, withSummaries: true).customers.summary(of: "C001")?.name == "Customer 1")
    }

    @Test func aReportsReadListsTheSummariesAloneAndReadsNoRecord() throws {
        let sent = try Self.sent(Self.customers)
        var state = StoreState()
        let taken = state.takeSummaries(.customers, entries: sent.entries, source: "test customers")
        #expect(taken)
        SnapshotIndexTests.expectSummariesSame(state.customers, try Self.take(sent, withSummaries: false).customers)
        let refused = #expect(throws: StoreError.self) { try state.customers.find("C001") }
        #expect(refused?.description.contains("summaries only") == true)
        // Entries that do not hold are not taken: the caller reads the text.
        var cut = StoreState()
        let takenCut = cut.takeSummaries(.customers, entries: sent.entries.dropLast(), source: "test customers")
        #expect(!takenCut)
        #expect(cut.customers.isEmpty)
    }

    @Test func theLastPutOfARecordIsTheOneWhoseSummaryIsStored() throws {
        var first = Self.customers[1]
        first.name = "Before"
        var second = first
        second.name = "After"
        second.version += 1
        let stored = try #require(StoredSummary.of([.customer(first), .customer(second)])[.customers])
        #expect(stored.ids == ["C002"])
        let alone = try #require(StoredSummary.of([.customer(second)])[.customers])
        #expect(stored.summaries == alone.summaries)
    }
}
