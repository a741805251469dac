import Foundation

/// A terminal in memory: tests queue events and read back what was drawn.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var screen: Screen
    /// Every frame drawn, oldest first.
    public private(set) var screens: [Screen] = []
    public var frames: Int { screens.count }
    private var events: [TerminalEvent]
    /// Milliseconds between two events, as a held key repeats; 0 hands
    /// every queued event over at once.
    private let interval: Int
    private var nextDue = ContinuousClock.now

    /// `interval`: milliseconds between two events, as a keyboard's repeat
    /// (30 a second is 33), for tests about what is drawn while keys keep
    /// coming. A test that does not pace its keys cannot tell that apart
    /// from a machine too busy to read a result before the last key.
    public init(size: Size, events: [TerminalEvent] = [], interval: Int = 0) {
        self.size = size
        self.screen = Screen(size: size)
        self.events = events
        self.interval = interval
    }

    public func draw(_ screen: Screen) {
        self.screen = screen
        screens.append(screen)
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !events.isEmpty else { return nil }
        if interval > 0 {
            let wait = ContinuousClock.now.duration(to: nextDue)
            if wait > .zero {
                let (seconds, attoseconds) = wait.components
                let milliseconds = Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000) + 1
                Thread.sleep(forTimeInterval: Double(min(milliseconds, timeoutMilliseconds)) / 1000)
                guard ContinuousClock.now >= nextDue else { return nil }
            }
            nextDue = ContinuousClock.now.advanced(by: .milliseconds(interval))
        }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func send(_ events: TerminalEvent...) { self.events += events }
    public func send(contentsOf events: [TerminalEvent]) { self.events += events }

    public var lines: [String] { screen.lines }
}
