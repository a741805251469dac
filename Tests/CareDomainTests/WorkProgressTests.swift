import Foundation
import Synchronization
import Testing

@testable import CareDomain

/// Long work says how far it got and stops on request where the store is clean.
@Suite struct WorkProgressTests {
    @Test func progressCountsFromEveryThreadAndEstimatesWhatIsLeft() {
        let progress = WorkProgress("work", total: 1000)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<100 { progress.advance() }
        }
        let snapshot = progress.snapshot
        #expect(snapshot.done == 400 && snapshot.total == 1000)
        // 400 done in `elapsed`: 600 more take half as long again.
        let left = snapshot.left ?? .zero
        #expect(abs((left - snapshot.elapsed * 1.5) / .milliseconds(1)) < 1)
        #expect(!progress.isCancelled)
        progress.cancel()
        #expect(throws: WorkInterrupted(what: "work")) { try progress.checkCancelled() }
    }

    /// Cancels the progress it holds once `when` says so: a person's Ctrl-C at a known point.
    final class Stopper: Sendable {
        let held = Mutex<WorkProgress?>(nil)

        func progress(stoppingWhen when: @escaping @Sendable (WorkProgress.Snapshot) -> Bool) -> WorkProgress {
            let progress = WorkProgress("work", interval: .zero) { [self] snapshot in
                if when(snapshot) { held.withLock { $0?.cancel() } }
            }
            held.withLock { $0 = progress }
            return progress
        }
    }

    @Test func anInterruptedSeedLeavesNoStoreAndASecondSeedWorks() throws {
        try withTemporaryDirectory { directory in
            let store = FileStore(directory: directory + "/s", clock: Fixture.clock)
            let options = SeedOptions(customers: 600, seed: 3, today: Fixture.today, supervisorLogin: "boss")
            let progress = Stopper().progress { $0.what.contains("writing") && $0.done >= 200 }
            #expect(throws: WorkInterrupted.self) { try Seeder.seed(options, into: store, progress: progress) }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/s")) ?? []
            #expect(left.filter { $0 != "lock" }.isEmpty, "\(left)")
            _ = try Seeder.seed(options, into: store)
            #expect(try StoreChecker.check(directory: directory + "/s").problems.isEmpty)
        }
    }

    @Test func anInterruptedExpiryRunKeepsWholeBatchesAndTheNextRunFinishes() throws {
        try withTemporaryDirectory { directory in
            let store = try FiguresTests.seeded(directory, customers: 200)
            let later = Fixture.today.adding(days: 60)
            let due = try store.figures().expiryDue(by: later).count
            #expect(due > 30)
            let progress = Stopper().progress { $0.done >= 20 }
            let first = try ExpiryRun.run(
                store: store, today: later, by: FiguresTests.boss, batchSize: 10, progress: progress)
            #expect(first.interrupted && first.customersChanged > 0 && first.customersChanged < due)
            #expect(try StoreChecker.check(directory: directory).problems.isEmpty)
            let rest = try ExpiryRun.run(store: store, today: later, by: FiguresTests.boss, batchSize: 10)
            #expect(!rest.interrupted && first.customersChanged + rest.customersChanged <= due)
            #expect(try ExpiryRun.run(store: store, today: later, by: FiguresTests.boss).customersChanged == 0)
        }
    }

    @Test func anInterruptedReindexLeavesTheFileAsItWas() throws {
        try withTemporaryDirectory { directory in
            let store = try FiguresTests.seeded(directory, customers: 100)
            let before = try Data(contentsOf: URL(fileURLWithPath: store.layout.figures))
            let progress = Stopper().progress { $0.done >= 10 }
            #expect(throws: WorkInterrupted.self) { try store.reindex(progress: progress) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: store.layout.figures)) == before)
        }
    }
}
