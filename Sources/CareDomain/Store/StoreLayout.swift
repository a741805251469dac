/// Where each file of a store lives. One place, so that the store, `check`
/// and the docs agree:
///
///     store.json                   format version, who created it and when
///     lock                         the writers' flock
///     customers.json …             one snapshot per collection
///     journal/2026-11.jsonl        every transaction since the start, by month
///     journal/torn/                torn journal tails, set aside
///     erasures/C000123.json        an erasure under way
///     moments/ab/C000123.jsonl     a customer's timeline (folded history)
///     ledger/ab/C000123.jsonl      a customer's points ledger (folded history)
///     incident-events/ab/C000123.jsonl  the steps of the customer's incidents (folded history)
///     figures.bin                  every customer's figures, derived from the histories
///     index/customers.bin …        where each snapshot's records are, and their summaries (derived)
public struct StoreLayout: Sendable, Equatable {
    public let directory: String

    public init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
    }

    public var manifest: String { directory + "/store.json" }
    public var journalDirectory: String { directory + "/journal" }
    /// Derived from the histories; `care reindex` makes it again.
    public var figures: String { directory + "/" + Self.figuresName }
    static let figuresName = "figures.bin"
    public var tornDirectory: String { journalDirectory + "/torn" }
    /// The snapshots' indexes (derived; `SnapshotIndex`).
    public var indexDirectory: String { directory + "/" + Self.indexDirectoryName }
    static let indexDirectoryName = "index"
    public func index(_ collection: Collection) -> String { indexDirectory + "/" + collection.rawValue + ".bin" }
    /// Where each customer's transactions are in the journal (`AuditIndex`).
    public var auditIndex: String { indexDirectory + "/audit.bin" }
    /// Erasures under way (`erasures/C000123.json`).
    public var erasureDirectory: String { directory + "/" + Self.erasureDirectoryName }
    static let erasureDirectoryName = "erasures"
    /// Where writers make temporary files beside what they replace (the
    /// history buckets aside): the next writer clears leftovers here.
    var writerDirectories: [String] { [directory, journalDirectory, tornDirectory, erasureDirectory, indexDirectory] }

    public func snapshot(_ collection: Collection) -> String { directory + "/" + collection.fileName }
    public func journalFile(_ name: String) -> String { journalDirectory + "/" + name }

    public func history(_ kind: HistoryKind, of customer: CustomerID) -> String {
        directory + "/" + kind.rawValue + "/" + Self.bucket(of: customer) + "/" + customer.rawValue + ".jsonl"
    }

    public func historyDirectory(_ kind: HistoryKind) -> String { directory + "/" + kind.rawValue }

    /// Files relative to the data directory, for messages.
    public func relative(_ path: String) -> String {
        path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
    }

    /// 256 buckets keep directories small at 100,000 customers. FNV-1a: the
    /// same id lands in the same bucket on every machine and every run
    /// (Swift's `hashValue` is seeded per process).
    static func bucket(of customer: CustomerID) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in customer.rawValue.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return bucketName(Int(hash & 0xFF))
    }

    static func bucketName(_ value: Int) -> String { bucketNames[value & 0xFF] }

    /// Made once: every history path names its bucket (care check builds
    /// three paths per customer).
    private static let bucketNames: [String] = (0..<256).map { value in
        let digits = Array("0123456789abcdef")
        return String([digits[value >> 4], digits[value & 0xF]])
    }

    /// The journal file a transaction at `date` belongs to: `YYYY-MM.jsonl` in UTC.
    public static func journalName(for day: Day) -> String {
        let (year, month, _) = day.civil
        return CivilCalendar.pad(year, 4) + "-" + CivilCalendar.pad(month, 2) + ".jsonl"
    }

    static func isJournalName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return bytes.count == 13 && name.hasSuffix(".jsonl") && bytes[4] == 0x2D
            && CivilCalendar.number(bytes, 0, 4) != nil && CivilCalendar.number(bytes, 5, 2) != nil
    }
}

/// The kinds of per-customer history, each a directory of JSON Lines files.
public enum HistoryKind: String, Sendable, CaseIterable {
    case moments, ledger
    case incidentEvents = "incident-events"
}
