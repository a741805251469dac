import CareDomain
import Foundation

/// `h` at scale: a store of its own whose journal holds a year of
/// transactions (each a contact with one of the bench's customers, a
/// journal file a month), its audit index made, then one customer's trail
/// read as the console reads it, with the index and without.
enum AuditBench {
    static func rows(
        customers: [CustomerID], transactions: Int, login: String, in directory: String, target: String
    ) throws -> [BenchCommand.Row] {
        guard !customers.isEmpty, transactions > 0 else { return [] }
        let yearAgo = Date().addingTimeInterval(-365 * 86_400)
        let store = FileStore(directory: directory, clock: .fixed(yearAgo))
        try store.create(by: Author(login: login)) { _ in (InitialRecords(), "audit bench") }
        let (_, writeTime) = try Measure.time {
            try writeJournal(transactions, customers: customers, from: yearAgo, login: login, in: directory)
        }
        let (_, indexTime) = try Measure.time { try store.remakeAuditIndex() }
        var random = SystemRandomNumberGenerator()
        var withIndex: [Duration] = []
        for _ in 0..<50 {
            let customer = customers.randomElement(using: &random) ?? customers[0]
            let (_, elapsed) = try Measure.time { try AuditTrail.lines(in: store, customer: customer) }
            withIndex.append(elapsed)
        }
        try FileManager.default.removeItem(atPath: store.layout.auditIndex)
        let (_, withoutIndex) = try Measure.time { try AuditTrail.lines(in: store, customer: customers[0]) }
        return [
            ("journal of \(transactions) transactions written (no fsync)", writeTime.formattedSeconds, ""),
            ("audit index made from it (care reindex)", indexTime.formattedSeconds, ""),
            (
                "h, a customer's audit trail",
                Measure.percentile(withIndex, 0.5).formattedMilliseconds + " median, "
                    + Measure.percentile(withIndex, 0.99).formattedMilliseconds + " p99 of 50", target
            ),
            ("h without the index (the whole journal)", withoutIndex.formattedMilliseconds, ""),
        ]
    }

    /// The lines as care writes them (one encoded per month, the rest made
    /// from it by putting in the number, the customer and the moment's id),
    /// appended without an fsync each: a bench's store, not a real one.
    private static func writeJournal(
        _ transactions: Int, customers: [CustomerID], from start: Date, login: String, in directory: String
    ) throws {
        let encoder = CareJSON.encoder()
        let perMonth = (transactions + 11) / 12
        var seq = 1
        var customerIndex = 0
        for month in 0..<12 where seq <= transactions {
            let at = start.addingTimeInterval(Double(month) * 30 * 86_400 + 86_400)
            let moment = Moment(
                id: "M-AUDIT-ID", customer: "C-AUDIT-ID", touchpoint: "phone-support", at: at, channel: .phone,
                agent: AgentID(login), outcome: "answered a question about an order", cost: .euros(2))
            let entry = JournalEntry(
                seq: 987_654_321, at: at, author: Author(login: login), summary: "contact with customer C-AUDIT-ID",
                changes: [.moment(moment)])
            let template = String(decoding: try encoder.encode(entry), as: UTF8.self)
            let name = StoreLayout.journalName(for: Day(containing: at))
            var text = ""
            text.reserveCapacity(perMonth * (template.utf8.count + 16))
            for _ in 0..<perMonth where seq < transactions + 1 {
                seq += 1
                let customer = customers[customerIndex % customers.count].rawValue
                customerIndex += 7919  // a prime: every customer in turn, not in order
                text +=
                    template.replacingOccurrences(of: "987654321", with: String(seq))
                    .replacingOccurrences(of: "C-AUDIT-ID", with: customer)
                    .replacingOccurrences(of: "M-AUDIT-ID", with: "M-A\(seq)") + "\n"
            }
            let path = directory + "/journal/" + name
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        }
    }
}
