import Foundation
import Testing

/// A terminal of a given size running a command, on a tmux server of its
/// own (its own socket), driven with send-keys and read with capture-pane.
final class TmuxSession {
    let socket = "care-test-" + UUID().uuidString.prefix(8)
    let name = "care"

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    init(width: Int, height: Int, command: String) throws {
        try tmux([
            "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
            command + "; echo EXIT=$?; sleep 30",
        ])
    }

    /// The built console on `directory`, its command line preceded by
    /// `prefix` (an environment setting, `timeout …`) and followed by `options` (`--as mgarcia`).
    static func console(
        on directory: String, width: Int = 80, height: Int = 24, prefix: String = "", options: String = ""
    ) throws -> TmuxSession {
        try TmuxSession(
            width: width, height: height,
            command: "\(prefix)\(CareProcess.executable) --data \(directory)" + (options.isEmpty ? "" : " " + options))
    }

    /// The server, and its socket, which tmux leaves behind.
    deinit {
        _ = try? tmux(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally, one key at a time.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name], output: true) }

    /// The screen once the command has exited and the shell printed its status.
    func exitScreen() throws -> String { try waitFor { $0.contains("EXIT=") } }

    /// Waits (up to `seconds`) until the screen satisfies `condition`.
    @discardableResult
    func waitFor(_ seconds: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = try capture()
        while !condition(screen), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            screen = try capture()
        }
        return screen
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's `Process` was
    /// seen to miss the exit of a tmux client that had just forked its server.
    @discardableResult
    private func tmux(_ arguments: [String], output wanted: Bool = false) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.path + "/care-tmux-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, wanted ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        // English, whatever the machine's locale, unless a test's prefix says otherwise.
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")
        environment["LANG"] = "C.UTF-8"
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return wanted ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
    }
}
