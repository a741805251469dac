import Foundation
import Testing

@testable import CareDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct StoreWalkTests {
    @Test func listsEverythingDepthFirstInNameOrderWithoutFollowingLinks() throws {
        try withTemporaryDirectory { directory in
            let manager = FileManager.default
            for folder in ["b/y", "b/x", "a", "c"] {
                try manager.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
            }
            for file in ["b/y/2", "b/y/1", "b/x/3", "a/4", "z"] {
                #expect(manager.createFile(atPath: directory + "/" + file, contents: Data("x".utf8)))
            }
            #expect(chmod(directory + "/z", 0o644) == 0)
            // A link to a directory full of files: listed as a link, not entered.
            try manager.createSymbolicLink(atPath: directory + "/c/link", withDestinationPath: directory + "/b")
            let walk = StoreWalk(StoreLayout(directory: directory))
            #expect(
                walk.entries.map(\.relative) == [
                    "a", "a/4", "b", "b/x", "b/x/3", "b/y", "b/y/1", "b/y/2", "c", "c/link", "z",
                ])
            let kinds = Dictionary(uniqueKeysWithValues: walk.entries.map { ($0.relative, $0.kind) })
            #expect(kinds["b"] == .directory)
            #expect(kinds["b/y/1"] == .file)
            #expect(kinds["c/link"] == .symbolicLink)
            #expect(walk.entries.first { $0.relative == "z" }.map { $0.mode & 0o777 } == 0o644)
            #expect(walk.rootMode.map { $0 & S_IFMT } == S_IFDIR)
        }
    }

    @Test func aStoreThatIsNotThereHasNothingToList() throws {
        let walk = StoreWalk(StoreLayout(directory: "/nonexistent/care-walk-\(UUID().uuidString)"))
        #expect(walk.entries.isEmpty)
        #expect(walk.rootMode == nil)
    }

    @Test func checkNamesAHistoryInTheWrongFolderAndOneOfNobody() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let layout = store.layout
            let wrongBucket = StoreLayout.bucket(of: "C1") == "00" ? "01" : "00"
            let misplaced = layout.historyDirectory(.ledger) + "/" + wrongBucket + "/C1.jsonl"
            let nobody = layout.history(.incidentEvents, of: "C999")
            for path in [misplaced, nobody] { try writeStoreFile(path) }
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems == [
                    "ledger/\(wrongBucket)/C1.jsonl is in the wrong folder (it belongs in ledger/\(StoreLayout.bucket(of: "C1"))/), so it is never read.",
                    "\(layout.relative(nobody)) holds history of customer C999, who is not in customers.json.",
                ])
        }
    }

    @Test func checkNamesFiveOpenFilesThenCountsTheRest() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            let names =
                ["agents.json", "coupons.json", "customers.json", "incidents.json", "playbooks.json"]
                + ["program.json", "rewards.json"]
            for name in names {
                #expect(chmod(directory + "/" + name, 0o604) == 0, "\(name)")
            }
            let problems = try StoreChecker.check(directory: directory).problems
            let named = problems.filter { $0.contains("can be read or written by any user (mode 604)") }
            #expect(named.map { String($0.prefix { $0 != " " }) } == Array(names.prefix(5)))
            #expect(
                problems.contains(
                    "2 more files can be read or written by any user; run chmod -R o-rwx \(directory)."))
        }
    }

    /// The check skips looking for the steps of a customer without incidents
    /// unless the listing found a file: one that is there is read.
    @Test func checkReadsTheStepsOfACustomerWithoutIncidents() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let path = store.layout.history(.incidentEvents, of: "C2")
            let step = IncidentEvent(
                incident: "I9", number: 1, customer: "C2",
                event: Incident.Event(at: Fixture.now, by: "ana", kind: .note, text: "lost"))
            var line: [UInt8] = []
            step.appendLine(to: &line)
            line.append(0x0A)
            try writeStoreFile(path, Data(line))
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems == [
                    "\(store.layout.relative(path)) step 1 of incident I9 names an incident that is not in incidents.json."
                ])
        }
    }
}
