#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The store-wide writer lock: an exclusive `flock` on `DATA/lock`, held for
/// each read-check-write. `flock` belongs to the open file, so two stores in
/// one process exclude each other just as two processes do, and the kernel
/// releases it if the process dies.
enum FileLock {
    static func withExclusive<T, E: Error>(
        _ layout: StoreLayout, _ body: () throws(E) -> T
    ) throws(StoreError) -> Result<T, E> {
        let path = layout.directory + "/lock"
        let fd = try layout.files.openForLocking(path)
        defer { close(fd) }
        if Posix.retrying({ flock(fd, LOCK_EX) }) != 0 {
            throw .io(path: "lock", operation: "lock", reason: Posix.errorText())
        }
        defer { flock(fd, LOCK_UN) }
        do {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }
}
