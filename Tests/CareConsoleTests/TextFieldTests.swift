import Testing

@testable import CareConsole

@Suite struct TextFieldTests {
    func typed(_ text: String) -> TextField {
        var field = TextField()
        for character in text { field.handle(.character(character)) }
        return field
    }

    @Test func theCursorMovesAndTypingGoesWhereItIs() {
        var field = typed("Nuñez")
        #expect(field.handle(.home) == .moved)
        field.handle(.right)
        #expect(field.handle(.character("ú")) == .changed)
        #expect(field.text == "Núuñez")
        field.handle(.delete)
        #expect(field.text == "Núñez")
        field.handle(.end)
        #expect(field.handle(.character("!")) == .appended)
        field.handle(.left)
        field.handle(.backspace)
        #expect(field.text == "Núñe!")
        #expect(field.cursor == 4)
    }

    @Test func controlWDeletesTheWordBeforeAndControlUEverythingBefore() {
        var field = typed("Prometido reenvío gratis  ")
        field.handle(.control("w"))
        #expect(field.text == "Prometido reenvío ")
        field.handle(.left)
        field.handle(.control("u"))
        #expect(field.text == " ")
        #expect(field.cursor == 0)
        #expect(field.handle(.pageDown) == .ignored)
    }

    @Test func aLongTextScrollsSoTheCursorStaysInViewAndWideCharactersStayWhole() {
        var screen = Screen(size: Size(width: 12, height: 1))
        let field = typed("東京の顧客さんです")
        field.draw(prefix: "› ", x: 0, y: 0, width: 12, style: .normal, &screen)
        let line = screen.lines[0]
        #expect(line.hasPrefix("› …"))
        #expect(line.contains("です▏"))
        #expect(DisplayWidth.of(line) == 12)
        #expect(screen.cursor == Point(x: DisplayWidth.of(String(line.prefix(while: { $0 != "▏" }))), y: 0))
    }

    @Test func aShortTextShowsWholeWithTheCursorAtItsEnd() {
        var screen = Screen(size: Size(width: 20, height: 1))
        typed("Ana").draw(prefix: "/ ", x: 0, y: 0, width: 20, style: .normal, &screen)
        #expect(screen.lines[0].hasPrefix("/ Ana▏"))
        #expect(screen.cursor == Point(x: 5, y: 0))
        var inactive = Screen(size: Size(width: 20, height: 1))
        typed("Ana").draw(prefix: "/ ", x: 0, y: 0, width: 20, style: .normal, active: false, &inactive)
        #expect(inactive.lines[0].hasPrefix("/ Ana "))
        #expect(inactive.cursor == nil)
    }
}
