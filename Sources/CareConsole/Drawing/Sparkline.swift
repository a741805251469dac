import CareDomain

/// A row of block characters, one per value, as high as the value is of the
/// largest: `▁▃█▅`. A value of zero (or less) is a space, so an empty month
/// looks empty. `--ascii` draws the blocks as `_.,-=+*#` (`ASCIIDrawing`).
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func text(_ values: [Double]) -> String {
        let top = values.max() ?? 0
        return String(
            values.map { value -> Character in
                guard value > 0, top > 0 else { return " " }
                let step = Int((value / top * Double(blocks.count - 1)).rounded())
                return blocks[min(blocks.count - 1, max(0, step))]
            })
    }

    /// What a customer spent in each of the last `months` calendar months,
    /// the current one last: purchases less returns, from their timeline.
    static func monthlySpend(_ moments: [Moment], months: Int, today: Day) -> [Cents] {
        let (year, month, _) = today.civil
        let current = year * 12 + month - 1
        var totals = Array(repeating: Cents.zero, count: months)
        for moment in moments {
            guard let amount = moment.amount else { continue }
            let (y, m, _) = Day(containing: moment.at).civil
            let index = months - 1 - (current - (y * 12 + m - 1))
            if totals.indices.contains(index) { totals[index] += amount }
        }
        return totals
    }
}
