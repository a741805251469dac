import Foundation

extension FileStore {
    /// The transactions that concern `customer`, oldest first: the lines the
    /// audit index lists, then the journal after its cursor (only lines that
    /// hold the customer's id are decoded). Without a current index, or one
    /// that does not lead to the customer's transactions, the whole journal
    /// is read that way.
    public func journalEntries(concerning customer: CustomerID) throws(StoreError) -> [JournalEntry] {
        let decoder = CareJSON.decoder()
        var found: [JournalEntry] = []
        var after = JournalCursor.start
        if let (data, header) = try AuditIndex.current(layout),
            let places = AuditIndex.places(of: customer, in: data, header: header),
            let listed = try entries(at: places, concerning: customer, decoder: decoder)
        {
            found = listed
            after = header.cursor
        }
        let quoted = Array(("\"" + customer.rawValue + "\"").utf8)
        let tail = try Journal.read(layout, after: after, decoder: decoder, holding: quoted)
        return found + tail.entries.filter { $0.concerns(customer) }
    }

    /// The transactions at `places`; nil when one is not the transaction
    /// its row says or does not concern the customer (the index is wrong).
    private func entries(
        at places: [(place: JournalPlace, seq: Int)], concerning customer: CustomerID, decoder: JSONDecoder
    ) throws(StoreError) -> [JournalEntry]? {
        var entries: [JournalEntry] = []
        entries.reserveCapacity(places.count)
        for (place, seq) in places {
            guard
                let line = try layout.files.read(
                    layout.journalFile(place.file), from: place.offset, count: place.length),
                line.count == place.length,
                let entry = try? decoder.decode(JournalEntry.self, from: line),
                entry.seq == seq, entry.concerns(customer)
            else { return nil }
            entries.append(entry)
        }
        return entries
    }

    /// Adds the transactions since the audit index's cursor to it, under
    /// the writer lock (a compaction); one missing or stale is made from
    /// the whole journal.
    func extendAuditIndex() throws(StoreError) {
        var contents = AuditIndex.Contents()
        if let (data, header) = try AuditIndex.current(layout), let held = AuditIndex.contents(of: data, header: header)
        {
            contents = held
        }
        let read = try Journal.read(layout, after: contents.cursor, decoder: CareJSON.decoder())
        if read.entries.isEmpty, try layout.files.status(layout.auditIndex) != nil, contents.cursor != .start {
            return
        }
        contents.add(read)
        try AuditIndex.write(contents, layout)
    }

    /// Makes the audit index again from the whole journal (`care reindex`,
    /// and `care bench` for a journal it wrote itself).
    public func remakeAuditIndex() throws(StoreError) {
        var contents = AuditIndex.Contents()
        contents.add(try Journal.read(layout, after: .start, decoder: CareJSON.decoder()))
        try AuditIndex.write(contents, layout)
    }
}
