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

    public var description: String {
        switch self {
        case .noStore(let directory):
            return "There is no care store in \(directory); create one with `care seed` (or pass --data DIR)."
        case .notADirectory(let path):
            return "The data directory \(path) is a file, not a directory; pass --data with a directory."
        case .notWritable(let path, let reason):
            return "Cannot write to \(path) (\(reason)); check its owner and permissions."
        case .diskFull(let path):
            return "The disk that holds \(path) is full; free some space and try again."
        case .symbolicLink(let path):
            return
                "\(path) in the data directory is a symbolic link, which care never follows or writes through; remove it (restore what it replaced from a backup), then run `care check`."
        case .io(let path, let operation, let reason):
            return "Could not \(operation) \(path): \(reason)."
        case .missingFile(let file):
            return "\(file) is missing from the store; restore it from a backup, then run `care check`."
        case .damaged(let first, let more):
            let others = more == 0 ? "" : " (\(more) more problem\(more == 1 ? "" : "s"): `care check` lists them all)"
            return "Nothing is written or exported while the store is damaged\(others): \(first)"
        case .corrupt(let file, let line, let field, let reason):
            var place = file
            if let line { place += " line \(line)" }
            if let field { place += ", field \(field)" }
            return "\(place): \(reason). The file was left untouched; fix or restore it, then run `care check`."
        case .newerFormat(let file, let found, let supported):
            return
                "\(file) was written by a newer care (store format \(found); this care reads up to \(supported)); upgrade care to use this store."
        case .newerChange(let file, let line, let kind):
            return
                "\(file) line \(line) holds a kind of change this care does not know (\"\(kind)\"); a newer care wrote it: upgrade care to use this store."
        case .stale(let collection, let id, let expected, let found):
            return
                "\(collection.singular) \(id) was changed by someone else (you had version \(expected), it is now \(found)); reload and try again."
        case .missing(let collection, let id):
            return "There is no \(collection.singular) \(id) in this store."
        case .notEmpty(let directory):
            return
                "The store in \(directory) already has data; seed only fills an empty store (use another --data directory)."
        case .invalidChange(let reason):
            return reason
        }
    }
}

extension StoreError {
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
}
