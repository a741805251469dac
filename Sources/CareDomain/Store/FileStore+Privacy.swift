import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileStore {
    /// Every transaction in the journal, oldest first: the audit trail.
    public func journalEntries() throws(StoreError) -> [JournalEntry] {
        try Journal.read(layout, after: .start, decoder: CareJSON.decoder()).entries
    }

    /// What an erasure touched.
    public struct Erasure: Sendable, Equatable {
        public var journalLinesRewritten = 0
        public var filesRewritten: [String] = []
        public var temporaryFilesRemoved = 0
        /// The records had been erased by an earlier run (this one finished
        /// what it left, or found nothing left).
        public var recordsWereErased = false
    }

    /// Removes `customer`'s personal data from every file of the store, as
    /// a job that any rerun finishes (a kill, a full disk):
    ///
    /// 1. what identifies the person (every name, phone, email and handle
    ///    they ever had, from the record and every journal line about them)
    ///    is written down first, in `erasures/ID.json`;
    /// 2. the records are erased (one transaction), and the snapshots
    ///    rewritten by compacting;
    /// 3. their history files, every journal line about them (rewritten at
    ///    its own length, padded with spaces, so other sessions' offsets
    ///    stay right), torn tails and leftover temporary files are scrubbed;
    /// 4. every file that could hold them is searched for those strings;
    ///    only when none is left is the job file removed.
    ///
    /// All of it under the writer lock, so no write lands half-way.
    ///
    /// Duplicates merged into the customer are the same person: each is
    /// erased first, the same way, then the customer.
    public func erase(_ customer: CustomerID, by author: Author) throws -> Erasure {
        var erasure = Erasure()
        for pointer in PrivacyRules.pointers(to: customer, in: try open()) {
            let done = try eraseOne(pointer, by: author)
            erasure.journalLinesRewritten += done.journalLinesRewritten
            erasure.filesRewritten += done.filesRewritten
            erasure.temporaryFilesRemoved += done.temporaryFilesRemoved
        }
        let done = try eraseOne(customer, by: author)
        erasure.journalLinesRewritten += done.journalLinesRewritten
        erasure.filesRewritten += done.filesRewritten
        erasure.temporaryFilesRemoved += done.temporaryFilesRemoved
        erasure.recordsWereErased = done.recordsWereErased
        return erasure
    }

    private func eraseOne(_ customer: CustomerID, by author: Author) throws -> Erasure {
        try withWriterLock { (current: inout Loaded) throws -> Erasure in
            var erasure = Erasure()
            let job = ErasureJob(customer: customer, layout: layout)
            let record = try current.state.customers.find(customer)
            guard let record else { throw PrivacyRefusal.unknownCustomer(customer) }
            let entries = try Journal.read(layout, after: .start, decoder: CareJSON.decoder()).entries
            let strings = PrivacyRules.identifyingStrings(
                of: record, in: current.state, entries: entries, recorded: try job.recorded() ?? [])
            erasure.recordsWereErased = record.erasedAt != nil
            if record.erasedAt == nil {
                // Refused here (not a supervisor, not blocked) before anything is written down.
                let transaction = try PrivacyRules.eraseRecords(
                    in: current.state, customer: customer, by: author, at: clock.now)
                try job.record(strings, by: author, at: clock.now)
                try append(transaction, by: author, to: &current)
            } else {
                guard current.state.activeSupervisor(author) != nil else { throw PrivacyRefusal.supervisorsOnly }
                try job.record(strings, by: author, at: clock.now)
            }
            try compact(&current)

            let history = FoldedHistory(layout: layout, pending: .none)
            let encoder = CareJSON.encoder()
            func scrub<T: Encodable & Equatable>(_ kind: HistoryKind, _ items: [T], _ clean: (T) -> T)
                throws(StoreError)
            {
                let cleaned = items.map(clean)
                guard cleaned != items else { return }
                try layout.files.replace(
                    layout.history(kind, of: customer), with: HistoryFile.lines(cleaned, encoder: encoder))
                erasure.filesRewritten.append(layout.relative(layout.history(kind, of: customer)))
            }
            try scrub(.moments, try history.moments(of: customer)) { $0.withoutPersonalData() }
            try scrub(.ledger, try history.ledger(of: customer)) { $0.withoutPersonalData() }
            try scrub(.incidentEvents, try history.incidentEvents(of: customer)) { $0.withoutPersonalData() }
            for name in try Journal.fileNames(layout) {
                let rewritten = try rewriteJournal(name, without: customer, naming: strings, encoder: encoder)
                if rewritten > 0 {
                    erasure.journalLinesRewritten += rewritten
                    erasure.filesRewritten.append("journal/" + name)
                }
            }
            erasure.filesRewritten += try redactTorn(customer, strings)
            erasure.temporaryFilesRemoved = try removeLeftovers(in: ErasureJob.places(of: customer, layout))
            if let holder = try job.firstHolder(of: strings) {
                throw StoreError.invalidChange(
                    tr(
                        "%@ still holds personal data of customer %@; the erasure is not finished. Run `care privacy erase %@ --confirm` again.",
                        holder, customer, customer)
                )
            }
            try job.finish()
            return erasure
        }
    }

    /// Rewrites the lines of one journal file that concern `customer` or
    /// hold one of `identifying`, each to its old length; returns how many.
    private func rewriteJournal(
        _ name: String, without customer: CustomerID, naming identifying: [String], encoder: JSONEncoder
    ) throws(StoreError) -> Int {
        let path = layout.journalFile(name)
        guard let data = try layout.files.read(path) else { return 0 }
        let decoder = CareJSON.decoder()
        var output = Data()
        var rewritten = 0
        var copied = 0
        for line in JSONLines(data).lines where !JSONLines.isBlank(data, line.range) {
            guard let entry = try? decoder.decode(JournalEntry.self, from: JSONLines.slice(data, line.range)),
                entry.concerns(customer)
            else { continue }
            let cleaned = entry.withoutPersonalData(of: customer, naming: identifying)
            guard cleaned != entry else { continue }
            guard var bytes = try? encoder.encode(cleaned), bytes.count <= line.range.count else {
                throw .invalidChange(
                    tr(
                        "journal/%@ line %@ could not be rewritten without personal data at its length; nothing of it was changed.",
                        name, line.number)
                )
            }
            bytes.append(contentsOf: repeatElement(UInt8(0x20), count: line.range.count - bytes.count))
            output.append(JSONLines.slice(data, copied..<line.range.lowerBound))
            output.append(bytes)
            copied = line.range.upperBound
            rewritten += 1
        }
        guard rewritten > 0 else { return 0 }
        output.append(JSONLines.slice(data, copied..<data.count))
        try layout.files.replace(path, with: output)
        return rewritten
    }

    /// Torn journal tails cannot be parsed: one that names the customer is
    /// blanked whole (it may hold values that never reached a whole line);
    /// in the others, the person's strings are overwritten with asterisks.
    private func redactTorn(_ customer: CustomerID, _ strings: [String]) throws(StoreError) -> [String] {
        guard let names = try layout.files.list(layout.tornDirectory) else { return [] }
        var rewritten: [String] = []
        let needles = PrivacyRules.writtenForms(of: strings)
        let id = Data("\"\(customer.rawValue)\"".utf8)
        for name in names.sorted() where !name.contains(DurableFile.temporaryMarker) {
            let path = layout.tornDirectory + "/" + name
            guard var data = try layout.files.read(path) else { continue }
            var changed = false
            if data.range(of: id) != nil, data.contains(where: { $0 != UInt8(ascii: "*") }) {
                data = Data(repeating: UInt8(ascii: "*"), count: data.count)
                changed = true
            }
            for needle in needles {
                while let range = data.range(of: needle) {
                    data.replaceSubrange(range, with: Data(repeating: UInt8(ascii: "*"), count: range.count))
                    changed = true
                }
            }
            if changed {
                try layout.files.replace(path, with: data)
                rewritten.append("journal/torn/" + name)
            }
        }
        return rewritten
    }

    /// Removes temporary files left by writers that died (a temp file is
    /// only ever made under the writer lock, so any found under it is
    /// garbage, and may hold personal data); returns how many.
    func removeLeftovers(in directories: [String]) throws(StoreError) -> Int {
        var removed = 0
        for directory in directories {
            for name in try layout.files.list(directory) ?? []
            where name.hasPrefix(".") && name.contains(DurableFile.temporaryMarker) {
                try layout.files.remove(directory + "/" + name)
                removed += 1
            }
        }
        return removed
    }
}

