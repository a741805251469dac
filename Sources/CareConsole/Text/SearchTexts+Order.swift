import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The list's order: the texts folded and sorted once when the customers
/// change (a million of them before the first screen).
extension SearchTexts {
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        var starts = [0]
        starts.reserveCapacity(customers.count + 1)
        var listed: [Int] = []
        listed.reserveCapacity(customers.count)
        for part in parts {
            let offset = bytes.count
            bytes += part.bytes
            starts += part.ends.lazy.map { $0 + offset }
            listed += part.listed
        }
        let joined = SearchTexts(bytes: bytes, starts: starts)
        let order = joined.sortedOrder()
        return (order.map { listed[$0] }, joined.reordered(order), parts.flatMap(\.left))
    }

    /// A row's first sixteen bytes as two numbers (zeros after a short
    /// text, which sorts it first as `memcmp` does), and the row.
    struct Key: Comparable {
        var high: UInt64
        var low: UInt64
        var row: Int

        init(high: UInt64, low: UInt64, row: Int) {
            self.high = high
            self.low = low
            self.row = row
        }

        /// The key of the text at `base` of `length` bytes.
        init(_ base: UnsafePointer<UInt8>, length: Int, row: Int) {
            func number(_ from: Int) -> UInt64 {
                var value: UInt64 = 0
                for offset in from..<(from + 8) {
                    value = (value << 8) | (offset < length ? UInt64(base[offset]) : 0)
                }
                return value
            }
            high = number(0)
            low = number(8)
            self.row = row
        }

        /// Whether the two texts begin with the same sixteen bytes.
        func sharesPrefix(with other: Key) -> Bool { high == other.high && low == other.low }

        static func < (left: Key, right: Key) -> Bool {
            (left.high, left.low, left.row) < (right.high, right.low, right.row)
        }
    }

    /// Row indices in text order (ties by index). Rows are sorted by their
    /// first sixteen bytes, each half on a core of its own, then merged;
    /// only runs that share those bytes are sorted again by whole text.
    func sortedOrder() -> [Int] {
        let unsorted = bytes.withUnsafeBufferPointer { buffer in
            (0..<count).map { row in
                // An empty buffer has no base: every row's text is empty then.
                guard let base = buffer.baseAddress else { return Key(high: 0, low: 0, row: row) }
                return Key(base + starts[row], length: starts[row + 1] - starts[row], row: row)
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
            while runEnd < keys.count, keys[runEnd].sharesPrefix(with: keys[runStart]) { runEnd += 1 }
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
    func reordered(_ order: [Int]) -> SearchTexts {
        let movedStarts = [Int](unsafeUninitializedCapacity: order.count + 1) { buffer, initialized in
            var at = 0
            buffer[0] = 0
            for (place, row) in order.enumerated() {
                at += starts[row + 1] - starts[row]
                buffer[place + 1] = at
            }
            initialized = order.count + 1
        }
        let movedBytes = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            bytes.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
                for (place, row) in order.enumerated() {
                    let length = starts[row + 1] - starts[row]
                    (to + movedStarts[place]).update(from: from + starts[row], count: length)
                }
            }
            initialized = movedStarts[order.count]
        }
        return SearchTexts(bytes: movedBytes, starts: movedStarts)
    }
}
