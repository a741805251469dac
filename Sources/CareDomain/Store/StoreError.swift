/// Everything that can go wrong with a store, each with one sentence a user
/// can act on.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data directory does not exist or holds no store yet.
    case noStore(directory: String)
    /// The data directory path names a file, not a directory.
    case notADirectory(path: String)
    /// The store cannot be written (permissions, read-only file system).
    case notWritable(path: String, reason: String)
    /// The disk is full (or the user's quota used up).
    case diskFull(path: String)
    /// A symbolic link inside the data directory, which the store never follows.
    case symbolicLink(path: String)
    /// An operating-system call failed.
    case io(path: String, operation: String, reason: String)
    /// A file the store needs is missing.
    case missingFile(file: String)
    /// The store holds damage (`first`, and `more` other problems): no
    /// change is written until it is repaired.
    case damaged(first: String, more: Int)
    /// A data file does not parse; nothing is written while it stays so.
    case corrupt(file: String, line: Int?, field: String?, reason: String)
    /// The store was written by a newer version of care.
    case newerFormat(file: String, found: Int, supported: Int)
    /// The store's tables are of an older schema than this care's; the
    /// command that brings them up to date is named.
    case olderSchema(store: String, found: Int, supported: Int)
    /// A journal line holds a kind of change only a newer care writes.
    case newerChange(file: String, line: Int, kind: String)
    /// Someone else changed the record since it was read.
    case stale(collection: Collection, id: String, expected: Int, found: Int)
    /// The record was not found where a change expected it.
    case missing(collection: Collection, id: String)
    /// The store already has data (seed refuses to touch it).
    case notEmpty(directory: String)
    /// A change is not acceptable to the store (unsafe id, bad reference).
    case invalidChange(String)
    /// The store's server cannot be reached, or the connection was lost
    /// before anything was sent: nothing was changed.
    case unreachable(store: String, reason: String)
    /// The store's server refused a request (a permission, a missing schema).
    case server(store: String, reason: String)
    /// The connection was lost after a change was sent and before the
    /// server said whether it was committed, and it could not be asked again.
    case inDoubt(store: String, summary: String)

    public var description: String {
        switch self {
        case .noStore(let directory):
            return tr("There is no care store in %@; create one with `care seed` (or pass --data DIR).", directory)
        case .notADirectory(let path):
            return tr("The data directory %@ is a file, not a directory; pass --data with a directory.", path)
        case .notWritable(let path, let reason):
            return tr("Cannot write to %@ (%@); check its owner and permissions.", path, reason)
        case .diskFull(let path):
            return tr("The disk that holds %@ is full; free some space and try again.", path)
        case .symbolicLink(let path):
            return
                tr(
                    "%@ in the data directory is a symbolic link, which care never follows or writes through; remove it (restore what it replaced from a backup), then run `care check`.",
                    path)
        case .io(let path, let operation, let reason):
            return tr("Could not %@ %@: %@.", operation, path, reason)
        case .missingFile(let file):
            return tr("%@ is missing from the store; restore it from a backup, then run `care check`.", file)
        case .damaged(let first, let more):
            let others =
                more == 0 ? "" : tr(" (%@ more problem%@: `care check` lists them all)", more, more == 1 ? "" : "s")
            return tr("Nothing is written or exported while the store is damaged%@: %@", others, first)
        case .corrupt(let file, let line, let field, let reason):
            var place = file
            if let line { place += " line \(line)" }
            if let field { place += ", field \(field)" }
            return tr("%@: %@. The file was left untouched; fix or restore it, then run `care check`.", place, reason)
        case .newerFormat(let file, let found, let supported):
            return
                tr(
                    "%@ was written by a newer care (store format %@; this care reads up to %@); upgrade care to use this store.",
                    file, found, supported)
        case .olderSchema(let store, let found, let supported):
            return
                tr(
                    "%@ holds care's tables of schema %@ and this care uses schema %@: run `care reindex --store %@` once to bring them up to date (writers wait while it runs).",
                    store, found, supported, store)
        case .newerChange(let file, let line, let kind):
            return
                tr(
                    "%@ line %@ holds a kind of change this care does not know (\"%@\"); a newer care wrote it: upgrade care to use this store.",
                    file, line, kind)
        case .stale(let collection, let id, let expected, let found):
            return
                tr(
                    "%@ %@ was changed by someone else (you had version %@, it is now %@); reload and try again.",
                    collection.shownSingular, id, expected, found)
        case .missing(let collection, let id):
            return tr("There is no %@ %@ in this store.", collection.shownSingular, id)
        case .notEmpty(let directory):
            return
                tr(
                    "The store in %@ already has data; only an empty store is filled (use another --data directory, or another database for --store).",
                    directory)
        case .invalidChange(let reason):
            return reason
        case .unreachable(let store, let reason):
            return tr("The store at %@ cannot be reached (%@); nothing was changed.", store, reason)
        case .server(let store, let reason):
            return tr("The store's server at %@ refused: %@.", store, reason)
        case .inDoubt(let store, let summary):
            return
                tr(
                    "The connection to %@ was lost while \"%@\" was being saved, and the server could not be asked whether it was; look for it in the audit trail before doing it again.",
                    store, summary)
        }
    }
}

extension StoreError {
    /// The store's server cannot be reached now: what a console shows as
    /// offline, and tries again.
    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }

    /// The one sentence for a list of damage; nil when there is none.
    public static func damaged(_ problems: [StoreError]) -> StoreError? {
        problems.first.map { .damaged(first: $0.description, more: problems.count - 1) }
    }
}

extension Collection {
    /// The word for one record, for messages ("incident I-1 was changed …").
    public var singular: String {
        switch self {
        case .customers: "customer"
        case .agents: "agent"
        case .touchpoints: "touchpoint"
        case .incidents: "incident"
        case .playbooks: "playbook"
        case .rewards: "reward"
        case .coupons: "coupon"
        case .program: "program"
        case .campaigns: "campaign"
        }
    }

    /// `singular` in the language in force; `singular` itself names the
    /// record in the journal's JSON, so it never changes.
    public var shownSingular: String {
        switch self {
        case .customers: tr("record|customer")
        case .agents: tr("record|agent")
        case .touchpoints: tr("record|touchpoint")
        case .incidents: tr("record|incident")
        case .playbooks: tr("record|playbook")
        case .rewards: tr("record|reward")
        case .coupons: tr("record|coupon")
        case .program: tr("record|program")
        case .campaigns: tr("record|campaign")
        }
    }
}
