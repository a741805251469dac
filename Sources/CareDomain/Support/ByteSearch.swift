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
    /// million rows, not once per row); `anchor`: see `firstOffset`.
    public static func holds(
        _ start: UnsafePointer<UInt8>, _ count: Int, _ word: UnsafeBufferPointer<UInt8>, anchor: Int = 0
    ) -> Bool {
        firstOffset(of: word, in: start, count, anchor: anchor) != nil
    }

    /// Where `word` first occurs in the `count` bytes at `start`, from
    /// `start`; nil when it does not (an empty word is at 0).
    ///
    /// `anchor`: the place in the word of the byte looked for with `memchr`,
    /// the rest compared around it. The caller who knows its text passes
    /// the word's rarest byte: in "em" the "e" is in nearly every customer's
    /// text and the "m" in far fewer, so the filter's second key stops at
    /// far fewer places.
    public static func firstOffset(
        of word: UnsafeBufferPointer<UInt8>, in start: UnsafePointer<UInt8>, _ count: Int, anchor: Int = 0
    ) -> Int? {
        guard let first = word.baseAddress, !word.isEmpty else { return 0 }
        guard word.count <= count else { return nil }
        let anchor = word.indices.contains(anchor) ? anchor : 0
        guard word.count > 1 else {
            return memchr(start, Int32(first.pointee), count).map {
                start.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            }
        }
        let anchorByte = Int32(first[anchor])
        // Where the anchor can be: the word's start runs from `start` to
        // `count - word.count` bytes after it.
        var cursor = start + anchor
        let lastAnchor = start + (count - word.count) + anchor
        while cursor <= lastAnchor {
            guard let found = memchr(cursor, anchorByte, lastAnchor - cursor + 1) else { return nil }
            let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            let begin = at - anchor
            // Compared here byte by byte: words are a few bytes long, and a
            // call to `memcmp` costs more than the comparison (a filter's
            // second key tests a million places).
            var same = true
            for offset in 0..<word.count where offset != anchor && begin[offset] != first[offset] {
                same = false
                break
            }
            if same { return start.distance(to: begin) }
            cursor = at + 1
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
