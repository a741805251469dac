import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The pages of a file mapped read-only (`DurableFile.mapped`), which a
/// process may let go of once it has read them: they stay in the page cache,
/// shared with every other console on the server, and are read back from it
/// if touched again. A console's background check of a 120 MB snapshot
/// otherwise keeps all of it resident for the session.
///
/// Only for a private, read-only mapping of a file the store never changes
/// in place; never for bytes read into memory, which letting go would zero.
struct MappedPages: Sendable {
    /// Where the mapping starts (page-aligned, as `mmap` returns it).
    let address: UInt
    let count: Int

    /// How much is read before it is let go: a multiple of any page size
    /// and of the checksum's 8-byte words.
    static let stride = 8 << 20

    /// Lets go of the pages that hold `range` of the file.
    func release(_ range: Range<Int>) {
        #if os(Linux)
            let lower = max(range.lowerBound, 0)
            let upper = min(range.upperBound, count)
            guard lower < upper, let start = UnsafeMutableRawPointer(bitPattern: address + UInt(lower)),
                lower % Int(sysconf(Int32(_SC_PAGESIZE))) == 0
            else { return }
            // Advice only: a refusal leaves the pages resident, nothing worse.
            _ = madvise(start, upper - lower, MADV_DONTNEED)
        #endif
    }

    /// `BinaryChecksum.of` the mapped bytes, letting go of each stretch once
    /// it is read.
    func checksum(of data: Data) -> UInt64 {
        data.withUnsafeBytes { raw in
            var hash = BinaryChecksum.start
            var offset = 0
            while offset < raw.count {
                let end = min(offset + Self.stride, raw.count)
                hash = BinaryChecksum.of(UnsafeRawBufferPointer(rebasing: raw[offset..<end]), continuing: hash)
                release(offset..<end)
                offset = end
            }
            return hash
        }
    }
}
