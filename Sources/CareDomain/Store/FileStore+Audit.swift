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
        // A safe id is written as it is, quoted; another (a record edited by
        // hand) may be escaped in the JSON, so every line is decoded for it.
        let quoted = customer.isSafeFileName ? Array(("\"" + customer.rawValue + "\"").utf8) : nil
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
    /// the writer lock (a compaction): from what this process applied when
    /// it has them all, else from the journal read again; one missing or
    /// stale is made from the whole journal.
    func extendAuditIndex(_ current: Loaded) throws(StoreError) {
        var contents = AuditIndex.Contents()
        let held = try AuditIndex.current(layout).flatMap { AuditIndex.contents(of: $0.data, header: $0.header) }
        if let held { contents = held }
        if let touches = current.touches.since(contents.cursor.seq, through: current.state.seq) {
            if touches.isEmpty, held != nil { return }
            contents.add(touches, through: current.cursor)
        } else {
            let read = try Journal.read(layout, after: contents.cursor, decoder: CareJSON.decoder())
            if read.entries.isEmpty, held != nil { return }
            contents.add(read)
        }
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
