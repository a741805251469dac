#if canImport(Glibc)
    import Glibc
#endif

/// Whether a word occurs in a text, byte for byte: `memchr` to the
/// candidates, `memcmp` to confirm. The one substring search the customer
/// filter, `care customer find` and the console's list use.
public enum ByteSearch {
    /// Whether the `count` bytes at `start` hold `word`.
    public static func holds(_ start: UnsafePointer<UInt8>, _ count: Int, _ word: [UInt8]) -> Bool {
        word.withUnsafeBufferPointer { holds(start, count, $0) }
    }

    /// The same with the word's bytes pinned by the caller (once for a
    /// million rows, not once per row).
    public static func holds(_ start: UnsafePointer<UInt8>, _ count: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.baseAddress, !word.isEmpty else { return true }
        guard word.count <= count else { return false }
        let last = start + (count - word.count)
        var cursor = start
        while cursor <= last {
            guard let found = memchr(cursor, Int32(first.pointee), last - cursor + 1) else { return false }
            let at = found.assumingMemoryBound(to: UInt8.self)
            if word.count == 1 || memcmp(at + 1, first + 1, word.count - 1) == 0 { return true }
            cursor = UnsafePointer(at) + 1
        }
        return false
    }

    /// Whether `text` holds `word`.
    public static func contains(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return word.isEmpty }
            return holds(start, buffer.count, word)
        }
    }
}
