import Foundation
import Testing

@testable import CareConsole

@Suite struct ThemeTests {
    /// `Themes/` in the source tree.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    @Test func theThemeFilesAreTheBuiltInThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(files == Theme.builtIn.map { $0.name + ".json" }.sorted())
        for theme in Theme.builtIn {
            #expect(try Theme.named(Self.folder + "/" + theme.name + ".json", environment: [:]) == theme)
        }
    }

    @Test func namesPathsAndNoColor() throws {
        #expect(try Theme.named(nil, environment: [:]) == .standard)
        #expect(try Theme.named(nil, environment: ["NO_COLOR": "1"]) == .mono)
        #expect(try Theme.named(nil, environment: ["NO_COLOR": ""]) == .standard)
        #expect(try Theme.named("high-contrast", environment: ["NO_COLOR": "1"]) == .highContrast)
        #expect(!Theme.mono.usesColor)
        #expect(throws: ThemeError.unknown("neon")) { try Theme.named("neon", environment: [:]) }
        #expect(throws: ThemeError.self) { try Theme.named("/nowhere/theme.json", environment: [:]) }
    }

    @Test func aBrokenThemeFileIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.path + "/care-theme-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"name":"x","roles":{"title":{"color":"pink"}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Theme.named(path, environment: [:])
            Issue.record("a theme with an unknown colour was accepted")
        } catch {
            #expect(error.description.hasPrefix("The theme \(path) cannot be used: it is not a theme"))
            #expect(error.description.contains("colours are black, red"))
        }
    }
}
