import Foundation
import Testing

@testable import CareDomain

/// The Spanish catalog against the sources: every text the code says
/// through `tr` has its translation, with the same values in it, and the
/// catalog holds nothing the code no longer says.
@Suite struct CatalogTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every `tr("…")` key in the sources, as the program sees it (escapes read).
    static func keysInSources() throws -> [String: String] {
        var keys: [String: String] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let pattern = try Regex(#"\btr\(\s*"((?:[^"\\]|\\.)*)""#)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            // Comments may show how to call it; only code counts.
            let text = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for match in text.matches(of: pattern) {
                guard let literal = match.output[1].substring else { continue }
                keys[unescaped(String(literal))] = file.lastPathComponent
            }
        }
        return keys
    }

    static func unescaped(_ literal: String) -> String {
        literal.replacingOccurrences(of: #"\""#, with: "\"").replacingOccurrences(of: #"\n"#, with: "\n")
            .replacingOccurrences(of: #"\\"#, with: "\\")
    }

    static func catalog() throws -> [String: String] {
        let file = sources.appendingPathComponent("CareDomain/Resources/es.lproj/Localizable.strings")
        let data = try Data(contentsOf: file)
        let plist = try PropertyListSerialization.propertyList(from: data, options: [], format: nil)
        return try #require(plist as? [String: String], "Localizable.strings does not read as key = value pairs")
    }

    static func placeholders(_ text: String) -> Int {
        text.matches(of: try! Regex(#"%(\d+\$)?@"#)).count
    }

    @Test func everyTextTheCodeSaysHasItsSpanish() throws {
        let keys = try Self.keysInSources()
        let catalog = try Self.catalog()
        #expect(!keys.isEmpty)
        let missing = keys.keys.filter { catalog[$0]?.isEmpty != false }.sorted()
        #expect(
            missing.isEmpty,
            "no Spanish for:\n\(missing.map { "\"\($0)\" (\(keys[$0] ?? ""))" }.joined(separator: "\n"))")
        let unused = catalog.keys.filter { keys[$0] == nil }.sorted()
        #expect(unused.isEmpty, "in the catalog but said nowhere:\n\(unused.joined(separator: "\n"))")
        for (key, spanish) in catalog where keys[key] != nil {
            #expect(
                Self.placeholders(key) == Self.placeholders(spanish),
                "\"\(key)\" and \"\(spanish)\" hold different values")
        }
    }

    @Test func theLocaleChoosesTheLanguageAsTheCLibraryReadsIt() {
        #expect(Language.asked(by: ["LANG": "es_ES.UTF-8"]) == .es)
        #expect(Language.asked(by: ["LANG": "es_ES.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"]) == .en)
        #expect(Language.asked(by: ["LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"]) == .es)
        #expect(Language.asked(by: ["LC_ALL": "", "LANG": "es_AR.UTF-8"]) == .es)
        #expect(Language.asked(by: [:]) == .en)
        #expect(Language.asked(by: ["LANG": "C.UTF-8"]) == .en)
        #expect(Language(argument: "es") == .es && Language(argument: "en") == .en && Language(argument: "fr") == nil)
    }

    /// Found beside the test runner as beside the binary, whatever locales
    /// the system has installed.
    @Test func spanishComesFromTheCatalogInAnyLocale() {
        #expect(Words.shared.hasSpanish)
        #expect(Language.with(.es) { tr("Incident queue") } == "Incidencias")
        #expect(Language.with(.en) { tr("Incident queue") } == "Incident queue")
        // A word with two senses: English shows what follows the bar.
        #expect(Language.with(.en) { tr("status|open") } == "open")
        #expect(Language.with(.es) { tr("status|open") } == "abierta" && Language.with(.es) { tr("open") } == "abrir")
    }

    @Test func valuesFillTheirPlacesInOrderOrByNumber() {
        #expect(Words.fill("Took %@ for %@.", ["I1", "Ana"]) == "Took I1 for Ana.")
        #expect(Words.fill("%2$@ tomó %1$@", ["I1", "Ana"]) == "Ana tomó I1")
        #expect(Words.fill("100 % of %@", ["it"]) == "100 % of it")
        #expect(Words.fill("%@ %@", ["only one"]) == "only one ")
    }

    @Test func timesForPeopleFollowTheLanguageAndHistoriesKeepOneForm() throws {
        let at = try #require(Timestamp.parse("2026-11-22T10:05:00.000Z"))
        #expect(Language.with(.en) { Incident.minuteText(at) } == "2026-11-22 10:05")
        #expect(Language.with(.es) { Incident.minuteText(at) } == "22/11/2026 10:05")
        #expect(Language.with(.es) { LifecycleStage.atRisk.shown } == "en riesgo")
        #expect(Language.with(.es) { LifecycleStage.atRisk.label } == "at risk")
        #expect(Language.with(.es) { CustomerField.birthDate.label } == "birth date")
    }
}
