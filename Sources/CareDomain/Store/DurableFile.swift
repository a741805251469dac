import CPosix
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable writes into one store's data directory. A change is on disk
/// before it is acknowledged, and a crash leaves either the old or the new
/// file.
///
/// Nothing inside the directory is reached through a symbolic link: every
/// path is opened one component at a time from a handle on the data
/// directory (`openat` with `O_NOFOLLOW`), so a link planted by someone who
/// can write to a shared store is refused with a sentence naming it,
/// never followed (the data directory itself may be a link). Reads try
/// `openat2` with the same refusal first, one call instead of one per
/// component, and walk when it is missing or refuses (to name the link).
///
/// Modes: data files are never world-readable. A new file is `0600`, or
/// `0660` when the directory is group-writable (a team's shared store); a
/// replaced file keeps the mode it had, less any world bits. Modes are set
/// with `fchmod`, so the umask does not matter.
struct DurableFile: Sendable {
    let root: String

    /// Leftover temporary files carry this in their name (see `replace`).
    static let temporaryMarker = ".tmp-"

    /// Replace `path` with `data`: temp file in the same directory (O_EXCL),
    /// fsync, rename over the target, fsync the directory.
    func replace(_ path: String, with data: some ContiguousBytes) throws(StoreError) {
        let parent = try openParent(path)
        defer { close(parent.fd) }
        let mode = try modeForWriting(parent, path)
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            temporary = "." + parent.name + Self.temporaryMarker + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let (opened, code) = Posix.rawOpenAt(
                parent.fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
            if opened >= 0 {
                fd = opened
                break
            }
            if code != EEXIST { throw Posix.failure(relative(path), code, operation: "create") }
        }
        if fd < 0 { throw .io(path: relative(path), operation: "create", reason: "too many leftover temporary files") }
        do throws(StoreError) {
            // fchmod because open's mode is filtered through the umask.
            _ = fchmod(fd, mode)
            try Posix.writeAll(fd, data, path: relative(path))
            try Posix.sync(fd, path: relative(path))
            close(fd)
            fd = -1
            if renameat(parent.fd, temporary, parent.fd, parent.name) != 0 {
                throw Posix.failure(relative(path), errno, operation: "replace")
            }
        } catch {
            if fd >= 0 { close(fd) }
            unlinkat(parent.fd, temporary, 0)
            throw error
        }
        try Posix.sync(parent.fd, path: relative(parent.directory))
    }

    /// Append `data` to `path` (created if absent) and fsync it; a new file's
    /// directory entry is fsynced too. On failure the file is cut back to
    /// its length before, so a half-written line never stays.
    func append(_ path: String, _ data: Data) throws(StoreError) {
        let (fd, created, parent) = try openForAppend(path)
        defer {
            close(fd)
            if parent >= 0 { close(parent) }
        }
        let sizeBefore = lseek(fd, 0, SEEK_END)
        do throws(StoreError) {
            try Posix.writeAll(fd, data, path: relative(path))
            try Posix.sync(fd, path: relative(path))
        } catch {
            if sizeBefore >= 0 { _ = ftruncate(fd, sizeBefore) }
            throw error
        }
        if created { try Posix.sync(parent, path: relative((path as NSString).deletingLastPathComponent)) }
    }

    /// Write without fsync, for bulk output (seed) that is made durable in
    /// one go afterwards with `syncFileSystem`.
    func writeUnsynced(_ path: String, _ data: Data) throws(StoreError) {
        let parent = try openParent(path)
        defer { close(parent.fd) }
        let mode = try modeForWriting(parent, path)
        let (fd, code) = Posix.rawOpenAt(parent.fd, parent.name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode: mode)
        if fd < 0 { throw Posix.failure(relative(path), code, operation: "create") }
        defer { close(fd) }
        _ = fchmod(fd, mode)
        try Posix.writeAll(fd, data, path: relative(path))
    }

