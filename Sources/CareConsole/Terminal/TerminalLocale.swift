import CNcurses
import CareDomain

#if canImport(Glibc)
    import Glibc
#endif

/// The locale curses draws with. Over SSH the server often sets no `LANG`
/// (sshd's default), or one that is not installed: the C library then
/// speaks ASCII and every accent, border and "€" would vanish. When the
/// environment's locale is not UTF-8, the screen's characters use C.UTF-8
/// (built into glibc, so always there), which a UTF-8 terminal shows
/// right; `--ascii` is for a terminal that is not UTF-8.
enum TerminalLocale {
    /// Sets the locale for the screen; returns what it did, to be said once,
    /// or nil when the environment's locale was UTF-8 already.
    static func prepare(environment: [String: String], ascii: Bool) -> String? {
        let asked = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        let installed = setlocale(LC_ALL, "") != nil
        guard !isUTF8, !ascii else { return nil }
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil, isUTF8 else {
            return tr(
                tr(
                    "The locale is not UTF-8 and C.UTF-8 is missing: accents may not show; --ascii draws with ASCII only."
                ))
        }
        let what =
            switch (asked, installed) {
            case (nil, _): tr("No locale is set (LANG, LC_ALL, LC_CTYPE)")
            case (let name?, false): tr("The locale %@ is not installed", name)
            case (let name?, true): tr("The locale %@ is not UTF-8", name)
            }
        return tr(
            tr("%@: the screen uses C.UTF-8 for accents, borders and €; if they look wrong, start with --ascii."), what)
    }

    private static var isUTF8: Bool {
        guard let codeset = care_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
