import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Long commands as a person runs them: no progress into a pipe, and
/// Ctrl-C stops them cleanly.
@Suite(.serialized) struct InterruptTests {
    @Test func progressIsNotPrintedIntoAPipe() throws {
        try withTemporaryDirectory { directory in
            let seeded = try CareProcess.run(["seed", "--data", directory + "/s", "--customers", "300"])
            #expect(seeded.status == 0)
            #expect(seeded.stderr.isEmpty, "\(seeded.stderr)")
            let checked = try CareProcess.run(["check", "--data", directory + "/s"])
            #expect(checked.status == 0 && checked.stderr.isEmpty, "\(checked.stderr)")
        }
    }

    @Test func ctrlCStopsASeedAndLeavesNoHalfStore() throws {
        try withTemporaryDirectory { directory in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CareProcess.executable)
            process.arguments = ["seed", "--data", directory + "/s", "--customers", "60000"]
            var environment = ProcessInfo.processInfo.environment
            environment["LANG"] = "C.UTF-8"
            environment.removeValue(forKey: "LC_ALL")
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Well into the writing: the store's directories exist by then.
            var waited = 0.0
            while !FileManager.default.fileExists(atPath: directory + "/s/moments/ff"), waited < 20 {
                Thread.sleep(forTimeInterval: 0.05)
                waited += 0.05
            }
            Thread.sleep(forTimeInterval: 0.3)
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 130, "\(said)")
            #expect(said.contains("Interrupted while seed"), "\(said)")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/s")) ?? []
            #expect(left.filter { $0 != "lock" }.isEmpty, "\(left)")
            let again = try CareProcess.run(["seed", "--data", directory + "/s", "--customers", "200"])
            #expect(again.status == 0, "\(again.stderr)")
        }
    }
}

/// `care bench`'s first screen: a fresh `care` that opens the store, draws
/// the list and says when on the machine's monotonic clock, then when its
/// whole list was sorted and when it held every record.
@Suite struct FirstScreenBenchTests {
    @Test func theFirstScreenSaysWhenItWasDrawn() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory + "/s", customers: 40)
            var before = timespec()
            clock_gettime(CLOCK_MONOTONIC, &before)
            let started = UInt64(before.tv_sec) * 1_000_000_000 + UInt64(before.tv_nsec)
            let drawn = try CareProcess.run(["bench", "--first-screen-on", directory + "/s"])
            #expect(drawn.status == 0, "\(drawn.stderr)")
            let times = drawn.stdout.split(separator: "\n").compactMap { UInt64($0) }
            #expect(times.count == 3)
            let at = try #require(times.first)
            #expect(at > started)
            #expect(times.dropFirst().allSatisfy { $0 >= at })
            let missing = try CareProcess.run(["bench", "--first-screen-on", directory + "/none"])
            #expect(missing.status != 0 && !missing.stderr.isEmpty)
        }
    }
}
