import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file of personal data a command writes where the user asked (`-o`):
/// mode 0600 whatever the umask, never through a symbolic link, and an
/// existing file only when the user says so.
public enum PrivateFile {
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case exists(String)
        case symbolicLink(String)
        case diskFull(String)
        case unwritable(String, reason: String)

        public var description: String {
            switch self {
            case .exists(let path): tr("%@ already exists; choose another file, or add --force to overwrite it.", path)
            case .symbolicLink(let path):
                tr("%@ is a symbolic link; care does not write personal data through one: name the file itself.", path)
            case .diskFull(let path): tr("Cannot write %@: the disk is full; free some space and try again.", path)
            case .unwritable(let path, let reason):
                tr("Cannot write %@ (%@): check the directory exists and that you may write there.", path, reason)
            }
        }
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool) throws(Failure) {
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK { throw .symbolicLink(path) }
            guard overwrite else { throw .exists(path) }
            guard info.st_mode & S_IFMT == S_IFREG else { throw .unwritable(path, reason: "not a regular file") }
        }
        let (fd, code) = Posix.rawOpen(
            path, O_WRONLY | O_CREAT | O_NOFOLLOW | (overwrite ? O_TRUNC : O_EXCL), mode: 0o600)
        guard fd >= 0 else {
            switch code {
            case ELOOP: throw .symbolicLink(path)
            case EEXIST: throw .exists(path)
            default: throw .unwritable(path, reason: Posix.errorText(code))
            }
        }
        defer { close(fd) }
        // open's mode passes through the umask, and a replaced file keeps its own.
        _ = fchmod(fd, 0o600)
        do throws(StoreError) {
            try Posix.writeAll(fd, data, path: path)
            try Posix.sync(fd, path: path)
        } catch {
            if case .diskFull = error { throw .diskFull(path) }
            throw .unwritable(path, reason: error.description)
        }
    }
}
