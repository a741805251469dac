import ArgumentParser
import CareDomain
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Long work as a person at a terminal sees it: one line on stderr, redrawn
/// in place ("seed: writing customers 45,000 of 100,000, 12 s left"), and
/// Ctrl-C asking the work to stop at its next clean point (a second Ctrl-C
/// stops at once, which the store survives like any crash). Into a pipe or
/// a file nothing is printed, so scripts read only what they asked for.
enum TerminalProgress {
    /// Runs `body` with a progress shown on stderr when it is a terminal,
    /// and Ctrl-C wired to it; exits 130 (as shells do for an interrupt)
    /// with one sentence when the work stopped on it.
    static func run<T>(_ what: String, _ body: (WorkProgress) throws -> T) throws -> T {
        let onTerminal = isatty(STDERR_FILENO) != 0
        let progress = WorkProgress(what) { snapshot in
            guard onTerminal else { return }
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line(snapshot)).utf8))
        }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if progress.isCancelled { _exit(130) }
            progress.cancel()
            FileHandle.standardError.write(
                Data(("\r\u{1B}[2K" + tr("Stopping at the next clean point; Ctrl-C again stops at once.") + "\n").utf8))
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
            if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
        do {
            return try body(progress)
        } catch let interrupted as WorkInterrupted {
            printError(interrupted.description)
            throw ExitCode(130)
        }
    }

    /// "seed: writing customers 45,000 of 100,000 (45%), 12 s left".
    static func line(_ snapshot: WorkProgress.Snapshot) -> String {
        var text = snapshot.what
        if snapshot.total > 0 {
            let percent = Int(Double(snapshot.done) * 100 / Double(snapshot.total))
            text += " " + tr("%@ of %@", snapshot.done, snapshot.total) + " (\(min(percent, 100)) %)"
        }
        if let left = snapshot.left { text += ", " + tr("%@ s left", Int(left.seconds.rounded(.up))) }
        return text
    }
}
