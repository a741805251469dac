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
