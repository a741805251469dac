import CareDomain
import Foundation

/// How roles look: a foreground colour (one of the 8 every colour terminal
/// has), bold, reverse. Themes are JSON files (`Themes/*.json`); the built-in
/// ones need no file.
public struct Theme: Codable, Equatable, Sendable {
    public struct Look: Codable, Equatable, Sendable {
        public var color: TerminalColor?
        public var bold: Bool?
        public var reverse: Bool?

        public init(color: TerminalColor? = nil, bold: Bool? = nil, reverse: Bool? = nil) {
            self.color = color
            self.bold = bold
            self.reverse = reverse
        }
    }

    public var name: String
    public var roles: [String: Look]

    public init(name: String, roles: [Role: Look]) {
        self.name = name
        self.roles = Dictionary(uniqueKeysWithValues: roles.map { ($0.key.rawValue, $0.value) })
    }

    public func look(_ role: Role) -> Look { roles[role.rawValue] ?? Look() }

    /// Whether any role asks for a colour (mono asks for none).
    public var usesColor: Bool { roles.values.contains { $0.color != nil } }

    public static let standard = Theme(
        name: "default",
        roles: [
            .title: Look(bold: true), .focusTitle: Look(color: .cyan, bold: true), .border: Look(color: .blue),
            .focusBorder: Look(color: .cyan, bold: true), .selection: Look(reverse: true), .muted: Look(color: .blue),
            .hint: Look(), .key: Look(color: .yellow, bold: true), .overdue: Look(color: .red, bold: true),
            .warning: Look(color: .yellow), .ok: Look(color: .green), .error: Look(color: .red, bold: true),
            .tierSilver: Look(color: .white, bold: true), .tierGold: Look(color: .yellow, bold: true),
            .tierPlatinum: Look(color: .magenta, bold: true),
        ])

    /// Bright and bold, for glare and tired eyes.
    public static let highContrast = Theme(
        name: "high-contrast",
        roles: [
            .normal: Look(color: .white), .title: Look(color: .white, bold: true),
            .focusTitle: Look(color: .yellow, bold: true, reverse: true),
            .border: Look(color: .white), .focusBorder: Look(color: .yellow, bold: true),
            .selection: Look(bold: true, reverse: true),
            .muted: Look(color: .white), .hint: Look(color: .white, bold: true), .key: Look(color: .yellow, bold: true),
            .overdue: Look(color: .red, bold: true, reverse: true), .warning: Look(color: .yellow, bold: true),
            .ok: Look(color: .green, bold: true),
            .error: Look(color: .red, bold: true, reverse: true), .tierSilver: Look(color: .white, bold: true),
            .tierGold: Look(color: .yellow, bold: true), .tierPlatinum: Look(color: .magenta, bold: true),
        ])

    /// No colour at all (also what `NO_COLOR` gives): bold and reverse only.
    public static let mono = Theme(
        name: "mono",
        roles: [
            .title: Look(bold: true), .focusTitle: Look(bold: true, reverse: true), .focusBorder: Look(bold: true),
            .selection: Look(reverse: true), .key: Look(bold: true), .overdue: Look(bold: true),
            .error: Look(bold: true),
            .tierGold: Look(bold: true), .tierPlatinum: Look(bold: true),
        ])
}

/// The eight colours of every colour terminal.
public enum TerminalColor: String, Codable, CaseIterable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white

    var number: Int16 { Int16(Self.allCases.firstIndex(of: self) ?? 7) }
}

/// Why a theme could not be used, in one sentence.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case unknown(String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknown(let name):
            tr(
                "There is no theme \"%@\"; use %@ or the path of a theme's JSON file.", name,
                Theme.builtIn.map(\.name).joined(separator: ", "))
        case .unreadable(let path, let reason):
            tr("The theme %@ cannot be used: %@.", path, reason)
        }
    }
}

extension Theme {
    /// The themes care carries; `Themes/*.json` in the source are the same, as files to copy.
    public static let builtIn = [standard, highContrast, mono]

    /// `--theme`: a built-in name, or a path to a JSON theme (anything with
    /// a slash or ending in .json). `NO_COLOR` (set and not empty) means mono
    /// unless a theme is named.
    public static func named(_ name: String?, environment: [String: String]) throws(ThemeError) -> Theme {
        guard let name else {
            return environment["NO_COLOR"].map { !$0.isEmpty } == true ? mono : standard
        }
        if name.contains("/") || name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: name) else {
                throw .unreadable(path: name, reason: "no such file, or not readable")
            }
            do {
                return try JSONDecoder().decode(Theme.self, from: data)
            } catch {
                throw .unreadable(path: name, reason: "it is not a theme (\(Self.explain(error)))")
            }
        }
        guard let theme = builtIn.first(where: { $0.name == name }) else { throw .unknown(name) }
        return theme
    }

    private static func explain(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context)? = error as? DecodingError, context.codingPath.isEmpty {
            return tr("not valid JSON")
        }
        if case DecodingError.keyNotFound(let key, _)? = error as? DecodingError {
            return tr("%@ is missing", key.stringValue)
        }
        return
            tr(
                "a value has the wrong type; colours are %@",
                TerminalColor.allCases.map(\.rawValue).joined(separator: ", "))
    }
}
