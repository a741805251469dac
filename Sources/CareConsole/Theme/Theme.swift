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

    public static let standard = Theme(name: "default", roles: [
        .title: Look(bold: true), .focusTitle: Look(color: .cyan, bold: true), .border: Look(color: .blue),
        .focusBorder: Look(color: .cyan, bold: true), .selection: Look(reverse: true), .muted: Look(color: .blue),
        .hint: Look(), .key: Look(color: .yellow, bold: true), .overdue: Look(color: .red, bold: true),
        .warning: Look(color: .yellow), .ok: Look(color: .green), .error: Look(color: .red, bold: true),
        .tierSilver: Look(color: .white, bold: true), .tierGold: Look(color: .yellow, bold: true),
        .tierPlatinum: Look(color: .magenta, bold: true),
    ])

    /// No colour at all (also what `NO_COLOR` gives): bold and reverse only.
    public static let mono = Theme(name: "mono", roles: [
        .title: Look(bold: true), .focusTitle: Look(bold: true, reverse: true), .focusBorder: Look(bold: true),
        .selection: Look(reverse: true), .key: Look(bold: true), .overdue: Look(bold: true), .error: Look(bold: true),
        .tierGold: Look(bold: true), .tierPlatinum: Look(bold: true),
    ])
}

/// The eight colours of every colour terminal.
public enum TerminalColor: String, Codable, CaseIterable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white

    var number: Int16 { Int16(Self.allCases.firstIndex(of: self) ?? 7) }
}
