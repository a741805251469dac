import Testing

@testable import CareConsole

@Suite struct DisplayWidthTests {
    @Test func accentedLettersTakeOneColumnAndWideOnesTwo() {
        #expect(DisplayWidth.of("José Núñez") == 10)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // e + combining acute
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of("\u{1}") == 0)
    }
}

@Suite struct ScreenTests {
    @Test func textIsClippedByDisplayWidthNotByCharacters() {
        var screen = Screen(size: Size(width: 12, height: 2))
        #expect(screen.put("Begoña Ibáñez", x: 0, y: 0, limit: 10) == 10)
        #expect(screen.put("東京都庁", x: 1, y: 1, limit: 7) == 6)
        #expect(screen.lines == ["Begoña Ibá  ", " 東京都     "])
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var screen = Screen(size: Size(width: 5, height: 1))
        #expect(screen.put("ab東", x: 2, y: 0) == 2)
        #expect(screen.lines == ["  ab "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(size: Size(width: 4, height: 1))
        screen.put("東", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.lines == [" x  "])
        screen.put("京", x: 2, y: 0)
        screen.put("y", x: 2, y: 0)
        #expect(screen.lines == [" xy "])
    }

    @Test func drawingOutsideTheScreenIsIgnored() {
        var screen = Screen(size: Size(width: 3, height: 1))
        #expect(screen.put("abc", x: 0, y: 5) == 0)
        #expect(screen.put("abcdef", x: -2, y: 0) == 5)
        #expect(screen.lines == ["cde"])
    }
}
