#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Durable writes into the data directory. A change is on disk before it is
/// acknowledged, and a crash leaves either the old or the new file.
///
/// Modes: data files are never world-readable. A new file is `0600`, or
/// `0660` when the directory is group-writable (a team's shared store); a
/// replaced file keeps the mode it had, less any world bits.
enum DurableFile {
    /// Replace `path` with `data`: temp file in the same directory (O_EXCL),
    /// fsync, rename over the target, fsync the directory.
    static func replace(_ path: String, with data: Data) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let mode = modeForWriting(path, in: directory)
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            temporary = directory + "/." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let (opened, code) = Posix.rawOpen(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: mode)
            if opened >= 0 {
                fd = opened
                break
            }
            if code != EEXIST { throw Posix.openError(temporary, code, writing: true) }
        }
        if fd < 0 { throw .io(path: temporary, operation: "create", reason: "too many leftover temporary files") }
        do throws(StoreError) {
            // fchmod because open's mode is filtered through the umask.
            _ = fchmod(fd, mode)
            try Posix.writeAll(fd, data, path: temporary)
            try Posix.sync(fd, path: temporary)
            close(fd)
            fd = -1
            if rename(temporary, path) != 0 {
                throw StoreError.io(path: path, operation: "replace", reason: Posix.errorText())
            }
        } catch {
            if fd >= 0 { close(fd) }
            unlink(temporary)
            throw error
        }
        try Posix.syncDirectory(directory)
    }

    /// Append `data` to `path` (created if absent) and fsync it; a new file's
    /// directory entry is fsynced too.
    static func append(_ path: String, _ data: Data) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let existed = access(path, F_OK) == 0
        let mode = modeForWriting(path, in: directory)
        let fd = try Posix.openFile(path, O_WRONLY | O_CREAT | O_APPEND, mode: mode)
        defer { close(fd) }
        if !existed { _ = fchmod(fd, mode) }
        let sizeBefore = lseek(fd, 0, SEEK_END)
        do {
            try Posix.writeAll(fd, data, path: path)
            try Posix.sync(fd, path: path)
        } catch {
            // A half-written line would be a torn tail; take it back now.
            if sizeBefore >= 0 { _ = ftruncate(fd, sizeBefore) }
            throw error
        }
        if !existed { try Posix.syncDirectory(directory) }
    }

    /// Write without fsync, for bulk output (seed) that is made durable in
    /// one go afterwards with `syncFileSystem`.
    static func writeUnsynced(_ path: String, _ data: Data, in directory: String) throws(StoreError) {
        let mode = modeForWriting(path, in: directory)
        let fd = try Posix.openFile(path, O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
        defer { close(fd) }
        _ = fchmod(fd, mode)
        try Posix.writeAll(fd, data, path: path)
    }

    /// Append without fsync (compaction flushes the file system once after
    /// all its appends).
    static func appendUnsynced(_ path: String, _ data: Data) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let mode = modeForWriting(path, in: directory)
        let fd = try Posix.openFile(path, O_WRONLY | O_CREAT | O_APPEND, mode: mode)
        defer { close(fd) }
        _ = fchmod(fd, mode)
        try Posix.writeAll(fd, data, path: path)
    }

    /// Flush everything written to the file system that holds `directory`.
    static func syncFileSystem(_ directory: String) throws(StoreError) {
        let fd = try Posix.openFile(directory, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        #if os(Linux)
            if linuxSyncfs(fd) != 0 { throw .io(path: directory, operation: "flush to disk", reason: Posix.errorText()) }
        #else
            sync()
        #endif
    }

    /// Truncate `path` to `length` bytes and fsync (used to set a torn
    /// journal tail aside after it was copied).
    static func truncate(_ path: String, to length: Int) throws(StoreError) {
        let fd = try Posix.openFile(path, O_WRONLY)
        defer { close(fd) }
        if ftruncate(fd, off_t(length)) != 0 {
            throw .io(path: path, operation: "truncate", reason: Posix.errorText())
        }
        try Posix.sync(fd, path: path)
    }

    /// Create `path` as a directory (and its parents) with the store's mode.
    static func makeDirectory(_ path: String, groupShared: Bool) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw .notADirectory(path: path) }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: groupShared ? 0o2770 : 0o700])
        } catch {
            throw .notWritable(path: path, reason: "cannot create the directory")
        }
    }

    /// The whole file mapped into memory, read-only: a 200 MB snapshot is
    /// then neither copied nor zero-filled before it is scanned. Safe because
    /// the store never changes a file in place; it replaces it by rename, and
    /// a mapping keeps the old file's pages. Small files are simply read.
    static func map(_ path: String) throws(StoreError) -> Data? {
        try withOpenFile(path) { (fd, size) throws(StoreError) -> Data in
            guard size >= 1 << 20, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), address != MAP_FAILED else {
                return try read(fd, size: size, path: path, from: 0)
            }
            return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
        }
    }

    /// Bytes of `path` from `offset` to its current end; nil when the file
    /// does not exist.
    static func read(_ path: String, from offset: Int = 0) throws(StoreError) -> Data? {
        try withOpenFile(path) { (fd, size) throws(StoreError) -> Data in try read(fd, size: size, path: path, from: offset) }
    }

    /// `body` with the file open for reading and its size; nil when it does not exist.
    private static func withOpenFile(_ path: String, _ body: (Int32, Int) throws(StoreError) -> Data) throws(StoreError) -> Data? {
        let (fd, code) = Posix.rawOpen(path, O_RDONLY)
        if fd < 0 {
            if code == ENOENT { return nil }
            throw Posix.openError(path, code, writing: false)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, operation: "read", reason: Posix.errorText()) }
        return try body(fd, Int(info.st_size))
    }

    private static func read(_ fd: Int32, size: Int, path: String, from offset: Int) throws(StoreError) -> Data {
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
        if failure != 0 { throw .io(path: path, operation: "read", reason: Posix.errorText(failure)) }
        if count < data.count { data.removeSubrange(count...) }
        return data
    }

    /// The size of `path` in bytes; nil when it does not exist.
    static func size(_ path: String) throws(StoreError) -> Int? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "inspect", reason: Posix.errorText())
        }
        return Int(info.st_size)
    }

    static func modeForWriting(_ path: String, in directory: String) -> mode_t {
        if let existing = Posix.fileMode(path) {
            return existing & 0o770 | 0o600
        }
        return isGroupShared(directory) ? 0o660 : 0o600
    }

    static func isGroupShared(_ directory: String) -> Bool {
        guard let mode = Posix.fileMode(directory) else { return false }
        return mode & S_IWGRP != 0
    }
}

#if os(Linux)
    /// `syncfs(2)`: Glibc declares it only under `_GNU_SOURCE`, which the
    /// Swift module map does not set. One call flushes a whole seed or
    /// compaction instead of one fsync per history file.
    @_silgen_name("syncfs")
    private func linuxSyncfs(_ fd: Int32) -> Int32
#endif
