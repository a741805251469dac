import Foundation
import Synchronization

/// What care says, in the language in force: `tr("Took %@.", id)`. The key
/// is the English text (so English needs no catalog, and a missing catalog
/// or entry falls back to English); Spanish comes from
/// `Resources/es.lproj/Localizable.strings` through Foundation's bundle
/// lookup. `%@` takes any argument; a test fails when a key used in the
/// sources has no Spanish entry. A word with two meanings carries its sense
/// before a bar, `tr("status|open")`: English shows what follows the bar.
public func tr(_ english: String, _ arguments: Any...) -> String {
    let template = Words.shared.text(for: english, in: Language.current)
    guard !arguments.isEmpty else { return template }
    // Any value, as string interpolation takes it: errors, optionals, numbers.
    return Words.fill(template, arguments.map { String(describing: $0) })
}

/// The catalogs, found once and kept.
public final class Words: Sendable {
    public static let shared = Words()

    private let spanish: Bundle?
    private let cache = Mutex<[String: String]>([:])

    init() {
        spanish = Self.bundle(for: .es)
    }

    /// Whether the Spanish catalog was found (beside the binary, as SwiftPM
    /// builds it); without it care speaks English and says so once.
    public var hasSpanish: Bool { spanish != nil }

    func text(for english: String, in language: Language) -> String {
        guard language == .es, let spanish else {
            guard let bar = english.lastIndex(of: "|") else { return english }
            return String(english[english.index(after: bar)...])
        }
        if let known = cache.withLock({ $0[english] }) { return known }
        let found = spanish.localizedString(forKey: english, value: text(for: english, in: .en), table: nil)
        cache.withLock { $0[english] = found }
        return found
    }

    /// `template` with each `%@` (or `%1$@`, `%2$@`… to reorder) replaced by
    /// the next argument, or the numbered one: no C format, so no argument
    /// can be read as a format of its own.
    static func fill(_ template: String, _ arguments: [String]) -> String {
        var result = ""
        var next = 0
        var rest = Substring(template)
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let after = rest[rest.index(after: percent)...]
            if after.hasPrefix("@") {
                result += next < arguments.count ? arguments[next] : ""
                next += 1
                rest = after.dropFirst()
            } else if let dollar = after.firstIndex(of: "$"), let number = Int(after[..<dollar]),
                after[after.index(after: dollar)...].hasPrefix("@")
            {
                result += (1...arguments.count).contains(number) ? arguments[number - 1] : ""
                rest = after[after.index(dollar, offsetBy: 2)...]
            } else if after.hasPrefix("%") {
                result += "%"
                rest = after.dropFirst()
            } else {
                result += "%"
                rest = after
            }
        }
        return result + rest
    }

    /// The `.lproj` of `language` in care's resources, looked for beside the
    /// executable (where SwiftPM puts `care_CareDomain.resources`).
    static func bundle(for language: Language) -> Bundle? {
        let name = "care_CareDomain.resources"
        var places = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let resources = Bundle.main.resourceURL { places.append(resources) }
        if let executable = Bundle.main.executableURL?.deletingLastPathComponent() { places.append(executable) }
        for place in places {
            let lproj = place.appendingPathComponent(name).appendingPathComponent("\(language.rawValue).lproj")
            if FileManager.default.fileExists(atPath: lproj.path), let bundle = Bundle(path: lproj.path) {
                return bundle
            }
        }
        return nil
    }
}
