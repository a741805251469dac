/// A cell of the screen: one character (or "" where a wide character on
/// the left covers it) and its style.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: .normal)
}

public struct Size: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

public struct Point: Equatable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle less `margin` on every side.
    public func inset(_ margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }
}

/// What the program wants on the terminal, as a grid of cells. Widgets draw
/// into it; a backend puts it on the terminal (writing only what changed) or,
/// in tests, reads it back as lines of text.
public struct Screen: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor shows, when a text field is being typed
    /// in; hidden otherwise.
    public var cursor: Point?
    /// Texts `put` had to cut at its limit or the screen's edge, as
    /// "row: text": nothing should be, since what does not fit is wrapped or
    /// ends with "…" before it is put (the golden screens check). Not part
    /// of what the screen shows.
    public private(set) var cuts: [String] = []

    public static func == (left: Screen, right: Screen) -> Bool {
        left.size == right.size && left.cells == right.cells && left.cursor == right.cursor
    }

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Writes `text` from column `x` on row `y`, clipped at `limit` columns
    /// (and the screen's edge); a wide character that does not fit whole is
    /// left out. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, limit: Int? = nil, style: Style = .normal) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let end = min(size.width, limit.map { x + $0 } ?? size.width)
        var column = x
        for (offset, character) in text.enumerated() {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if column + width > end {
                // Trailing blanks are padding, not text.
                if text.dropFirst(offset).contains(where: { $0 != " " }) { cuts.append("\(y): \(text)") }
                break
            }
            if column >= 0 {
                set(column, y, Cell(text: String(character), style: style))
                if width == 2, column + 1 < size.width { set(column + 1, y, Cell(text: "", style: style)) }
            }
            column += width
        }
        return max(0, column - x)
    }

    /// Fills `rect` with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        for y in max(0, rect.y)..<min(size.height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(size.width, rect.x + rect.width) {
                set(x, y, Cell(text: " ", style: style))
            }
        }
    }

    /// The same screen with each cell passed through `transform` (the
    /// ASCII rendering).
    public func mapped(_ transform: (Cell) -> Cell) -> Screen {
        var copy = self
        copy.cells = cells.map(transform)
        return copy
    }

    /// The rows as text, trailing spaces kept, for tests and for the memory
    /// backend.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width { line += self[x, y].text }
            return line
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let index = y * size.width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[index].text.isEmpty, x > 0, DisplayWidth.of(cells[index - 1].text) == 2 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
        }
        if DisplayWidth.of(cells[index].text) == 2, x + 1 < size.width, cell.text.isEmpty == false,
            DisplayWidth.of(cell.text) < 2
        {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}
