import CareDomain

/// The customer list's folded texts end to end in one buffer, row by row:
/// filtering 100,000 rows on a keystroke reads one block of memory, with no
/// reference counting per row.
struct SearchTexts: Sendable {
    private var bytes: [UInt8] = []
    /// Where each row's text starts; one more at the end.
    private var starts: [Int] = [0]

    init() {}

    init(_ texts: [[UInt8]]) {
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.count })
        starts.reserveCapacity(texts.count + 1)
        for text in texts {
            bytes += text
            starts.append(bytes.count)
        }
    }

    /// The rows of `candidates` whose text holds every one of `words`.
    func rows(_ candidates: ArraySlice<Int>, holding words: [[UInt8]]) -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return words.isEmpty ? Array(candidates) : [] }
            return candidates.filter { row in
                let start = base + starts[row]
                let count = starts[row + 1] - starts[row]
                return words.allSatisfy { ByteSearch.holds(start, count, $0) }
            }
        }
    }
}
