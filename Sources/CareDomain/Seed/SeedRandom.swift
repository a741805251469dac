/// SplitMix64: small, fast, and the same sequence on every platform and
/// Swift version (the standard library's generator is neither seedable nor
/// stable), so `care seed --seed S` always makes the same store.
public struct SeedRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one customer: the same customer gets the same data
    /// whatever the order of generation.
    public func derived(_ index: Int) -> SeedRandom {
        var copy = SeedRandom(seed: state ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
        _ = copy.next()
        return copy
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    public mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// `count` distinct items (fewer if there are not that many).
    public mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var pool = items
        var chosen: [T] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: Int.random(in: 0..<pool.count, using: &self)))
        }
        return chosen
    }

    /// Picks by weight: `[(item, weight)]`.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var roll = Int.random(in: 0..<max(total, 1), using: &self)
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }
}
