import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The customer list's folded texts end to end in one buffer, row by row:
/// filtering 100,000 rows on a keystroke reads one block of memory, with no
/// reference counting per row.
struct SearchTexts: Sendable {
    let bytes: [UInt8]
    /// Where each row's text starts; one more at the end.
    let starts: [Int]
    /// How often each byte value occurs, from a sample of the texts: a
    /// word is looked for by its rarest byte (see `ByteSearch.firstOffset`).
    private let occurrences: [Int]

    init() { self.init(bytes: [], starts: [0]) }

    init(bytes: [UInt8], starts: [Int]) {
        self.bytes = bytes
        self.starts = starts
        // Every 61st byte (a prime, so the sample does not follow the
        // texts' rhythm): a million of them in a million customers' texts,
        // read in a millisecond.
        var occurrences = [Int](repeating: 0, count: 256)
        for offset in stride(from: 0, to: bytes.count, by: 61) { occurrences[Int(bytes[offset])] += 1 }
        self.occurrences = occurrences
    }

    /// The place in `word` of its rarest byte in these texts.
    func anchor(of word: [UInt8]) -> Int {
        word.indices.min { occurrences[Int(word[$0])] < occurrences[Int(word[$1])] } ?? 0
    }

    var count: Int { starts.count - 1 }

    /// Row `row`'s text.
    func text(_ row: Int) -> ArraySlice<UInt8> { bytes[starts[row]..<starts[row + 1]] }

    /// The rows of `candidates` whose text holds every one of `words`.
    func rows(_ candidates: ArraySlice<Int>, holding words: [[UInt8]]) -> [Int] {
        scan(words) { test in candidates.filter(test) }
    }

    /// The rows of `range` whose text holds every one of `words`: the
    /// first keystroke reads the whole list, and a list of a million row
    /// numbers is not made to be read once.
    ///
    /// The texts are searched end to end for the longest word (`memchr` runs
    /// over many rows at a time, and a row found is left at once); only the
    /// rows that hold it are tested for the other words.
    func rows(in range: Range<Int>, holding words: [[UInt8]]) -> [Int] {
        guard let longest = words.max(by: { $0.count < $1.count }), !longest.isEmpty, !range.isEmpty else {
            return scan(words) { test in range.filter(test) }
        }
        let others = words.filter { $0 != longest }
        let anchor = anchor(of: longest)
        return scan(others) { test in
            bytes.withUnsafeBufferPointer { buffer in
                starts.withUnsafeBufferPointer { starts in
                    longest.withUnsafeBufferPointer { word in
                        guard let base = buffer.baseAddress else { return [] }
                        var found: [Int] = []
                        var row = range.lowerBound
                        var offset = starts[row]
                        let end = starts[range.upperBound]
                        while offset < end,
                            let at = ByteSearch.firstOffset(of: word, in: base + offset, end - offset, anchor: anchor)
                        {
                            let position = offset + at
                            while starts[row + 1] <= position { row += 1 }
                            if position + word.count <= starts[row + 1] {
                                if test(row) { found.append(row) }
                                // The row is answered: on to the next.
                                offset = starts[row + 1]
                                row += 1
                            } else {
                                // Across two rows' texts: in neither.
                                offset = position + 1
                            }
                        }
                        return found
                    }
                }
            }
        }
    }

    /// `body` given a test of one row, with the texts and the words pinned
    /// once (not once per row and word): the words end to end in one buffer.
    private func scan(_ words: [[UInt8]], _ body: ((Int) -> Bool) -> [Int]) -> [Int] {
        let joined = words.flatMap { $0 }
        return joined.withUnsafeBufferPointer { all in
            var pinned: [(word: UnsafeBufferPointer<UInt8>, anchor: Int)] = []
            var at = 0
            for word in words {
                pinned.append((UnsafeBufferPointer(rebasing: all[at..<(at + word.count)]), anchor(of: word)))
                at += word.count
            }
            return bytes.withUnsafeBufferPointer { buffer in
                starts.withUnsafeBufferPointer { starts in
                    guard let base = buffer.baseAddress else {
                        return body { _ in words.allSatisfy(\.isEmpty) }
                    }
                    return body { row in
                        let start = base + starts[row]
                        let count = starts[row + 1] - starts[row]
                        for (word, anchor) in pinned where !ByteSearch.holds(start, count, word, anchor: anchor) {
                            return false
                        }
                        return true
                    }
                }
            }
        }
    }
}
