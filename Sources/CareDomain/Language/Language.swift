import Foundation
import Synchronization

/// The language of what care says: English, or Spanish when the locale asks
/// for it (`LC_ALL`, then `LC_MESSAGES`, then `LANG` = `es…`) or `--lang es`
/// does. It never depends on the system having that locale installed: the
/// words come from care's own catalog.
public enum Language: String, CaseIterable, Sendable {
    case en, es

    /// What the environment asks for, as the C library reads it: the first
    /// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty.
    public static func asked(by environment: [String: String]) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return locale.map { $0.lowercased().hasPrefix("es") } == true ? .es : .en
    }

    /// `--lang es|en` (or a locale name such as es_ES.UTF-8); nil for anything else.
    public init?(argument: String) {
        let lower = argument.lowercased()
        if lower.hasPrefix("es") {
            self = .es
        } else if lower.hasPrefix("en") || lower == "c" || lower == "posix" {
            self = .en
        } else {
            return nil
        }
    }

    /// The language in force: a task's own (tests render both languages at
    /// once), else the process's, set once at start.
    public static var current: Language { override ?? (processDefault.load(ordering: .relaxed) == 1 ? .es : .en) }

    /// Sets the process's language (the command line does, at start).
    public static func use(_ language: Language) {
        processDefault.store(language == .es ? 1 : 0, ordering: .relaxed)
    }

    /// Runs `body` with `language` in force for this task and what it calls.
    public static func with<T>(_ language: Language, _ body: () throws -> T) rethrows -> T {
        try $override.withValue(language, operation: body)
    }

    @TaskLocal private static var override: Language?
    private static let processDefault = Atomic<UInt8>(0)
}