/// `erasures/ID.json`: an erasure under way, with the strings that identify
/// the person, so that a rerun after a kill or a full disk knows what to
/// scrub even once the records no longer say. Removed when it is done; while
/// it is there, `care check` reports the erasure as unfinished.
struct ErasureJob {
    let customer: CustomerID
    let layout: StoreLayout

    var directory: String { layout.erasureDirectory }

    private struct Document: Codable {
        var customer: CustomerID
        var startedAt: Date
        var by: String
        var strings: [String]
    }

    var path: String { directory + "/" + customer.rawValue + ".json" }

    func recorded() throws(StoreError) -> [String]? {
        guard let data = try layout.files.read(path) else { return nil }
        do {
            return try CareJSON.decoder().decode(Document.self, from: data).strings
        } catch {
            let (field, reason) = CareJSON.explain(error)
            throw .corrupt(file: layout.relative(path), line: nil, field: field, reason: reason)
        }
    }

    func record(_ strings: [String], by author: Author, at now: Date) throws(StoreError) {
        guard customer.isSafeFileName else {
            throw .invalidChange(tr("Customer id \"%@\" cannot be erased by file name.", customer))
        }
        try layout.files.makeDirectory(directory)
        do {
            let data = try CareJSON.encoder(pretty: true).encode(
                Document(customer: customer, startedAt: now, by: author.login, strings: strings))
            try layout.files.replace(path, with: data)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidChange(tr("The erasure of %@ could not be written down: %@.", customer, error))
        }
    }

    func finish() throws(StoreError) {
        try layout.files.remove(path)
    }

    /// Where the person's data may be: the snapshots and journal, torn
    /// tails, and their own history files (other customers' histories never
    /// hold them).
    static func places(of customer: CustomerID, _ layout: StoreLayout) -> [String] {
        layout.writerDirectories
            + HistoryKind.allCases.map { (layout.history($0, of: customer) as NSString).deletingLastPathComponent }
    }

    /// The first file in those places that still holds one of `strings`.
    func firstHolder(of strings: [String]) throws(StoreError) -> String? {
        let needles = PrivacyRules.writtenForms(of: strings)
        guard !needles.isEmpty else { return nil }
        let own = Set(HistoryKind.allCases.map { layout.history($0, of: customer) })
        for (index, directory) in Self.places(of: customer, layout).enumerated() {
            for name in (try layout.files.list(directory) ?? []).sorted() {
                let file = directory + "/" + name
                // In a history bucket, only this customer's own files.
                if index >= layout.writerDirectories.count, !own.contains(file) { continue }
                guard let info = try layout.files.status(file), info.st_mode & S_IFMT == S_IFREG, file != path else {
                    continue
                }
                guard let data = try layout.files.read(file) else { continue }
                if needles.contains(where: { data.range(of: $0) != nil }) { return layout.relative(file) }
            }
        }
        return nil
    }
}
