import CareDomain

/// The list's first rows without sorting the rest: a console opening a
/// million customers draws its first screen from these, and sorts the
/// whole list after it.
extension SearchTexts {
    /// The first `wanted` places of `sorted(customers, listing:)`'s order,
    /// exactly (the same rows, ties broken the same way), their texts, how
    /// many customers `isListed` takes, and the indices it did not take.
    ///
    /// Each listed customer is read by the first sixteen bytes of its
    /// folded text (the name's, mostly) on every core, and each core keeps
    /// its `wanted` smallest. The customers that share the sixteen bytes of
    /// the last one kept may come before it by the rest of their text:
    /// those few are folded whole and sorted with the ones kept.
    static func firstRows(
        _ wanted: Int, of customers: [CustomerSummary], listing isListed: @Sendable (CustomerSummary) -> Bool
    ) -> (order: [Int], texts: SearchTexts, listed: Int, left: [Int]) {
        let parts = Parallel.chunks(customers.count, minimum: 20_000) {
            range -> (keys: [Key], smallest: [Key], left: [Int]) in
            var scratch: [UInt8] = []
            scratch.reserveCapacity(256)
            var keys: [Key] = []
            keys.reserveCapacity(range.count)
            var smallest: [Key] = []
            var left: [Int] = []
            for index in range {
                let customer = customers[index]
                guard isListed(customer) else {
                    left.append(index)
                    continue
                }
                // The name alone gives the sixteen bytes unless it is shorter.
                scratch.removeAll(keepingCapacity: true)
                Folding.append(customer.name, to: &scratch)
                if scratch.count < 16 {
                    scratch.removeAll(keepingCapacity: true)
                    CustomerSearch.appendText(of: customer, to: &scratch)
                }
                let key = scratch.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { Key($0, length: buffer.count, row: index) }
                        ?? Key(high: 0, low: 0, row: index)
                }
                keys.append(key)
                keep(key, among: &smallest, wanted)
            }
            return (keys, smallest, left)
        }
        var smallest: [Key] = []
        for part in parts {
            for key in part.smallest { keep(key, among: &smallest, wanted) }
        }
        let listed = parts.reduce(0) { $0 + $1.keys.count }
        var candidates = smallest.map(\.row)
        if let last = smallest.last, listed > smallest.count {
            candidates = smallest.filter { !$0.sharesPrefix(with: last) }.map(\.row)
            for part in parts { candidates += part.keys.lazy.filter { $0.sharesPrefix(with: last) }.map(\.row) }
        }
        // In index order, so that `sortedOrder` breaks ties by index as the
        // whole list does.
        candidates.sort()
        var bytes: [UInt8] = []
        var starts = [0]
        starts.reserveCapacity(candidates.count + 1)
        for index in candidates {
            CustomerSearch.appendText(of: customers[index], to: &bytes)
            starts.append(bytes.count)
        }
        let texts = SearchTexts(bytes: bytes, starts: starts)
        let order = Array(texts.sortedOrder().prefix(wanted))
        return (order.map { candidates[$0] }, texts.reordered(order), listed, parts.flatMap(\.left))
    }

    /// Puts `key` in its place in `smallest` (sorted, at most `wanted`
    /// keys) when it is among the `wanted` smallest seen.
    private static func keep(_ key: Key, among smallest: inout [Key], _ wanted: Int) {
        if smallest.count == wanted {
            guard let last = smallest.last, key < last else { return }
            smallest.removeLast()
        }
        var low = 0
        var high = smallest.count
        while low < high {
            let middle = (low + high) / 2
            if smallest[middle] < key { low = middle + 1 } else { high = middle }
        }
        smallest.insert(key, at: low)
    }
}
