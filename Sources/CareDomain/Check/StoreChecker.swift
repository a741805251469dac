import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `care check` found: one sentence per problem, and what it looked at.
public struct CheckReport: Sendable, Equatable {
    public var problems: [String] = []
    public var customers = 0
    public var moments = 0
    public var ledgerEntries = 0
    public var incidents = 0
    public var journalEntries = 0

    public var isClean: Bool { problems.isEmpty }

    package init() {}
}

/// Verifies a store without changing it: every file parses, references hold,
/// ledger balances equal the sum of their entries, the journal has no gaps or
/// torn tail, and no file is readable by other users.
public enum StoreChecker {
    /// Throws only when the store cannot be read at all (no store, not a
    /// directory, newer format, no permission).
    /// `progress` hears each customer's histories checked; cancelled, the
    /// check stops reading (and what it found is no verdict).
    public static func check(directory: String, progress: WorkProgress = .none) throws(StoreError) -> CheckReport {
        let layout = StoreLayout(directory: directory)
        _ = try Manifest.read(layout)
        var report = CheckReport()
        // Listed once: the permissions now, stray histories after the rest.
        let walk = StoreWalk(layout)
        report.problems += permissionProblems(walk, layout)
        let journal = journalProblems(layout, report: &report)
        report.problems += journal
        let store = FileStore(directory: directory)
        let state: StoreState
        do {
            state = try store.open()
        } catch {
            if case .newerFormat = error { throw error }
            if case .newerChange = error { throw error }
            if case .notWritable = error { throw error }
            report.problems += snapshotProblems(layout)
            if report.problems.isEmpty { report.problems.append(error.description) }
            return report
        }
        report.customers = state.customers.count
        report.incidents = state.incidents.count
        // Records are scanned when the store opens and decoded on demand;
        // here every one is decoded, so a bad field anywhere is found.
        let records = DecodedRecords(state)
        // After decoding every record: what failed is in the damage too.
        report.problems += state.damage.map(\.description).filter { !journal.contains($0) }
        // With a whole file missing or unreadable, every reference into it
        // would be reported as broken: those are checked once it is back.
        guard state.fileDamage.isEmpty else {
            report.problems.append(tr("References and histories are checked once the files above are restored."))
            return report
        }
        report.problems += ReferenceCheck.problems(in: state, records: records)
        report.problems += IndexCheck.problems(in: layout)
        let today = Day(containing: Date())
        var figures: StoreFigures?
        do {
            switch try store.storedFigures(state: state, history: store.history(), today: today) {
            case .usable(let read):
                figures = read.figures
                let unknown = read.figures.customers.keys.filter { !state.customers.contains($0) }
                if let first = unknown.min() {
                    report.problems.append(
                        tr(
                            "%@ holds figures of %@ customers who are not in the store (%@ first); run `care reindex` to work them out again.",
                            StoreLayout.figuresName, unknown.count, first))
                }
            case .unusable(.missingFile):
                report.problems.append(
                    tr(
                        "%@ is missing; reports read every history until `care reindex` or the next compaction makes it again.",
                        StoreLayout.figuresName))
            case .unusable(let problem):
                report.problems.append(
                    tr(
                        "The figures cannot be used (%@); reports read every history until `care reindex` works them out again.",
                        problem))
            }
        } catch {
            // A history that cannot be read: the history check below says which.
        }
        progress.begin(tr("check: customers' histories"), total: records.customers.count)
        let history = HistoryCheck.run(
            store: store, state: state, customers: records.customers, incidents: records.incidents, walk: walk,
            figures: figures, today: today, progress: progress)
        report.problems += history.problems
        report.moments = history.moments
        report.ledgerEntries = history.ledgerEntries
        return report
    }

    private static func journalProblems(_ layout: StoreLayout, report: inout CheckReport) -> [String] {
        do {
            let read = try Journal.read(layout, after: .start, decoder: CareJSON.decoder())
            report.journalEntries = read.entries.count
            return [AuditIndexCheck.problem(layout, journal: read)].compactMap { $0 } + read.damage.map(\.description)
                + read.torn.map {
                    tr(
                        "journal/%@ ends with an unfinished line of %@ bytes (a write cut short by a crash); the next change sets it aside in journal/torn/.",
                        $0.file, $0.bytes.count)
                }
        } catch {
            return [error.description]
        }
    }

