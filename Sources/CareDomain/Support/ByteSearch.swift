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
        firstOffset(of: word, in: start, count) != nil
    }

    /// Where `word` first occurs in the `count` bytes at `start`, from
    /// `start`; nil when it does not (an empty word is at 0).
    public static func firstOffset(
        of word: UnsafeBufferPointer<UInt8>, in start: UnsafePointer<UInt8>, _ count: Int
    ) -> Int? {
        guard let first = word.baseAddress, !word.isEmpty else { return 0 }
        guard word.count <= count else { return nil }
        let last = start + (count - word.count)
        var cursor = start
        while cursor <= last {
            guard let found = memchr(cursor, Int32(first.pointee), last - cursor + 1) else { return nil }
            let at = found.assumingMemoryBound(to: UInt8.self)
            if word.count == 1 || memcmp(at + 1, first + 1, word.count - 1) == 0 { return start.distance(to: at) }
            cursor = UnsafePointer(at) + 1
        }
        return nil
    }

    /// Whether `text` holds `word`.
    public static func contains(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return word.isEmpty }
            return holds(start, buffer.count, word)
        }
    }
}
