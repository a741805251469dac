import CNcurses

#if canImport(Glibc)
    import Glibc
#endif

/// The real terminal, through ncursesw. Only the changed cells of each frame
/// are written (`ScreenDiff`), followed by one `doupdate`: never a full
/// clear, which would repaint the whole screen over SSH.
public final class NcursesTerminal: Terminal {
    public private(set) var size: Size
    private var previous: Screen?
    private let palette: Palette
    private let ascii: Bool
    private var stopped = false
    /// What was done about the locale (see `TerminalLocale`), to be said once.
    public let localeNote: String?

    /// Starts curses on this thread. Fails cleanly when stdin/stdout is not a
    /// terminal or TERM is unknown (`initscr` would exit the process).
    /// `ascii`: draw with ASCII only, for a terminal that is not UTF-8.
    public convenience init(theme: Theme, ascii: Bool = false, environment: [String: String]) throws(ConsoleError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        try self.init(
            theme: theme, type: environment["TERM"] ?? "", output: care_stdout(), input: care_stdin(), ascii: ascii,
            environment: environment)
    }

    /// Curses on any pair of streams: `care bench` writes frames to a file
    /// to count the bytes a terminal would receive.
    public init(
        theme: Theme, type name: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
        ascii: Bool = false, environment: [String: String] = [:]
    ) throws(ConsoleError) {
        localeNote = TerminalLocale.prepare(environment: environment, ascii: ascii)
        self.ascii = ascii
        guard !name.isEmpty, newterm(name, output, input) != nil else { throw .unknownTerminal(name) }
        guard care_can_address_cursor() != 0 else {
            endwin()
            throw .cannotAddressCursor(name)
        }
        raw()
        noecho()
        nonl()
        keypad(care_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        var colors = false
        if has_colors() && theme.usesColor {
            start_color()
            use_default_colors()
            colors = true
        }
        palette = Palette(theme: theme, colors: colors, colorCount: Int(care_colors()))
        size = Size(width: Int(care_cols()), height: Int(care_lines()))
    }

    deinit { stop() }

    /// Gives the terminal back as it was; safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        endwin()
    }

    public func draw(_ drawn: Screen) {
        let screen = ascii ? ASCIIDrawing.screen(drawn) : drawn
        let diff = ScreenDiff(from: previous, to: screen)
        if previous?.size != screen.size { werase(care_stdscr()) }
        for run in diff.runs {
            care_attrset(palette.attributes(for: run.style))
            var wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = care_mvaddnwstr(Int32(run.y), Int32(run.x), wide, Int32(wide.count - 1))
        }
        if let cursor = screen.cursor {
            wmove(care_stdscr(), Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        previous = screen
        wnoutrefresh(care_stdscr())
        doupdate()
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        wtimeout(care_stdscr(), Int32(timeoutMilliseconds))
        var value: UInt32 = 0
        let result = care_get_wch(&value)
        if result == care_err() { return nil }
        if result == care_key_code_yes() {
            if Int32(value) == care_key_resize() {
                size = Size(width: Int(care_cols()), height: Int(care_lines()))
                return .resize(size)
            }
            return Self.functionKey(Int32(value)).map(TerminalEvent.key)
        }
        return Self.characterKey(value).map(TerminalEvent.key)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_ENTER: .enter
        default: nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }
}