    /// Each snapshot on its own, so that every bad file is named.
    private static func snapshotProblems(_ layout: StoreLayout) -> [String] {
        var problems: [String] = []
        func probe<R: Record>(_ type: R.Type) {
            do {
                if let data = try layout.files.read(layout.snapshot(R.collection)) {
                    _ = try SnapshotFile.decode(type, from: data, file: R.collection.fileName)
                }
            } catch {
                problems.append(error.description)
            }
        }
        probe(Customer.self)
        probe(Agent.self)
        probe(Touchpoint.self)
        probe(Incident.self)
        probe(Playbook.self)
        probe(Reward.self)
        probe(Coupon.self)
        probe(LoyaltyProgram.self)
        probe(Campaign.self)
        return problems
    }

    /// Data files must not be readable by other users (LOPD/GDPR), and no
    /// symbolic link may stand inside the store (the store never follows
    /// one, so what it replaced is missing).
    private static func permissionProblems(_ walk: StoreWalk, _ layout: StoreLayout) -> [String] {
        var problems: [String] = []
        var worldAccessible = 0
        func shown(_ relative: String) -> String { relative.isEmpty ? layout.directory : relative }
        func checkMode(_ relative: @autoclosure () -> String, _ mode: mode_t) {
            guard mode & 0o007 != 0 else { return }
            worldAccessible += 1
            if worldAccessible <= 5 {
                problems.append(
                    tr(
                        "%@ can be read or written by any user (mode %@); run chmod o-rwx on it.",
                        shown(relative()), String(mode & 0o7777, radix: 8))
                )
            }
        }
        if let mode = walk.rootMode {
            if mode & S_IFMT == S_IFLNK {
                problems.append(symbolicLink(layout.directory, at: layout.directory))
                return problems
            }
            checkMode("", mode)
        }
        for entry in walk.entries {
            // Made only for a problem: 300,000 entries pass.
            var relative: String { entry.relative }
            var path: String { layout.directory + "/" + entry.relative }
            if entry.kind == .symbolicLink {
                problems.append(symbolicLink(relative, at: path))
                continue
            }
            // A writer at work has one too: only one still there under the
            // writer lock was left by a writer that stopped.
            if entry.kind == .file, entry.name.hasPrefix("."), entry.name.contains(DurableFile.temporaryMarker),
                case .success(let left)? = try? FileLock.withExclusive(
                    layout, { () -> Bool in access(path, F_OK) == 0 }), left
            {
                problems.append(
                    tr("%@ is a temporary file left by a writer that stopped; the next change removes it.", relative)
                )
            }
            if entry.kind == .file, entry.parent == StoreLayout.erasureDirectoryName, entry.name.hasSuffix(".json") {
                let customer = String(entry.name.dropLast(5))
                problems.append(
                    tr(
                        "The erasure of customer %@ is unfinished; run `care privacy erase %@ --confirm` again to finish it.",
                        customer, customer)
                )
            }
            checkMode(relative, entry.mode)
        }
        if worldAccessible > 5 {
            problems.append(
                tr(
                    "%@ more files can be read or written by any user; run chmod -R o-rwx %@.", worldAccessible - 5,
                    layout.directory)
            )
        }
        return problems
    }

    private static func symbolicLink(_ shown: String, at path: String) -> String {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        return tr(
            "%@ is a symbolic link (to %@); care never follows one: remove it and restore what it replaced from a backup.",
            shown, target)
    }
}

/// Every record of the state, decoded once for the checks.
package struct DecodedRecords {
    package var customers: [Customer] = []
    package var touchpoints: [Touchpoint] = []
    package var incidents: [Incident] = []
    package var playbooks: [Playbook] = []
    package var coupons: [Coupon] = []
    package var errors: [StoreError] = []

    package init(_ state: StoreState) {
        func take<R: Record>(_ table: Table<R>) -> [R] {
            let (records, errors) = table.decodeAll()
            self.errors += errors
            return records
        }
        customers = take(state.customers)
        touchpoints = take(state.touchpoints)
        incidents = take(state.incidents)
        playbooks = take(state.playbooks)
        coupons = take(state.coupons)
        // The kinds no check reads whole: only whether each record decodes.
        let checked: Set<Collection> = [.customers, .touchpoints, .incidents, .playbooks, .coupons]
        for kind in RecordKinds.all where !checked.contains(kind.collection) {
            errors += kind.decodeErrors(in: state)
        }
    }
}
