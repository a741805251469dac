import Testing

@testable import CareDomain

@Suite struct ByteSearchTests {
    /// Where a word first occurs, by looking at every place in turn.
    static func naive(_ word: [UInt8], in text: [UInt8]) -> Int? {
        guard !word.isEmpty else { return 0 }
        guard word.count <= text.count else { return nil }
        return (0...(text.count - word.count)).first { Array(text[$0..<($0 + word.count)]) == word }
    }

    /// From whichever byte of the word the search starts (the caller's
    /// rarest), the first place found is the first place there is; an
    /// anchor outside the word is taken as its first byte.
    @Test func theFirstOffsetIsTheFirstPlaceFromAnyAnchor() {
        var random = SeedRandom(seed: 3)
        let alphabet = Array("aaabbe m.".utf8)
        for _ in 0..<3000 {
            let text = (0..<random.int(0...40)).map { _ in random.pick(alphabet) }
            let word = (0..<random.int(0...4)).map { _ in random.pick(alphabet) }
            let expected = Self.naive(word, in: text)
            for anchor in -1...(word.count) {
                let found = text.withUnsafeBufferPointer { buffer in
                    word.withUnsafeBufferPointer { pinned in
                        buffer.baseAddress.map {
                            ByteSearch.firstOffset(of: pinned, in: $0, buffer.count, anchor: anchor)
                        } ?? (word.isEmpty ? 0 : nil)
                    }
                }
                #expect(
                    found == expected,
                    "\(String(decoding: word, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self)) from \(anchor)"
                )
            }
        }
    }
}
