/// A terminal in memory: tests queue events and read back what was drawn.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var screen: Screen
    /// Every frame drawn, oldest first.
    public private(set) var screens: [Screen] = []
    public var frames: Int { screens.count }
    private var events: [TerminalEvent]

    public init(size: Size, events: [TerminalEvent] = []) {
        self.size = size
        self.screen = Screen(size: size)
        self.events = events
    }

    public func draw(_ screen: Screen) {
        self.screen = screen
        screens.append(screen)
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !events.isEmpty else { return nil }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func send(_ events: TerminalEvent...) { self.events += events }
    public func send(contentsOf events: [TerminalEvent]) { self.events += events }

    public var lines: [String] { screen.lines }
}
