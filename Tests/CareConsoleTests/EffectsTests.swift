import CareDomain
import Foundation
import Testing

@testable import CareConsole

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct EffectsTests {
    /// Another process holding the writer lock (as a compaction does) is
    /// played by this test holding it: the console's write waits, its keys
    /// do not.
    @Test func keysAreAnsweredWhileAWriteWaitsForTheStore() throws {
        let (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let incident = try #require(state.queue.first)
        let lock = open(directory + "/lock", O_RDONLY)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let keys: [Key] = [.character("4"), .character("t"), .character("j"), .character("j"), .character("k")]
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24), events: keys.map(TerminalEvent.key))
        terminal.send(.key(.character("q")))
        let released = Date().addingTimeInterval(1)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) {
            flock(lock, LOCK_UN)
            close(lock)
        }
        let store = FileStore(directory: directory, compactsOnWrite: false)
        try Console(store: store, author: Author(login: "boss")).run(on: terminal)
        // Every key after t was drawn while the write waited, and said so.
        let waiting = terminal.screens.filter { $0.lines[23].contains("saving…") }
        #expect(waiting.count >= 4)
        #expect(Date() >= released)
        // Quitting waited for the write; the last frame says it was saved.
        #expect(terminal.lines[23].contains("Took \(incident.id) ("))
        #expect(!terminal.lines[23].contains("saving…"))
        #expect(try FileStore(directory: directory).open().incidents[incident.id]?.assignee == "boss")
    }

    /// Keys that keep coming (a held j, repeating 30 times a second) do not
    /// keep the results out: the profiles read meanwhile are drawn between
    /// the keys' frames.
    @Test func resultsAreDrawnWhileKeysKeepComing() throws {
        let (_, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keys = Array(repeating: TerminalEvent.key(.character("j")), count: 60)
        let terminal = MemoryTerminal(
            size: Size(width: 80, height: 24), events: keys + [.key(.character("q"))], interval: 33)
        try Console(store: FileStore(directory: directory), author: Author(login: "boss")).run(on: terminal)
        // Frames drawn before the last key: some show a profile read meanwhile.
        let whileTyping = terminal.screens.dropLast(3)
        #expect(whileTyping.contains { !$0.lines[1].contains("Reading") && $0.lines[2].contains(" · since ") })
    }

    @Test func aResultForACustomerNoLongerSelectedIsSetAside() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .storeChanged(state.store))
        let first = try #require(state.selectedCustomerID)
        let store = FileStore(directory: directory)
        let late = Message.customerLoaded(state.store.customers[first], try store.moments(of: first), [], [])
        _ = update(&state, .key(.character("j")))
        let second = try #require(state.selectedCustomerID)
        _ = update(&state, .customerLoaded(state.store.customers[second], try store.moments(of: second), [], []))
        _ = update(&state, late)
        #expect(state.customer?.id == second)
    }

    /// The selection moved and the profile is still being read: the old
    /// customer's profile is not shown under the new selection, and the
    /// customer keys act on the customer selected.
    @Test func whileAProfileIsReadTheKeysActOnTheCustomerSelected() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .storeChanged(state.store))
        let first = try #require(state.selectedCustomerID)
        _ = update(&state, .customerLoaded(state.store.customers[first], [], [], []))
        _ = update(&state, .key(.character("j")))
        let second = try #require(state.selectedCustomerID)
        #expect(state.readingProfile)
        let name = try #require(state.store.customers.summary(of: second)?.name)
        #expect(render(state).lines[1].contains("Reading \(name.prefix(20))"))
        #expect(update(&state, .key(.character("h"))) == [.loadAudit(second)])
    }

    /// The queue's lists worked out off the loop are the ones the loop would
    /// have worked out, in every scope.
    @Test func theQueueListsPreparedOffTheLoopAreTheLoopsOwn() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let incident = try #require(state.queue.first)
        let boss = Author(login: "boss")
        let after = try FileStore(directory: directory).transact(by: boss) {
            try IncidentRules.resolve(
                in: $0, incident: incident.id, playbook: nil, grant: false, declineReason: "the customer wants none",
                rating: nil, by: boss, at: state.now)
        }
        var loop = state
        let prepared = Message.storeChanged(after).preparing(after: state)
        guard case .storeChanged(_, let lists?, _) = prepared else {
            Issue.record("no lists prepared")
            return
        }
        #expect(lists.fit(after, blocked: state.blockedCustomers))
        _ = update(&state, prepared)
        _ = update(&loop, .storeChanged(after))
        for _ in QueueScope.allCases {
            #expect(state.queue == loop.queue)
            #expect(state.overdueCount == loop.overdueCount)
            _ = update(&state, .key(.character("m")))
            _ = update(&loop, .key(.character("m")))
        }
        #expect(!state.queue.isEmpty)
    }

    /// The resolved incidents (most of a large store's) are listed only once
    /// the agent looks at them; from then on every change lists them again
    /// off the loop, newest first, as the loop would.
    @Test func theResolvedListIsMadeOnceLookedAtAndKeptUpToDateAfter() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(directory: directory)
        let boss = Author(login: "boss")
        func resolveFirst() throws -> (StoreState, IncidentID) {
            let incident = try #require(state.store.incidents.summaries.first { $0.status.isOpen })
            return try (
                store.transact(by: boss) {
                    try IncidentRules.resolve(
                        in: $0, incident: incident.id, playbook: nil, grant: false,
                        declineReason: "the customer wants none", rating: nil, by: boss, at: state.now)
                }, incident.id
            )
        }
        func prepared(_ after: StoreState) throws -> IncidentLists {
            guard case .storeChanged(_, let lists?, _) = Message.storeChanged(after).preparing(after: state) else {
                throw CancellationError()
            }
            return lists
        }
        let unseen = try prepared(try resolveFirst().0)
        #expect(!unseen.hasResolved)
        _ = update(&state, .storeChanged(try store.open(), lists: unseen))

        while state.queueScope != .resolved { _ = update(&state, .key(.character("m"))) }
        let resolvedBefore = state.queue.count
        _ = update(&state, .key(.character("m")))
        let (changed, resolved) = try resolveFirst()
        let lists = try prepared(changed)
        #expect(lists.hasResolved)
        var loop = state
        _ = update(&state, .storeChanged(changed, lists: lists))
        _ = update(&loop, .storeChanged(changed))
        while state.queueScope != .resolved {
            _ = update(&state, .key(.character("m")))
            _ = update(&loop, .key(.character("m")))
        }
        #expect(state.queue == loop.queue)
        #expect(state.queue.count == resolvedBefore + 1 && state.queue.contains { $0.id == resolved })
        #expect(
            zip(state.queue, state.queue.dropFirst()).allSatisfy {
                ($0.resolvedAt ?? $0.dueAt) >= ($1.resolvedAt ?? $1.dueAt)
            })
    }

    /// Another session's change reloads the customer on screen: the agent's
    /// place in their timeline and profile is kept; another customer starts at the top.
    @Test func aReloadOfTheSameCustomerKeepsTheTimelineCursorAndTheProfileScroll() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(directory: directory)
        let first = try #require(state.selectedCustomerID)
        let moments = try store.moments(of: first)
        try #require(moments.count > 3)
        _ = update(&state, .customerLoaded(state.store.customers[first], moments, [], []))
        _ = update(&state, .key(.character("3")))
        for _ in 0..<3 { _ = update(&state, .key(.character("j"))) }
        state.profileTop = 2
        _ = update(&state, .customerLoaded(state.store.customers[first], moments, [], []))
        #expect(state.timelineSelected == 3)
        #expect(state.profileTop == 2)
        _ = update(&state, .key(.character("1")))
        _ = update(&state, .key(.character("j")))
        let second = try #require(state.selectedCustomerID)
        _ = update(&state, .customerLoaded(state.store.customers[second], try store.moments(of: second), [], []))
        #expect(state.timelineSelected == 0)
        #expect(state.profileTop == 0)
    }

    @Test func anOlderStoreFromASlowRefreshDoesNotUndoANewerWrite() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = state.store
        let incident = try #require(state.queue.first)
        let boss = Author(login: "boss")
        let after = try FileStore(directory: directory).transact(by: boss) {
            try IncidentRules.take(in: $0, incident: incident.id, by: boss, at: state.now)
        }
        _ = update(&state, .acted("Took \(incident.id).", after, incident.id))
        _ = update(&state, .storeChanged(before))
        #expect(state.store.seq == after.seq)
        #expect(state.store.incidents[incident.id]?.assignee == "boss")
    }
}

@Suite struct CatalogTests {
    /// A touchpoint whose line does not decode: the screen names it once,
    /// in the status bar, instead of showing a bare id with no word.
    @Test func aRecordThatDoesNotDecodeIsNamed() throws {
        let (seeded, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/touchpoints.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("\"impact\":") })
        lines[index] = lines[index].replacingOccurrences(
            of: #""impact":\s*[0-9]+"#, with: #""impact":"high""#, options: .regularExpression)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var state = AppState(store: try FileStore(directory: directory).open(), now: seeded.now, agent: "boss")
        _ = update(&state, .resize(Size(width: 80, height: 24)))
        _ = update(&state, .storeChanged(state.store))
        let message = try #require(state.message)
        #expect(message.contains("touchpoints.json"), "\(message)")
        #expect(message.contains("left out of the screen"), "\(message)")
        #expect(state.catalog.sortedTouchpoints.count == seeded.catalog.sortedTouchpoints.count - 1)
    }
}
