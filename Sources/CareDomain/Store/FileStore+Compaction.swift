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
        moveEmbeddedHistories(&current)
        // A history that lost entries is not begun again from the newest ones.
        let history = FoldedHistory(layout: layout, pending: current.pending, memo: historyMemo)
        let layout = layout
        var wroteHistory = try foldAll(current.pending.moments, kind: .moments) {
            (whole: [Moment], customer) throws(StoreError) in
            try history.requireWholeTimeline(whole, of: customer)
        }
        wroteHistory =
            try foldAll(current.pending.ledger, kind: .ledger) { (whole: [LedgerEntry], customer) throws(StoreError) in
                try HistoryFile.requireWholeLedger(whole, path: layout.relative(layout.history(.ledger, of: customer)))
            } || wroteHistory
        wroteHistory =
            try foldAll(current.pending.incidentEvents, kind: .incidentEvents) {
                (_: [IncidentEvent], _) throws(StoreError) in
            } || wroteHistory
        if wroteHistory { try layout.files.syncFileSystem() }
        // The snapshots and the figures share nothing but what is folded
        // now: each is written on a core of its own (each takes most of a
        // second at 100,000 customers). The figures are derived from the
        // journal and the histories, so they hold even if a snapshot fails.
        let folded: Loaded = {
            var copy = current
            copy.pending = .none
            return copy
        }()
        let (snapshots, figures) = Parallel.both(
            { Self.failure { () throws(StoreError) in try self.writeSnapshots(folded.state, cursor: folded.cursor) } },
            { Self.failure { () throws(StoreError) in try self.writeFigures(folded) } })
        if let snapshots { throw snapshots }
        current.pending = .none
        current.foldedSeq = current.cursor.seq
        current.pendingBytes = 0
        // Derived: failing to write them fails nothing; readers catch up
        // from an older file, or work them out without one.
        if let figures { tell(.figuresNotWritten(figures)) }
        do throws(StoreError) {
            try extendAuditIndex(current)
        } catch {
            tell(.indexNotWritten(error))
        }
        current.touches = JournalTouches(after: current.cursor.seq)
        // What it held is folded now; a long session does not keep it.
        historyMemo.clear()
    }

    /// What `work` threw, nil when it did not: a result that crosses cores.
    private static func failure(_ work: () throws(StoreError) -> Void) -> StoreError? {
        do throws(StoreError) {
            try work()
            return nil
        } catch {
            return error
        }
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

    /// Every customer's pending entries of one kind folded into their file,
    /// on every core (each file is one customer's). Returns whether
    /// anything was appended; a failure is thrown once every fold has run
    /// (a fold is idempotent: the next compaction finishes what is left).
    private func foldAll<T: Codable & Identifiable & Sendable>(
        _ pending: [CustomerID: [T]], kind: HistoryKind,
        requireWhole: @escaping @Sendable ([T], CustomerID) throws(StoreError) -> Void
    ) throws(StoreError) -> Bool where T.ID: Hashable {
        let work = Array(pending)
        let results = Parallel.chunks(work.count, minimum: 256) { range -> Result<Bool, StoreError> in
            let encoder = CareJSON.encoder()
            let decoder = CareJSON.decoder()
            var wrote = false
            for (customer, items) in work[range] {
                do throws(StoreError) {
                    wrote =
                        try fold(items, kind: kind, of: customer, encoder: encoder, decoder: decoder) {
                            (whole: [T]) throws(StoreError) in try requireWhole(whole, customer)
                        } || wrote
                } catch {
                    return .failure(error)
                }
            }
            return .success(wrote)
        }
        var wrote = false
        for result in results { wrote = try result.get() || wrote }
        return wrote
    }

    /// Returns whether anything was appended. `requireWhole` sees the
    /// history as it would be, and refuses one that lost entries.
    private func fold<T: Codable & Identifiable & Sendable>(
        _ items: [T], kind: HistoryKind, of customer: CustomerID, encoder: JSONEncoder, decoder: JSONDecoder,
        requireWhole: ([T]) throws(StoreError) -> Void
    ) throws(StoreError) -> Bool where T.ID: Hashable {
        let path = layout.history(kind, of: customer)
        let (folded, completeLength) = try HistoryFile.readWithTail(
            path, as: T.self, layout: layout, decoder: decoder, memo: historyMemo)
        let known = Set(folded.map(\.id))
        let missing = items.filter { !known.contains($0.id) }
        guard !missing.isEmpty else { return false }
        let whole = folded + missing
        try requireWhole(whole)
        historyMemo.forget(path)
        // An unfinished line is a fold cut short by a crash; its entry is
        // still in the journal, among `items`, so it is written again whole.
        if let completeLength { try layout.files.truncate(path, to: completeLength) }
        // A file with lines is in its bucket already.
        if folded.isEmpty { try HistoryFile.makeBucket(for: path, layout: layout) }
        let identity = try layout.files.appendUnsynced(path, try HistoryFile.lines(missing, encoder: encoder))
        // The figures' catch-up after this fold reads the file as it is now.
        if let identity {
            historyMemo.remember(
                path, .init(identity: identity, items: whole, count: whole.count, completeLength: nil))
        }
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
