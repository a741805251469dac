import Foundation

/// The figures' file: derived, rebuilt from the histories whenever it is
/// missing, unreadable or behind (see `StoreFigures`).
extension FileStore {
    /// Where the store's figures stand, as a reader or `care reindex` found them.
    public struct FiguresRead: Sendable {
        public var figures: StoreFigures
        /// Customers worked out again from their histories (those the
        /// journal changed since the file was written; all when it was not
        /// there or not readable).
        public var recomputed: Int
        /// Why the file could not be used, when it could not.
        public var problem: StoreError?
    }

    /// The figures as of the last change: `figures.bin` caught up with the
    /// journal since it was written, or, without a usable file, every
    /// customer worked out from the histories (as slow as reading them all).
    public func figures(withRows: Bool) throws(StoreError) -> StoreFigures {
        // A process that has not opened the store need not, when no customer
        // changed since the file was written (a quiet `care expire`).
        if loadedState() == nil, let data = try? layout.files.map(layout.figures),
            var figures = try? FiguresFile.decode(data, path: layout.relative(layout.figures), rows: withRows),
            let read = try? Journal.read(layout, after: figures.cursor, decoder: CareJSON.decoder()),
            StoreFigures.changes(by: read.entries).customers.isEmpty
        {
            figures.cursor = read.cursor
            return figures
        }
        _ = try refresh()
        let state = try currentState()
        return try figures(
            state: state, history: history(), today: Day(containing: clock.now), cursor: currentCursor()
        ).figures
    }

    /// `figures()` for the state and histories given (the writer's, under
    /// the lock). Without a usable file every customer is worked out from
    /// the histories, and `problem` says why.
    /// `cursor` is where `state` stands in the journal.
    func figures(state: StoreState, history: any HistoryReader, today: Day, cursor: JournalCursor)
        throws(StoreError) -> FiguresRead
    {
        switch try storedFigures(state: state, history: history, today: today) {
        case .usable(let read): return read
        case .unusable(let problem):
            let figures = try StoreFigures.recomputed(state: state, history: history, today: today, cursor: cursor)
            return FiguresRead(figures: figures, recomputed: figures.customers.count, problem: problem)
        }
    }

    enum StoredFigures {
        case usable(FiguresRead)
        /// The file is missing, damaged, or behind a journal it cannot be caught up with.
        case unusable(StoreError)
    }

    /// `figures.bin` caught up with the journal: the customers changed since
    /// it was written are worked out again (a history that cannot be read
    /// then is the store's damage, thrown as such).
    func storedFigures(state: StoreState, history: any HistoryReader, today: Day) throws(StoreError)
        -> StoredFigures
    {
        var figures: StoreFigures
        let read: JournalRead
        do throws(StoreError) {
            guard let data = try layout.files.map(layout.figures) else {
                return .unusable(.missingFile(file: layout.relative(layout.figures)))
            }
            figures = try FiguresFile.decode(data, path: layout.relative(layout.figures))
            read = try Journal.read(layout, after: figures.cursor, decoder: CareJSON.decoder())
        } catch {
            return .unusable(error)
        }
        let (touched, rowsChanged) = StoreFigures.changes(by: read.entries)
        var kept: [CustomerID: [FigureRow]] = [:]
        for id in touched.subtracting(rowsChanged) { kept[id] = figures.customers[id]?.rows }
        try figures.recompute(
            touched.sorted(), state: state, program: state.program, history: history, today: today, keeping: kept)
        if !touched.isEmpty { figures.expiryFrom = max(figures.expiryFrom, today) }
        // Past a program change the expiry days are not trusted (the
        // version differs), which `expiryDaysHold` sees.
        figures.cursor = read.cursor
        return .usable(FiguresRead(figures: figures, recomputed: touched.count, problem: nil))
    }

    /// The customers whose figures the journal may have changed since
    /// `cursor`, and whose rows (`StoreFigures.changes(by:)`): from what this
    /// process applied when it has them all, else from the journal read
    /// again; nil when it cannot be read.
    private func figureChanges(since cursor: JournalCursor, _ current: Loaded) -> (
        customers: Set<CustomerID>, rows: Set<CustomerID>
    )? {
        if let touches = current.touches.since(cursor.seq, through: current.state.seq) {
            return (Set(touches.lazy.flatMap(\.figures)), Set(touches.lazy.flatMap(\.rows)))
        }
        guard let read = try? Journal.read(layout, after: cursor, decoder: CareJSON.decoder()) else { return nil }
        return StoreFigures.changes(by: read.entries)
    }

    /// Writes the figures as of `current` (under the writer lock, the
    /// histories folded): what compaction does. The customers the journal
    /// changed since the file was written are worked out again and put in;
    /// every other customer's block is copied as it is. Without a usable
    /// file, or after another program (whose months and thresholds every
    /// expiry day depends on), every customer is worked out.
    func writeFigures(_ current: Loaded) throws(StoreError) {
        let history = FoldedHistory(
            layout: layout, pending: current.pending, memo: historyMemo)
        let today = Day(containing: clock.now)
        let path = layout.relative(layout.figures)
        let program = current.state.program
        if let data = try? layout.files.map(layout.figures),
            var changed = try? FiguresFile.header(of: data, path: path),
            changed.programVersion == program?.version,
            let (touched, rowsChanged) = figureChanges(since: changed.cursor, current)
        {
            let kept = (try? FiguresFile.rows(of: touched.subtracting(rowsChanged), in: data, path: path)) ?? [:]
            try changed.recompute(
                touched.sorted(), state: current.state, program: program, history: history, today: today,
                keeping: kept)
            if !touched.isEmpty { changed.expiryFrom = max(changed.expiryFrom, today) }
            changed.cursor = current.cursor
            try layout.files.replace(layout.figures, with: FiguresFile.rewrite(data, path: path, with: changed))
            return
        }
        var figures = try StoreFigures.recomputed(
            state: current.state, history: history, today: today, cursor: current.cursor)
        figures.cursor = current.cursor
        try layout.files.replace(layout.figures, with: FiguresFile.encode(figures))
    }

    /// `care reindex`: every customer's figures worked out from the
    /// histories and written, under the writer lock. Stopped on request
    /// (`progress` cancelled), the file as it was stays.
    public func reindex(progress: WorkProgress = .none) throws -> FiguresRead {
        try withWriterLock { (current: inout Loaded) throws -> FiguresRead in
            let history = FoldedHistory(
                layout: layout, pending: current.pending)
            progress.begin(tr("reindex: customers"), total: current.state.customers.count)
            let figures = try StoreFigures.recomputed(
                state: current.state, history: history, today: Day(containing: clock.now), cursor: current.cursor,
                progress: progress)
            try progress.checkCancelled()
            try layout.files.replace(layout.figures, with: FiguresFile.encode(figures))
            // The snapshots' indexes, from the snapshots as they are on disk.
            for kind in RecordKinds.all {
                try progress.checkCancelled()
                try kind.reindexSnapshot(layout)
            }
            try progress.checkCancelled()
            try remakeAuditIndex()
            return FiguresRead(figures: figures, recomputed: figures.customers.count, problem: nil)
        }
    }

    /// The state this process holds, the store opened first if it was not.
    private func currentState() throws(StoreError) -> StoreState {
        if let state = loadedState() { return state }
        return try open()
    }
}
