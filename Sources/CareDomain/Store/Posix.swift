import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the system calls the store needs for durability.
/// Foundation's `Data.write(.atomic)` neither fsyncs the directory nor keeps
/// file modes, so the store does it by hand.
enum Posix {
    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// `open(2)` that hands back the error code with the result, so a caller
    /// can tell "absent" or "exists" from other failures.
    static func rawOpen(_ path: String, _ flags: Int32, mode: mode_t = 0) -> (fd: Int32, error: Int32) {
        let fd = path.withCString { pathPointer in
            retrying { open(pathPointer, flags | O_CLOEXEC, mode) }
        }
        return (fd, fd < 0 ? errno : 0)
    }

    /// `openat(2)` relative to a directory handle, likewise.
    static func rawOpenAt(_ directory: Int32, _ name: String, _ flags: Int32, mode: mode_t = 0) -> (
        fd: Int32, error: Int32
    ) {
        let fd = name.withCString { namePointer in
            retrying { openat(directory, namePointer, flags | O_CLOEXEC, mode) }
        }
        return (fd, fd < 0 ? errno : 0)
    }

    /// The sentence for a failed call: a full disk is named as one, a
    /// permission problem as one, anything else with the system's words.
    static func failure(_ path: String, _ code: Int32, operation: String) -> StoreError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EACCES, EPERM, EROFS: return .notWritable(path: path, reason: errorText(code))
        default: return .io(path: path, operation: operation, reason: errorText(code))
        }
    }

    static func writeAll(_ fd: Int32, _ data: some ContiguousBytes, path: String) throws(StoreError) {
        var code: Int32 = 0
        let space = DiskSpace.current
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let allowed = space?.take(remaining) ?? remaining
                if allowed == 0 {
                    code = ENOSPC
                    return
                }
                let written = write(fd, pointer, allowed)
                if written < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                remaining -= written
                pointer += written
            }
        }
        if code != 0 { throw failure(path, code, operation: "write") }
    }

    static func sync(_ fd: Int32, path: String) throws(StoreError) {
        if retrying({ fsync(fd) }) != 0 { throw failure(path, errno, operation: tr("flush to disk")) }
    }

    static func fileMode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode
    }

    static func retrying(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}
