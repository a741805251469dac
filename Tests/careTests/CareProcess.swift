import Foundation
import Testing

/// The built `care` executable, driven as a user would from a shell.
struct CareProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `swift test` builds every product next to the test bundle.
    static var executable: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // The bundle may be a directory (`….xctest/…`) on some platforms.
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("care").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return testBinary.deletingLastPathComponent().appendingPathComponent("care").path
    }

    /// `care` (or another program) with `arguments`, its output collected.
    static func run(_ arguments: [String], environment: [String: String] = [:], program: String? = nil) throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program ?? executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CARE_DATA")
        env.removeValue(forKey: "CARE_STORE")
        // English, whatever the machine's locale, unless a test asks otherwise.
        env.removeValue(forKey: "LC_ALL")
        env.removeValue(forKey: "LC_MESSAGES")
        env["LANG"] = "C.UTF-8"
        env.merge(environment) { _, new in new }
        process.environment = env
        let outPath = FileManager.default.temporaryDirectory.path + "/care-out-" + UUID().uuidString
        let errPath = outPath + ".err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
            FileManager.default.createFile(atPath: errPath, contents: nil)
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.path + "/care-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Every file under `directory` with its bytes, to show that nothing changed.
func snapshot(_ directory: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return files }
    while let relative = enumerator.nextObject() as? String {
        let path = directory + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return files
}

/// Seeds a small store at `directory` with the CLI.
func seedSmallStore(_ directory: String, customers: Int = 30) throws {
    let seeded = try CareProcess.run([
        "seed", "--data", directory, "--customers", String(customers), "--today", "2026-11-22",
    ])
    #expect(seeded.status == 0, "\(seeded.stderr)")
}
