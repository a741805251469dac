import Foundation

extension FileStore {
    /// Every transaction in the journal, oldest first: the audit trail.
    public func journalEntries() throws(StoreError) -> [JournalEntry] {
        try Journal.read(layout, after: .start, decoder: CareJSON.decoder()).entries
    }

    /// What an erasure touched.
    public struct Erasure: Sendable, Equatable {
        public var journalLinesRewritten = 0
        public var filesRewritten: [String] = []
    }

    /// Removes `customer`'s personal data from every file of the store: the
    /// records (one transaction), then, under the writer lock, the snapshots
    /// (by compacting), their moment and ledger histories, every journal
    /// line about them and any torn tail. Journal lines are rewritten to
    /// the same length (padded with spaces), so the byte offsets other
    /// sessions hold stay right.
    public func erase(_ customer: CustomerID, by author: Author) throws -> Erasure {
        let before = try open()
        let identifying = before.customers[customer]?.identifyingStrings ?? []
        _ = try transact(by: author) { state in try PrivacyRules.eraseRecords(in: state, customer: customer, by: author, at: clock.now) }
        return try withWriterLock { (current: inout Loaded) throws -> Erasure in
            try compact(&current)
            var erasure = Erasure()
            let history = FoldedHistory(layout: layout, pendingMoments: [:], pendingLedger: [:])
            let encoder = CareJSON.encoder()
            let moments = try history.moments(of: customer)
            if !moments.isEmpty {
                try layout.files.replace(layout.history(.moments, of: customer), with: HistoryFile.lines(moments.map { $0.withoutPersonalData() }, encoder: encoder))
                erasure.filesRewritten.append(layout.relative(layout.history(.moments, of: customer)))
            }
            let ledger = try history.ledger(of: customer)
            if ledger.contains(where: { $0.kind == .adjust }) {
                try layout.files.replace(layout.history(.ledger, of: customer), with: HistoryFile.lines(ledger.map { $0.withoutPersonalData() }, encoder: encoder))
                erasure.filesRewritten.append(layout.relative(layout.history(.ledger, of: customer)))
            }
            for name in try Journal.fileNames(layout) {
                let rewritten = try rewriteJournal(name, without: customer, naming: identifying, encoder: encoder)
                if rewritten > 0 {
                    erasure.journalLinesRewritten += rewritten
                    erasure.filesRewritten.append("journal/" + name)
                }
            }
            erasure.filesRewritten += try redactTorn(identifying)
            return erasure
        }
    }

    /// Rewrites the lines of one journal file that concern `customer`,
    /// each to its old length; returns how many.
    private func rewriteJournal(_ name: String, without customer: CustomerID, naming identifying: [String], encoder: JSONEncoder) throws(StoreError) -> Int {
        let path = layout.journalFile(name)
        guard let data = try layout.files.read(path) else { return 0 }
        let decoder = CareJSON.decoder()
        var output = Data()
        var rewritten = 0
        var copied = 0
        for line in JSONLines(data).lines where !JSONLines.isBlank(data, line.range) {
            guard let entry = try? decoder.decode(JournalEntry.self, from: JSONLines.slice(data, line.range)), entry.concerns(customer) else { continue }
            var cleaned = entry
            cleaned.changes = entry.changes.map { $0.withoutPersonalData(of: customer) }
            // A summary is written by the rules, but may quote free text.
            cleaned.summary = identifying.reduce(entry.summary) { $0.replacingOccurrences(of: $1, with: "") }
            guard var bytes = try? encoder.encode(cleaned), bytes.count <= line.range.count else {
                throw .invalidChange("journal/\(name) line \(line.number) could not be rewritten without personal data at its length; nothing of it was changed.")
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

    /// Torn journal tails cannot be parsed: the person's name, phone and
    /// email are overwritten in place with asterisks.
    private func redactTorn(_ strings: [String]) throws(StoreError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.tornDirectory) else { return [] }
        var rewritten: [String] = []
        let encoder = CareJSON.encoder()
        let needles = strings.flatMap { text -> [Data] in
            var forms = [Data(text.utf8)]
            if let quoted = try? encoder.encode(text), quoted.count > 2 { forms.append(quoted.dropFirst().dropLast()) }
            return forms
        }
        for name in names.sorted() {
            let path = layout.tornDirectory + "/" + name
            guard var data = try layout.files.read(path) else { continue }
            var changed = false
            for needle in needles where !needle.isEmpty {
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
}
