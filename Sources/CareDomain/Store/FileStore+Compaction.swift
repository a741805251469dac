import Foundation

extension FileStore {
    /// Folds the journal into the snapshots: history first (appended where
    /// missing, then the file system flushed), snapshots after, each replaced
    /// atomically with the journal position it now includes. A crash at any
    /// point leaves a store that loads the same: snapshots not yet replaced
    /// still point at the older position, and history appends are matched by
    /// id, so none is written twice.
    func compact(_ current: inout Loaded) throws(StoreError) {
        // A file is rewritten only from what was read of it whole: lines
        // copied as they are must at least decode.
        current.state.verifySnapshots()
        try current.state.requireUndamaged()
        _ = try removeLeftovers(in: layout.writerDirectories)
        let encoder = CareJSON.encoder()
        let decoder = CareJSON.decoder()
        var wroteHistory = false
        moveEmbeddedHistories(&current)
        // A history that lost entries is not begun again from the newest ones.
        let history = FoldedHistory(layout: layout, pending: current.pending)
        for (customer, moments) in current.pending.moments {
            wroteHistory =
                try fold(moments, kind: .moments, of: customer, encoder: encoder, decoder: decoder) {
                    (whole: [Moment]) throws(StoreError) in
                    try history.requireWholeTimeline(whole, of: customer)
                } || wroteHistory
        }
        for (customer, entries) in current.pending.ledger {
            let path = layout.relative(layout.history(.ledger, of: customer))
            wroteHistory =
                try fold(entries, kind: .ledger, of: customer, encoder: encoder, decoder: decoder) {
                    (whole: [LedgerEntry]) throws(StoreError) in
                    try HistoryFile.requireWholeLedger(whole, path: path)
                } || wroteHistory
        }
        for (customer, events) in current.pending.incidentEvents {
            wroteHistory =
                try fold(events, kind: .incidentEvents, of: customer, encoder: encoder, decoder: decoder) {
                    (_: [IncidentEvent]) throws(StoreError) in
                } || wroteHistory
        }
        if wroteHistory { try layout.files.syncFileSystem() }
        try writeSnapshots(current.state, cursor: current.cursor)
        current.pending = .none
        current.foldedSeq = current.cursor.seq
        current.pendingBytes = 0
        // Derived: failing to write them fails nothing; readers catch up
        // from an older file, or work them out without one.
        do throws(StoreError) {
            try writeFigures(current)
        } catch {
            tell(.figuresNotWritten(error))
        }
        do throws(StoreError) {
            try extendAuditIndex(current)
        } catch {
            tell(.indexNotWritten(error))
        }
        current.touches = JournalTouches(after: current.cursor.seq)
    }

    /// Incidents written before their histories were kept apart carry them
    /// in the record: the events go to the customer's file with this fold,
    /// and the snapshot is written without them. The version stays: the
    /// incident is the same, only where its history is kept moved. A crash
    /// in between leaves both, and readers take each event once by number.
    private func moveEmbeddedHistories(_ current: inout Loaded) {
        let carrying = current.state.incidents.records(lineHolding: "\"history\":") { $0.embeddedHistory != nil }
        for var incident in carrying {
            guard let history = incident.embeddedHistory else { continue }
            current.pending.incidentEvents[incident.customer, default: []] += history.enumerated().map {
                IncidentEvent(
                    incident: incident.id, number: $0.offset + 1, customer: incident.customer, event: $0.element)
            }
            incident.embeddedHistory = nil
            current.state.incidents.put(incident)
        }
    }

    /// Returns whether anything was appended. `requireWhole` sees the
    /// history as it would be, and refuses one that lost entries.
    private func fold<T: Codable & Identifiable>(
        _ items: [T], kind: HistoryKind, of customer: CustomerID, encoder: JSONEncoder, decoder: JSONDecoder,
        requireWhole: ([T]) throws(StoreError) -> Void
    ) throws(StoreError) -> Bool where T.ID: Hashable {
        let path = layout.history(kind, of: customer)
        let (folded, completeLength) = try HistoryFile.readWithTail(path, as: T.self, layout: layout, decoder: decoder)
        let known = Set(folded.map(\.id))
        let missing = items.filter { !known.contains($0.id) }
        guard !missing.isEmpty else { return false }
        try requireWhole(folded + missing)
        // An unfinished line is a fold cut short by a crash; its entry is
        // still in the journal, among `items`, so it is written again whole.
        if let completeLength { try layout.files.truncate(path, to: completeLength) }
        try HistoryFile.makeBucket(for: path, layout: layout)
        try layout.files.appendUnsynced(path, try HistoryFile.lines(missing, encoder: encoder))
        return true
    }

    func writeSnapshots(_ state: StoreState, cursor: JournalCursor) throws(StoreError) {
        for kind in RecordKinds.all {
            // An index not written leaves the next open to scan, as before.
            if let problem = try kind.writeSnapshot(of: state, cursor: cursor, layout: layout) {
                tell(.indexNotWritten(problem))
            }
        }
    }
}
