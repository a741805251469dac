import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM, SIGHUP and SIGINT become a request to quit, which the loop sees
/// within a quarter second and honours like `q`: the terminal is given back
/// on the curses thread, never from a signal handler.
final class StopSignals {
    private final class Flag: Sendable {
        let raised = Mutex(false)
    }

    private let flag = Flag()
    private var sources: [any DispatchSourceSignal] = []
    private static let numbers = [SIGTERM, SIGHUP, SIGINT]

    init() {
        let flag = self.flag
        for number in Self.numbers {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.raised.withLock { $0 = true } }
            source.resume()
            sources.append(source)
        }
    }

    var isRequested: Bool { flag.raised.withLock { $0 } }

    deinit {
        for source in sources { source.cancel() }
        for number in Self.numbers { signal(number, SIG_DFL) }
    }
}
