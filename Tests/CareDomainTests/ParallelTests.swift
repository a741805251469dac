import Synchronization
import Testing

@testable import CareDomain

/// `Parallel.array` writes each range's elements straight into the whole:
/// the result is in order whatever core made it, and a failure anywhere
/// gives nil with every element already made let go of.
@Suite struct ParallelTests {
    /// Counts the elements alive, so a leak or a double release shows.
    final class Live: Sendable {
        let count = Atomic<Int>(0)
    }

    final class Element: Sendable {
        let value: Int
        let live: Live
        init(_ value: Int, _ live: Live) {
            self.value = value
            self.live = live
            live.count.add(1, ordering: .relaxed)
        }
        deinit { live.count.subtract(1, ordering: .relaxed) }
    }

    @Test func theElementsComeInOrderOnEveryCore() {
        let live = Live()
        do {
            let made = Parallel.array(50_000, minimum: 1000) { (range, put: (Element) -> Void) in
                for index in range { put(Element(index * 3, live)) }
                return true
            }
            #expect(made?.map(\.value) == (0..<50_000).map { $0 * 3 })
        }
        #expect(live.count.load(ordering: .relaxed) == 0)
        #expect(Parallel.array(0) { (_, _: (Int) -> Void) in true } == [])
    }

    @Test(arguments: ["a range fails", "a range puts too few", "a range puts too many"])
    func aFailureGivesNilAndLetsGoOfWhatWasMade(_ failure: String) {
        let live = Live()
        let made = Parallel.array(40_000, minimum: 1000) { (range, put: (Element) -> Void) -> Bool in
            let broken = range.contains(25_000)
            for index in range {
                if broken && failure == "a range puts too few" && index == 25_000 { break }
                if broken && failure == "a range fails" && index == 25_000 { return false }
                put(Element(index, live))
            }
            if broken && failure == "a range puts too many" { put(Element(-1, live)) }
            return true
        }
        #expect(made == nil)
        #expect(live.count.load(ordering: .relaxed) == 0)
    }

    /// Two pieces of work run at once; each result comes back in its place,
    /// a failure included.
    @Test func bothGivesEachResultInItsPlace() {
        let (sum, failure) = Parallel.both(
            { (1...1000).reduce(0, +) },
            { () -> StoreError? in .missingFile(file: "figures.bin") })
        #expect(sum == 500_500)
        #expect(failure == .missingFile(file: "figures.bin"))
    }

    /// Fewer items than chunks (a journal tail of two long lines) runs every
    /// item once, in order, whatever the count.
    @Test func everyCountIsCoveredOnceInOrder() {
        for count in 0...40 {
            let covered = Parallel.flatMap(count, minimum: 1) { range in Array(range) }
            #expect(covered == Array(0..<count), "\(count) items")
        }
    }
}