    /// Append without fsync (compaction flushes the file system once after
    /// all its appends).
    /// Returns the file's identity after the write (nil if `fstat` failed).
    @discardableResult
    func appendUnsynced(_ path: String, _ data: Data) throws(StoreError) -> FileIdentity? {
        let (fd, _, parent) = try openForAppend(path)
        defer {
            close(fd)
            if parent >= 0 { close(parent) }
        }
        try Posix.writeAll(fd, data, path: relative(path))
        var info = stat()
        return fstat(fd, &info) == 0 ? FileIdentity(info) : nil
    }

    /// Creates the data directory itself (and its parents), outside the
    /// store's own rules: the user chose where it lives.
    static func makeDataDirectory(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .notADirectory(path: path) }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .notWritable(path: path, reason: "cannot create the directory")
        }
    }

    /// Flush everything written to the file system that holds the store.
    func syncFileSystem() throws(StoreError) {
        let fd = try openDirectory(root)
        defer { close(fd) }
        #if os(Linux)
            if linuxSyncfs(fd) != 0 { throw Posix.failure(root, errno, operation: tr("flush to disk")) }
        #else
            sync()
        #endif
    }

    /// Truncate `path` to `length` bytes and fsync (a torn journal tail set
    /// aside, an unfinished history line cut before it is written again).
    func truncate(_ path: String, to length: Int) throws(StoreError) {
        let parent = try openParent(path)
        defer { close(parent.fd) }
        let (fd, code) = Posix.rawOpenAt(parent.fd, parent.name, O_WRONLY | O_NOFOLLOW)
        if fd < 0 { throw Posix.failure(relative(path), code, operation: "open") }
        defer { close(fd) }
        if ftruncate(fd, off_t(length)) != 0 { throw Posix.failure(relative(path), errno, operation: "truncate") }
        try Posix.sync(fd, path: relative(path))
    }

    /// `path` open for `flock`, created with the store's mode if absent.
    /// Read-only is enough for `flock`, so a lock file another user made
    /// without write access for the group still locks.
    func openForLocking(_ path: String) throws(StoreError) -> Int32 {
        let parent = try openParent(path)
        defer { close(parent.fd) }
        if let fd = try openLeaf(parent, path, O_RDONLY) { return fd }
        let mode = try modeForWriting(parent, path)
        let (fd, code) = Posix.rawOpenAt(parent.fd, parent.name, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
        if fd >= 0 {
            // The umask would otherwise leave the group without access.
            _ = fchmod(fd, mode)
            return fd
        }
        if code == EEXIST, let fd = try openLeaf(parent, path, O_RDONLY) { return fd }
        throw Posix.failure(relative(path), code, operation: "create")
    }

    /// Removes `path` (a leftover temporary file); absent is fine.
    func remove(_ path: String) throws(StoreError) {
        let parent = try openParent(path)
        defer { close(parent.fd) }
        if unlinkat(parent.fd, parent.name, 0) != 0, errno != ENOENT {
            throw Posix.failure(relative(path), errno, operation: "remove")
        }
    }

    /// Creates `path` (and the directories above it, inside the store) with
    /// the store's mode: `2770` in a group-shared store, else `0700`.
    func makeDirectory(_ path: String) throws(StoreError) {
        let mode: mode_t = Self.isGroupShared(root) ? 0o2770 : 0o700
        var fd = try openDirectory(root)
        defer { close(fd) }
        var walked = ""
        for part in try components(of: path) {
            let component = String(part)
            walked += (walked.isEmpty ? "" : "/") + component
            if mkdirat(fd, component, mode) == 0 {
                let (made, code) = Posix.rawOpenAt(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                if made < 0 { throw Posix.failure(walked, code, operation: "create") }
                // mkdir's mode passes through the umask, and drops setgid.
                _ = fchmod(made, mode)
                close(fd)
                fd = made
                continue
            }
            if errno != EEXIST { throw Posix.failure(walked, errno, operation: "create") }
            guard let next = try openSubdirectory(fd, part, walked) else {
                throw .io(path: walked, operation: "create", reason: "it vanished while it was made")
            }
            close(fd)
            fd = next
        }
    }

    /// Names in the directory `path`; nil when it does not exist.
    func list(_ path: String) throws(StoreError) -> [String]? {
        guard let fd = try openDirectoryIfPresent(path) else { return nil }
        guard let stream = fdopendir(fd) else {
            close(fd)
            throw Posix.failure(relative(path), errno, operation: "list")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The whole file mapped into memory, read-only: a 200 MB snapshot is
    /// then neither copied nor zero-filled before it is scanned. Safe because
    /// the store never changes a file in place; it replaces it by rename, and
    /// a mapping keeps the old file's pages. Small files are simply read.
    func map(_ path: String) throws(StoreError) -> Data? {
        try mapped(path, eager: true)?.data
    }

    /// The same, with the identity of the file mapped. `eager` reads every
    /// page in at once (a file about to be scanned whole); otherwise pages
    /// are read as they are touched (a snapshot whose index says where each
    /// record is, most of which are never decoded).
    func mapped(_ path: String, eager: Bool) throws(StoreError) -> MappedFile? {
        try withOpenFileStatus(path) { (fd, info) throws(StoreError) -> MappedFile in
            let size = Int(info.st_size)
            guard size >= 1 << 20,
                let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | (eager ? Self.populate : 0), fd, 0),
                address != MAP_FAILED
            else {
                return MappedFile(data: try read(fd, size: size, path: path, from: 0), identity: FileIdentity(info))
            }
            return MappedFile(
                data: Data(
                    bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) }
                ),
                identity: FileIdentity(info), pages: MappedPages(address: UInt(bitPattern: address), count: size))
        }
    }

    /// Bytes of `path` from `offset` to its current end (at most `count`
    /// of them); nil when the file does not exist.
    func read(_ path: String, from offset: Int = 0, count: Int? = nil) throws(StoreError) -> Data? {
        try withOpenFile(path) { (fd, size) throws(StoreError) -> Data in
            try read(fd, size: count.map { min(size, offset + $0) } ?? size, path: path, from: offset)
        }
    }

    /// What `read(_:unless:)` found.
    enum Reread {
        /// The file is the one `known` names: not read.
        case same
        case read(Data, FileIdentity)
    }

    /// `path` whole with its identity, unless it is still the file `known`
    /// names; nil when it does not exist.
    func read(_ path: String, unless known: FileIdentity?) throws(StoreError) -> Reread? {
        try withOpenFileStatus(path) { (fd, info) throws(StoreError) -> Reread in
            let identity = FileIdentity(info)
            if identity == known { return .same }
            return .read(try read(fd, size: Int(info.st_size), path: path, from: 0), identity)
        }
    }

    /// The size of `path` in bytes; nil when it does not exist.
    func size(_ path: String) throws(StoreError) -> Int? {
        guard let info = try status(path) else { return nil }
        return Int(info.st_size)
    }

    /// `lstat` of `path` reached without following links; nil when absent.
    func status(_ path: String) throws(StoreError) -> stat? {
        switch try openBeneath(path, care_o_path()) {
        case .absent: return nil
        case .opened(let fd):
            defer { close(fd) }
            var info = stat()
            if fstat(fd, &info) == 0 { return info }
        case .walk: break
        }
        guard let parent = try openParentIfPresent(path) else { return nil }
        defer { close(parent.fd) }
        var info = stat()
        if fstatat(parent.fd, parent.name, &info, AT_SYMLINK_NOFOLLOW) != 0 {
            if errno == ENOENT { return nil }
            throw Posix.failure(relative(path), errno, operation: "inspect")
        }
        return info
    }

    /// Files relative to the data directory, for messages.
    func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    static func isGroupShared(_ directory: String) -> Bool {
        guard let mode = Posix.fileMode(directory) else { return false }
        return mode & S_IWGRP != 0
    }

    // MARK: Opening beneath the data directory

    private func components(of path: String) throws(StoreError) -> [Substring] {
        guard path.hasPrefix(root + "/") else {
            if path == root { return [] }
            throw .invalidChange(tr("%@ is outside the data directory %@.", path, root))
        }
        let parts = path.dropFirst(root.count + 1).split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw .invalidChange(tr("%@ is not a plain path inside the data directory.", path))
        }
        return parts
    }

    /// The data directory itself, or a directory inside it reached
    /// component by component.
    private func openDirectory(_ path: String) throws(StoreError) -> Int32 {
        guard let fd = try openDirectoryIfPresent(path) else {
            throw .io(path: relative(path), operation: "open", reason: Posix.errorText(ENOENT))
        }
        return fd
    }

    /// The same; nil when it (or a directory above it) does not exist.
    private func openDirectoryIfPresent(_ path: String) throws(StoreError) -> Int32? {
        let (rootFD, code) = Posix.rawOpen(root, O_RDONLY | O_DIRECTORY)
        if rootFD < 0 {
            if code == ENOENT { return nil }
            throw Posix.failure(root, code, operation: "open")
        }
        var fd = rootFD
        var walked = ""
        do throws(StoreError) {
            for component in try components(of: path) {
                walked += (walked.isEmpty ? "" : "/") + component
                guard let next = try openSubdirectory(fd, component, walked) else {
                    close(fd)
                    return nil
                }
                close(fd)
                fd = next
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    private enum Beneath {
        case opened(Int32)
        case absent
        /// Refused or not available: the walk says why, or opens it.
        case walk
    }

    /// `path` opened from the data directory in one `openat2` that refuses
    /// any link (see the type's comment); what it cannot settle is left to
    /// the component walk, which names a link or a permission problem.
    private func openBeneath(_ path: String, _ flags: Int32) throws(StoreError) -> Beneath {
        let relative = try components(of: path).joined(separator: "/")
        guard !relative.isEmpty else { return .walk }
        let (rootFD, code) = Posix.rawOpen(root, O_RDONLY | O_DIRECTORY)
        if rootFD < 0 { return code == ENOENT ? .absent : .walk }
        defer { close(rootFD) }
        var fd: Int32
        repeat {
            fd = relative.withCString { care_open_beneath(rootFD, $0, flags | O_NOFOLLOW | O_CLOEXEC) }
        } while fd < 0 && errno == EINTR
        if fd >= 0 { return .opened(fd) }
        return errno == ENOENT ? .absent : .walk
    }

    /// nil when it does not exist.
    private func openSubdirectory(_ fd: Int32, _ component: Substring, _ walked: String) throws(StoreError) -> Int32? {
        let (next, code) = Posix.rawOpenAt(fd, String(component), O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        if next >= 0 { return next }
        if code == ENOENT { return nil }
        if code == ELOOP || code == ENOTDIR, isLink(fd, String(component)) { throw .symbolicLink(path: walked) }
        throw Posix.failure(walked, code, operation: "open")
    }

    /// The directory that holds `path`, open, and the last component's name.
    private func openParent(_ path: String) throws(StoreError) -> (fd: Int32, name: String, directory: String) {
        let (directory, name) = Self.split(path)
        guard !name.isEmpty, name != "..", name != "." else {
            throw .invalidChange(tr("%@ is not a plain path inside the data directory.", path))
        }
        return (try openDirectory(directory), name, directory)
    }

    private func openParentIfPresent(_ path: String) throws(StoreError) -> (fd: Int32, name: String, directory: String)?
    {
        let (directory, name) = Self.split(path)
        guard !name.isEmpty, name != "..", name != "." else {
            throw .invalidChange(tr("%@ is not a plain path inside the data directory.", path))
        }
        guard let fd = try openDirectoryIfPresent(directory) else { return nil }
        return (fd, name, directory)
    }

    /// The directory and the last component of `path`, split at its last
    /// slash (`NSString`'s path methods cost a tenth of `care check`).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    private func isLink(_ directory: Int32, _ name: String) -> Bool {
        var info = stat()
        return fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Opens the final component, refusing a link with a sentence naming it.
    private func openLeaf(
        _ parent: (fd: Int32, name: String, directory: String), _ path: String, _ flags: Int32, mode: mode_t = 0
    )
        throws(StoreError) -> Int32?
    {
        let (fd, code) = Posix.rawOpenAt(parent.fd, parent.name, flags | O_NOFOLLOW, mode: mode)
        if fd >= 0 { return fd }
        if code == ENOENT, flags & O_CREAT == 0 { return nil }
        if code == ELOOP || isLink(parent.fd, parent.name) { throw .symbolicLink(path: relative(path)) }
        throw Posix.failure(relative(path), code, operation: flags & O_CREAT != 0 ? "create" : "open")
    }

    /// `parent` is -1 when the file was there (opened in one call); a file
    /// created is opened through its folder, which is synced after it.
    private func openForAppend(_ path: String) throws(StoreError) -> (fd: Int32, created: Bool, parent: Int32) {
        if case .opened(let fd) = try openBeneath(path, O_WRONLY | O_APPEND) { return (fd, false, -1) }
        let parent = try openParent(path)
        do throws(StoreError) {
            let mode = try modeForWriting(parent, path)
            if let fd = try openLeaf(parent, path, O_WRONLY | O_APPEND) { return (fd, false, parent.fd) }
            guard let fd = try openLeaf(parent, path, O_WRONLY | O_APPEND | O_CREAT, mode: mode) else {
                throw StoreError.io(path: relative(path), operation: "create", reason: "it vanished")
            }
            _ = fchmod(fd, mode)
            return (fd, true, parent.fd)
        } catch {
            close(parent.fd)
            throw error
        }
    }

    /// `body` with the file open for reading and its size; nil when it does not exist.
    private func withOpenFile<T>(_ path: String, _ body: (Int32, Int) throws(StoreError) -> T) throws(StoreError)
        -> T?
    {
        try withOpenFileStatus(path) { (fd, info) throws(StoreError) -> T in try body(fd, Int(info.st_size)) }
    }

    private func withOpenFileStatus<T>(_ path: String, _ body: (Int32, stat) throws(StoreError) -> T)
        throws(StoreError) -> T?
    {
        let fd: Int32
        switch try openBeneath(path, O_RDONLY) {
        case .absent: return nil
        case .opened(let opened): fd = opened
        case .walk:
            guard let parent = try openParentIfPresent(path) else { return nil }
            defer { close(parent.fd) }
            guard let opened = try openLeaf(parent, path, O_RDONLY) else { return nil }
            fd = opened
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Posix.failure(relative(path), errno, operation: "read") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .io(path: relative(path), operation: "read", reason: "it is not a regular file")
        }
        return try body(fd, info)
    }

    private func read(_ fd: Int32, size: Int, path: String, from offset: Int) throws(StoreError) -> Data {
        guard size > offset else { return Data() }
        var data = Data(count: size - offset)
        var failure: Int32 = 0
        let count = data.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var total = 0
            while total < buffer.count {
                let got = pread(fd, base + total, buffer.count - total, off_t(offset + total))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return total
                }
                if got == 0 { break }
                total += got
            }
            return total
        }
        if failure != 0 { throw Posix.failure(relative(path), failure, operation: "read") }
        if count < data.count { data.removeSubrange(count...) }
        return data
    }

    private func modeForWriting(_ parent: (fd: Int32, name: String, directory: String), _ path: String)
        throws(StoreError) -> mode_t
    {
        var info = stat()
        if fstatat(parent.fd, parent.name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK { throw .symbolicLink(path: relative(path)) }
            return info.st_mode & 0o770 | 0o600
        }
        return Self.isGroupShared(root) ? 0o660 : 0o600
    }

    #if os(Linux)
        private static let populate = MAP_POPULATE
    #else
        private static let populate: Int32 = 0
    #endif
}

extension StoreLayout {
    /// The store's files, reached without following links.
    var files: DurableFile { DurableFile(root: directory) }
}

#if os(Linux)
    /// `syncfs(2)`: Glibc declares it only under `_GNU_SOURCE`, which the
    /// Swift module map does not set. One call flushes a whole seed or
    /// compaction instead of one fsync per history file.
    @_silgen_name("syncfs")
    private func linuxSyncfs(_ fd: Int32) -> Int32
#endif
