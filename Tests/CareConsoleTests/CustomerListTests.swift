import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// A large store's first screen lists the first rows only; the whole list
/// is sorted off the loop and taken when it comes back.
@Suite struct CustomerListTests {
    static let firstFive = CustomerList.FirstRows(whenMoreThan: 100, count: 5)

    /// The state a console opens with on `directory` when it lists the first
    /// rows first, at 80×24.
    static func firstRowsState(_ directory: String, now: Date) throws -> AppState {
        var state = AppState(
            store: try FileStore(directory: directory).open(), now: now, agent: "boss", firstRows: firstFive)
        _ = update(&state, .resize(Size(width: 80, height: 24)))
        return state
    }

    static func ids(_ state: AppState) -> [CustomerID] { state.visible.map { state.rows[$0].summary.id } }

    static func type(_ text: String, _ state: inout AppState) {
        _ = update(&state, .key(.character("/")))
        for character in text { _ = update(&state, .key(.character(character))) }
    }

    @Test func theFirstScreenListsTheWholeListsFirstRowsAndItsCount() throws {
        let (whole, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try Self.firstRowsState(directory, now: whole.now)
        #expect(!state.isListWhole)
        #expect(state.rows.count == 5)
        #expect(state.listedCount == whole.rows.count)
        #expect(Self.ids(state) == Array(Self.ids(whole).prefix(5)))
        #expect(state.selectedCustomerID == whole.selectedCustomerID)
        let screen = render(state).lines.joined(separator: "\n")
        #expect(screen.contains("Customers (\(whole.rows.count))"))
        #expect(screen.contains(whole.rows[whole.visible[4]].summary.name))
    }

    @Test func aStoreOfFewerCustomersIsListedWholeAtOnce() throws {
        let (whole, directory) = try seededState(customers: 60)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try Self.firstRowsState(directory, now: whole.now)
        #expect(state.isListWhole)
        #expect(Self.ids(state) == Self.ids(whole))
    }

    /// What the agent types before the whole list is there is kept, said to
    /// be waiting, and applied when the list comes; the cursor stays on its
    /// customer.
    @Test func aFilterTypedBeforeTheWholeListWaitsForIt() throws {
        var (whole, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state = try Self.firstRowsState(directory, now: whole.now)
        let last = whole.rows[whole.visible[whole.visible.count - 1]].summary
        let word = String(last.name.split(separator: " ").last ?? "")
        Self.type(word, &state)
        Self.type(word, &whole)
        #expect(state.visible.isEmpty)
        #expect(state.filter == word)
        let waiting = render(state).lines.joined(separator: "\n")
        #expect(waiting.contains("Sorting \(whole.rows.count) customers…"))
        #expect(!waiting.contains("No customer matches"))

        let console = Console(store: FileStore(directory: directory), author: Author(login: "boss"))
        guard case .customersListed(let list)? = console.perform(.listCustomers, in: state) else {
            Issue.record("the whole list was not made")
            return
        }
        _ = update(&state, .customersListed(list))
        #expect(state.isListWhole)
        #expect(!Self.ids(state).isEmpty)
        #expect(Self.ids(state) == Self.ids(whole))
        #expect(state.selectedCustomerID == whole.selectedCustomerID)
        #expect(render(state).lines.joined(separator: "\n").contains(last.name))
    }

    /// A whole list made for a store that changed since is not taken: the
    /// change brought its own.
    @Test func aWholeListOfAnEarlierStoreIsNotTaken() throws {
        let (whole, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state = try Self.firstRowsState(directory, now: whole.now)
        let earlier = CustomerList(of: state.store)
        let boss = Author(login: "boss")
        let after = try FileStore(directory: directory).transact(by: boss) { current in
            try CustomerRules.register(
                CustomerDraft(fields: [.name: "Aaron Abad", .email: "aaron@example.com"]), in: current, by: boss,
                at: whole.now
            ).transaction
        }
        _ = update(&state, Message.storeChanged(after).preparing(after: state))
        #expect(state.isListWhole)
        #expect(state.listedCount == whole.rows.count + 1)
        _ = update(&state, .customersListed(earlier))
        #expect(state.listedCount == whole.rows.count + 1)
        #expect(state.rows.contains { $0.summary.name == "Aaron Abad" })
    }

    /// After a change to a customer the list is sorted off the loop, as the
    /// loop would sort it; a change that leaves the customers alone sorts
    /// nothing.
    @Test func theListPreparedOffTheLoopIsTheLoopsOwn() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let boss = Author(login: "boss")
        let store = FileStore(directory: directory)
        // The console's store: its writes start from the state it holds.
        _ = update(&state, .storeChanged(try store.open()))
        let incident = try #require(state.queue.first)
        let noted = try store.transact(by: boss) {
            try IncidentRules.note(in: $0, incident: incident.id, text: "called back", by: boss, at: state.now)
        }
        guard case .storeChanged(_, _, nil) = Message.storeChanged(noted).preparing(after: state) else {
            Issue.record("a list was sorted for a change that moved no customer")
            return
        }
        _ = update(&state, .storeChanged(noted))
        let registered = try store.transact(by: boss) { current in
            try CustomerRules.register(
                CustomerDraft(fields: [.name: "Aaron Abad", .email: "aaron@example.com"]), in: current, by: boss,
                at: state.now
            ).transaction
        }
        let prepared = Message.storeChanged(registered).preparing(after: state)
        guard case .storeChanged(_, _, let customers?) = prepared else {
            Issue.record("no list prepared")
            return
        }
        #expect(customers.fits(registered))
        var loop = state
        _ = update(&state, prepared)
        _ = update(&loop, .storeChanged(registered))
        #expect(Self.ids(state) == Self.ids(loop))
        #expect(Self.ids(state).count == 121 - state.blockedCustomers.count)
    }
}
