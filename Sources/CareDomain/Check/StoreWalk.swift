import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file and directory in a store, listed once for `care check`'s
/// permission and stray-history checks. A store of 100,000 customers holds
/// 300,000 files: each directory is read with `readdir`, and each entry
/// looked at with `fstatat` beside the directory's handle, so no path is
/// walked from the root per file; the directories of one level are read on
/// every core.
struct StoreWalk: Sendable {
    struct Entry: Sendable {
        enum Kind: Sendable { case file, directory, symbolicLink, other }
        /// The directory it is in, relative to the store ("" for the top).
        let parent: String
        let name: String
        let kind: Kind
        let mode: mode_t

        /// Relative to the store; the store itself is "".
        var relative: String { parent.isEmpty ? name : parent + "/" + name }
    }

    /// A customer's history file as listed: `kind/bucket/CUSTOMER.jsonl`.
    struct History: Sendable {
        let kind: HistoryKind
        let bucket: String
        let customer: CustomerID
        let entry: Entry
    }

    /// Depth first, names in byte order, the store itself not among them.
    let entries: [Entry]
    /// The history files among `entries`, in their order (named once here
    /// for every check that reads them).
    let histories: [History]
    /// The store directory's own mode; nil when it cannot be looked at.
    let rootMode: mode_t?

    init(_ layout: StoreLayout) {
        var info = stat()
        rootMode = lstat(layout.directory, &info) == 0 ? info.st_mode : nil
        var children: [String: [Entry]] = [:]
        var level = rootMode.map { ($0 & S_IFMT) == S_IFDIR } == true ? [""] : []
        while !level.isEmpty {
            let directories = level
            let listed = Parallel.chunks(directories.count, minimum: 8) { range in
                directories[range].map { ($0, Self.list(layout.directory, $0)) }
            }
            level = []
            for (parent, entries) in listed.joined() {
                children[parent] = entries
                level += entries.filter { $0.kind == .directory }.map(\.relative)
            }
        }
        // Depth first, as a person reads a listing: a directory, then what is in it.
        var ordered: [Entry] = []
        ordered.reserveCapacity(children.values.reduce(0) { $0 + $1.count })
        var pending = (children[""] ?? []).reversed().map { $0 }
        while let entry = pending.popLast() {
            ordered.append(entry)
            if entry.kind == .directory, let inside = children[entry.relative] {
                pending += inside.reversed()
            }
        }
        entries = ordered
        histories = ordered.compactMap(Self.history)
    }

    /// The history file `entry` is, by where it lies; nil for any other.
    private static func history(_ entry: Entry) -> History? {
        guard entry.name.hasSuffix(".jsonl"), let slash = entry.parent.firstIndex(of: "/"),
            let kind = HistoryKind(rawValue: String(entry.parent[..<slash]))
        else { return nil }
        let bucket = entry.parent[entry.parent.index(after: slash)...]
        guard !bucket.contains("/") else { return nil }
        return History(
            kind: kind, bucket: String(bucket), customer: CustomerID(String(entry.name.dropLast(6))), entry: entry)
    }

    /// The entries of one directory, sorted by name; none when it cannot be
    /// read (it went away, or a symbolic link took its place meanwhile).
    private static func list(_ store: String, _ relative: String) -> [Entry] {
        let path = relative.isEmpty ? store : store + "/" + relative
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        guard let directory = fdopendir(fd) else {
            close(fd)
            return []
        }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let found = readdir(directory) {
            let name = withUnsafePointer(to: &found.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let kind: Entry.Kind =
                switch info.st_mode & S_IFMT {
                case S_IFREG: .file
                case S_IFDIR: .directory
                case S_IFLNK: .symbolicLink
                default: .other
                }
            entries.append(Entry(parent: relative, name: name, kind: kind, mode: info.st_mode))
        }
        entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return entries
    }
}
