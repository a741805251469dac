import Testing

@testable import CareDomain

/// Sentences broken between words for a terminal, never inside one.
@Suite struct ProseTests {
    @Test func aLongSentenceBreaksBetweenWordsAndLosesNothing() {
        let text =
            "Store /tmp/u1 is clean: 100000 customers, 2076851 moments, 1347692 ledger entries, 20816 incidents, 126 journal entries."
        let wrapped = Prose.wrapped(text, width: 80)
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[0].hasSuffix("1347692 ledger"))
        #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == text)
    }

    @Test func shortLinesAndLongWordsStayWhole() {
        #expect(Prose.wrapped("  gold → none: 526\n  ok", width: 80) == "  gold → none: 526\n  ok")
        let word = String(repeating: "x", count: 12)
        #expect(Prose.wrapped("a \(word) b", width: 5) == "a\n\(word)\nb")
        #expect(
            Prose.wrapped("Caducidad a 2026-12-07: 3423499 puntos", width: 24)
                == "Caducidad a 2026-12-07:\n3423499 puntos")
    }
}
