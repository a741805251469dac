import CareDomain

/// A key as the program sees it, whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
}

/// What comes from the terminal.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(Size)
}

/// Where the screen goes: the real terminal (ncurses) or memory (tests).
/// Used from one thread only: curses is not thread-safe.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows `screen`, writing only what differs from the last frame.
    func draw(_ screen: Screen)
    /// The next event, or nil after `timeoutMilliseconds` without one.
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
}

/// Why the console cannot start, in one sentence.
public enum ConsoleError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    case cannotAddressCursor(String)

    public var description: String {
        switch self {
        case .notATerminal:
            tr("care's console needs a terminal; run it in one (for scripts, use the commands in `care --help`).")
        case .cannotAddressCursor(let name):
            tr("The terminal \"%@\" cannot move the cursor, so the console cannot draw on it; use one that can ", name)
                + tr("(TERM=xterm-256color in most emulators), or the commands in `care --help`.")
        case .unknownTerminal(let name):
            tr(
                "The terminal type \"%@\" is unknown to this system; set TERM to one it knows (for example xterm-256color).",
                name)
        }
    }
}
