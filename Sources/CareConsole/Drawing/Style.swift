/// What a piece of the screen is, not how it looks: a theme maps roles to
/// colours, so that one screen works in colour, in high contrast and in mono.
public enum Role: String, CaseIterable, Codable, Sendable {
    case normal, title, focusTitle, border, focusBorder, selection, muted, hint, key, overdue, warning, ok, error
    case tierSilver, tierGold, tierPlatinum
}

public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public static let normal = Style()
}
