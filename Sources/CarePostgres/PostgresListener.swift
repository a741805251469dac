import CareDomain
import Foundation
import PostgresNIO
import Synchronization

/// Hears other sessions' commits (`NOTIFY care_changes`, which every write
/// sends) on a connection of its own, so that a console's refresh asks the
/// server only when something changed. While it cannot listen (no server,
/// a lost connection) the store polls, and listens again once it can.
final class PostgresListener: Sendable {
    static let channel = "care_changes"

    private let link: PostgresLink
    private let signalled = Atomic<Bool>(false)
    private let listening = Atomic<Bool>(false)

    init(location: PostgresLocation) {
        link = PostgresLink(location: location)
    }

    /// Listens if it is not already; false when it cannot now.
    func ensureListening() -> Bool {
        if listening.load(ordering: .acquiring) { return true }
        do {
            try link.withSQL { sql throws(StoreError) in
                let connection = sql.connection
                connection.addListener(channel: Self.channel) { [weak self] _, _ in
                    self?.signalled.store(true, ordering: .releasing)
                }
                connection.closeFuture.whenComplete { [weak self] _ in
                    self?.listening.store(false, ordering: .releasing)
                }
                try sql.run("LISTEN \(Self.channel)")
            }
        } catch {
            return false
        }
        listening.store(true, ordering: .releasing)
        // What was committed before it listened is looked for once.
        signalled.store(true, ordering: .releasing)
        return true
    }

    /// Whether a commit was heard since the last call.
    func takeSignal() -> Bool {
        signalled.exchange(false, ordering: .acquiringAndReleasing)
    }

    func close() { link.close() }
}
