import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every line the commands print goes through here, in place of the
/// standard library's `print`: a name holding an escape sequence
/// (`\u{1B}]0;pwned\u{07}`) must not retitle the agent's window or move
/// the cursor. To a terminal, control characters are shown as `^[`-style
/// marks; to a pipe or a file, the bytes are left as the data has them.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    // CSV's CRLF line ends are line ends on a terminal too.
    let shown =
        isatty(STDOUT_FILENO) != 0 ? SafeText.forTerminal(text.replacingOccurrences(of: "\r\n", with: "\n")) : text
    FileHandle.standardOutput.write(Data(shown.utf8))
}

/// Messages are for people: their control characters are always shown.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((SafeText.forTerminal(message) + "\n").utf8))
}

/// A table as the commands print it: on a terminal, the columns that fit
/// its width (the rest said on a last line); to a pipe or a file, whole.
func printTable(_ table: Tabular, _ format: Tabular.Format) {
    print(table.rendered(as: format, width: format == .table ? terminalColumns() : nil), terminator: "")
}

/// The width of the terminal standard output goes to; nil when it is not
/// one. `COLUMNS` stands in when the terminal does not say.
func terminalColumns() -> Int? {
    guard isatty(STDOUT_FILENO) != 0 else { return nil }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
}

/// A sentence (a summary, a count): on a terminal, broken between words
/// to its width; to a pipe or a file, one line as before.
func printProse(_ text: String) {
    print(terminalColumns().map { Prose.wrapped(text, width: $0) } ?? text)
}

/// A record as `show` prints it: pretty JSON with sorted keys, ready to
/// edit and give back to `set`.
func printJSON(_ value: some Encodable) throws {
    print(String(decoding: try CareJSON.encoder(pretty: true).encode(value), as: UTF8.self))
}
