/// Every customer's figures as the store keeps them in `figures.bin`:
/// derived from the histories (and the records, for expiry days), never the
/// truth. Deleting the file loses nothing: `care reindex` and the next
/// compaction make it again, and until then the reports work it out from
/// the histories.
public struct StoreFigures: Sendable, Equatable {
    public var names = FigureNames()
    public var customers: [CustomerID: CustomerFigures] = [:]
    /// The journal transaction these figures include: what a reader catches
    /// up on from the journal.
    public var cursor = JournalCursor.start
    /// The program version expiry days were worked out with: another
    /// program (other expiry months, other thresholds) makes them stale.
    public var programVersion: Int?
    /// Expiry days hold for runs on this day or later.
    public var expiryFrom = Day(daysSinceEpoch: 0)

    public init() {}

    /// Whether `care expire` can trust the expiry days for a run on `today`.
    public func expiryDaysHold(for program: LoyaltyProgram?, today: Day) -> Bool {
        program != nil && program?.version == programVersion && today >= expiryFrom
    }

    /// The customers whose expiry day has come by `today`, in id order.
    public func expiryDue(by today: Day) -> [CustomerID] {
        customers.compactMap { id, figures in figures.expiryDue.map { $0 <= today } == true ? id : nil }.sorted()
    }

    /// Works `ids`' figures out again from their histories, on every core
    /// (each chunk names texts in a copy of the table; they are joined after).
    /// `keeping`: customers whose rows are as these (named in this table);
    /// only their expiry day is worked out, and their moments are not read.
    mutating func recompute(
        _ ids: [CustomerID], state: StoreState, program: LoyaltyProgram?, history: any HistoryReader, today: Day,
        keeping kept: [CustomerID: [FigureRow]] = [:], progress: WorkProgress = .none
    ) throws(StoreError) {
        let start = names
        let parts = Parallel.chunks(ids.count, minimum: 256) { range in
            Result { () throws(StoreError) -> (FigureNames, [(CustomerID, CustomerFigures)]) in
                var names = start
                var made: [(CustomerID, CustomerFigures)] = []
                made.reserveCapacity(range.count)
                for index in range {
                    // Stopped on request: the caller writes nothing of a part.
                    if progress.isCancelled { break }
                    progress.advance()
                    let figures = try Self.figures(
                        of: ids[index], state: state, program: program, history: history, names: &names, today: today,
                        keeping: kept[ids[index]])
                    made.append((ids[index], figures))
                }
                return (names, made)
            }
        }
        customers.reserveCapacity(customers.count + ids.count)
        for part in parts {
            let (chunkNames, made) = try part.get()
            let map = chunkNames.texts.map { names.index(of: $0) }
            for (id, customer) in made { customers[id] = customer.renamed(map) }
        }
    }

    /// One customer's figures from their history and record. `program` is
    /// the state's, decoded once by the caller (the state decodes it anew
    /// each time it is asked).
    package static func figures(
        of customer: CustomerID, state: StoreState, program: LoyaltyProgram?, history: any HistoryReader,
        names: inout FigureNames, today: Day, keeping rows: [FigureRow]? = nil
    ) throws(StoreError) -> CustomerFigures {
        let ledger = try history.ledger(of: customer)
        let record = try state.customers.find(customer)
        let expiry = record.flatMap { record in program.map { (record, $0, today) } }
        if let rows {
            let due = expiry.flatMap {
                LoyaltyRules.expiryDue(customer: $0.0, ledger: ledger, program: $0.1, today: $0.2)
            }
            return CustomerFigures(rows: rows, expiryDue: due)
        }
        return CustomerFigures.of(
            moments: try history.moments(of: customer), ledger: ledger, names: &names, expiry: expiry)
    }

    /// The customers whose figures `entries` change: their history, or
    /// their record (which their expiry day is worked out from); and those
    /// of them whose rows change: a moment or a redemption (the rows are
    /// nothing else). The others' records or points moved (an expiry run, a
    /// correction), so only their expiry day is worked out again, and their
    /// moments are not read.
    package static func changes(by entries: [JournalEntry]) -> (customers: Set<CustomerID>, rows: Set<CustomerID>) {
        var touched = Set<CustomerID>()
        var rows = Set<CustomerID>()
        for entry in entries {
            for change in entry.changes {
                switch change {
                case .moment(let moment):
                    touched.insert(moment.customer)
                    rows.insert(moment.customer)
                case .ledger(let ledger):
                    touched.insert(ledger.customer)
                    if ledger.kind == .redeem { rows.insert(ledger.customer) }
                case .customer(let customer): touched.insert(customer.id)
                default: break
                }
            }
        }
        return (touched, rows)
    }

    /// Every customer's figures worked out from the histories, on every
    /// core: what `care reindex` writes and `care check` compares with.
    package static func recomputed(
        state: StoreState, history: any HistoryReader, today: Day, names start: FigureNames = FigureNames(),
        cursor: JournalCursor, progress: WorkProgress = .none
    ) throws(StoreError) -> StoreFigures {
        let program = state.program
        var figures = StoreFigures()
        figures.names = start
        try figures.recompute(
            state.customers.summaries.map(\.id), state: state, program: program, history: history, today: today,
            progress: progress)
        figures.cursor = cursor
        figures.programVersion = program?.version
        figures.expiryFrom = today
        return figures
    }
}

extension CustomerFigures {
    /// The same figures with names moved to another table (`map[old] = new`).
    func renamed(_ map: [UInt32]) -> CustomerFigures {
        func moved(_ index: UInt32) -> UInt32 { index == FigureRow.none ? index : map[Int(index)] }
        var copy = self
        for index in copy.rows.indices {
            copy.rows[index].name = moved(copy.rows[index].name)
            copy.rows[index].family = moved(copy.rows[index].family)
        }
        return copy
    }
}
