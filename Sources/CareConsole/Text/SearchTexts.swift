import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The customer list's folded texts end to end in one buffer, row by row:
/// filtering 100,000 rows on a keystroke reads one block of memory, with no
/// reference counting per row.
struct SearchTexts: Sendable {
    private var bytes: [UInt8] = []
    /// Where each row's text starts; one more at the end.
    private var starts: [Int] = [0]

    init() {}

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
        return scan(others) { test in
            bytes.withUnsafeBufferPointer { buffer in
                starts.withUnsafeBufferPointer { starts in
                    longest.withUnsafeBufferPointer { word in
                        guard let base = buffer.baseAddress, let first = word.baseAddress else { return [] }
                        var found: [Int] = []
                        var row = range.lowerBound
                        var offset = starts[row]
                        let end = starts[range.upperBound]
                        while offset < end,
                            let hit = memchr(base + offset, Int32(first.pointee), end - offset)
                        {
                            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                            while starts[row + 1] <= position { row += 1 }
                            let rowEnd = starts[row + 1]
                            if position + word.count <= rowEnd,
                                word.count == 1 || memcmp(base + position + 1, first + 1, word.count - 1) == 0
                            {
                                if test(row) { found.append(row) }
                                // The row is answered: on to the next.
                                offset = rowEnd
                                row += 1
                            } else {
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
    /// once (not once per row and word).
    private func scan(_ words: [[UInt8]], _ body: ((Int) -> Bool) -> [Int]) -> [Int] {
        let pinned = words.map { word in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, word.count))
            _ = copy.initialize(from: word)
            return UnsafeBufferPointer(rebasing: copy[..<word.count])
        }
        defer { for word in pinned { UnsafeMutableBufferPointer(mutating: word).deallocate() } }
        return bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                guard let base = buffer.baseAddress else {
                    return body { _ in words.allSatisfy(\.isEmpty) }
                }
                return body { row in
                    let start = base + starts[row]
                    let count = starts[row + 1] - starts[row]
                    for word in pinned where !ByteSearch.holds(start, count, word) { return false }
                    return true
                }
            }
        }
    }

    /// The texts (`CustomerSearch.text`) of the customers `isListed` takes,
    /// folded on every core, and the list's order: `order[place]` is the
    /// index in `customers` of the row at `place`, by folded text (name
    /// first), then by index. The texts come back in that order. At
    /// 1,000,000 customers, a text array per row and sorting the rows
    /// themselves took most of a second each.
    /// `left`: the indices `isListed` did not take, in order (the same pass
    /// finds them, not another over a million summaries).
    static func sorted(_ customers: [CustomerSummary], listing isListed: @Sendable (CustomerSummary) -> Bool) -> (
        order: [Int], texts: SearchTexts, left: [Int]
    ) {
        let parts = Parallel.chunks(customers.count, minimum: 20_000) {
            range -> (bytes: [UInt8], ends: [Int], listed: [Int], left: [Int]) in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(range.count * 64)
            var ends: [Int] = []
            ends.reserveCapacity(range.count)
            var listed: [Int] = []
            listed.reserveCapacity(range.count)
            var left: [Int] = []
            for index in range {
                guard isListed(customers[index]) else {
                    left.append(index)
                    continue
                }
                CustomerSearch.appendText(of: customers[index], to: &bytes)
                ends.append(bytes.count)
                listed.append(index)
            }
            return (bytes, ends, listed, left)
        }
        var joined = SearchTexts()
        joined.bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        joined.starts.reserveCapacity(customers.count + 1)
        var listed: [Int] = []
        listed.reserveCapacity(customers.count)
        for part in parts {
            let offset = joined.bytes.count
            joined.bytes += part.bytes
            joined.starts += part.ends.lazy.map { $0 + offset }
            listed += part.listed
        }
        let order = joined.sortedOrder()
        return (order.map { listed[$0] }, joined.reordered(order), parts.flatMap(\.left))
    }

    /// A row's first sixteen bytes as two numbers (zeros after a short
    /// text, which sorts it first as `memcmp` does), and the row.
    private struct Key: Comparable {
        var high: UInt64
        var low: UInt64
        var row: Int

        static func < (left: Key, right: Key) -> Bool {
            (left.high, left.low, left.row) < (right.high, right.low, right.row)
        }
    }

    /// Row indices in text order (ties by index). Rows are sorted by their
    /// first sixteen bytes, each half on a core of its own, then merged;
    /// only runs that share those bytes are sorted again by whole text.
    private func sortedOrder() -> [Int] {
        let unsorted = bytes.withUnsafeBufferPointer { buffer in
            (0..<count).map { row in
                let start = starts[row]
                let length = starts[row + 1] - start
                func number(_ from: Int) -> UInt64 {
                    var value: UInt64 = 0
                    for offset in from..<(from + 8) {
                        value = (value << 8) | (offset < length ? UInt64(buffer[start + offset]) : 0)
                    }
                    return value
                }
                return Key(high: number(0), low: number(8), row: row)
            }
        }
        let middle = unsorted.count / 2
        let (front, back) = Parallel.both({ unsorted[..<middle].sorted() }, { unsorted[middle...].sorted() })
        var keys: [Key] = []
        keys.reserveCapacity(unsorted.count)
        var one = 0
        var two = 0
        while one < front.count, two < back.count {
            if back[two] < front[one] {
                keys.append(back[two])
                two += 1
            } else {
                keys.append(front[one])
                one += 1
            }
        }
        keys += front[one...]
        keys += back[two...]
        // Rows whose first sixteen bytes are the same: by the rest.
        var runStart = 0
        while runStart < keys.count {
            var runEnd = runStart + 1
            while runEnd < keys.count, keys[runEnd].high == keys[runStart].high,
                keys[runEnd].low == keys[runStart].low
            {
                runEnd += 1
            }
            if runEnd - runStart > 1 {
                keys[runStart..<runEnd].sort { left, right in
                    let order = compare(left.row, right.row)
                    return order != 0 ? order < 0 : left.row < right.row
                }
            }
            runStart = runEnd
        }
        return keys.map(\.row)
    }

    /// Byte order of two rows' texts, as `memcmp` (shorter first when one
    /// begins the other).
    private func compare(_ left: Int, _ right: Int) -> Int {
        let leftCount = starts[left + 1] - starts[left]
        let rightCount = starts[right + 1] - starts[right]
        let common = min(leftCount, rightCount)
        let order = bytes.withUnsafeBufferPointer { buffer -> Int32 in
            guard common > 0, let base = buffer.baseAddress else { return 0 }
            return memcmp(base + starts[left], base + starts[right], common)
        }
        if order != 0 { return Int(order) }
        return leftCount - rightCount
    }

    /// The same texts with row `place` holding row `order[place]`'s.
    private func reordered(_ order: [Int]) -> SearchTexts {
        var moved = SearchTexts()
        moved.starts = [Int](unsafeUninitializedCapacity: order.count + 1) { buffer, initialized in
            var at = 0
            buffer[0] = 0
            for (place, row) in order.enumerated() {
                at += starts[row + 1] - starts[row]
                buffer[place + 1] = at
            }
            initialized = order.count + 1
        }
        moved.bytes = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            bytes.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
                for (place, row) in order.enumerated() {
                    let length = starts[row + 1] - starts[row]
                    (to + moved.starts[place]).update(from: from + starts[row], count: length)
                }
            }
            initialized = moved.starts[order.count]
        }
        return moved
    }
}
