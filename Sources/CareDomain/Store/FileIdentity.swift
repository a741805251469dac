import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which file, and which version of it: device, inode, size and change
/// time, as `fstat` gives them. The store replaces a file by rename (a new
/// inode), and a person who edits one in place changes its times, so a
/// derived file that names the identity it was made from can tell that it
/// still describes the file (as git's index does with the work tree).
struct FileIdentity: Codable, Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var changedSeconds: Int64
    var changedNanoseconds: Int64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
            modifiedSeconds = Int64(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
            changedSeconds = Int64(info.st_ctimespec.tv_sec)
            changedNanoseconds = Int64(info.st_ctimespec.tv_nsec)
        #else
            modifiedSeconds = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
            changedSeconds = Int64(info.st_ctim.tv_sec)
            changedNanoseconds = Int64(info.st_ctim.tv_nsec)
        #endif
    }
}

/// A file mapped (or read) together with the identity of exactly the file
/// mapped: taken from the same open descriptor, so a rename between the two
/// cannot pair one file's bytes with another's identity.
struct MappedFile: Sendable {
    let data: Data
    let identity: FileIdentity
    /// Nil when the file was small enough to be read instead.
    var pages: MappedPages? = nil
}
