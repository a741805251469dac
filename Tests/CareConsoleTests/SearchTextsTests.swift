import Foundation
import Testing

@testable import CareConsole
@testable import CareDomain

@Suite struct SearchTextsTests {
    /// Names that share their first sixteen folded bytes or more, are
    /// shorter than eight, differ only by an accent or case, or hold text
    /// the byte-wise folding does not take (ß, a combining mark, Greek).
    static let names = [
        "María José García", "MARIA JOSE GARCIA", "Maria Jose Garcia-Lopez", "María José Garcíaz", "Ana",
        "ana", "Al", "", "Ñandú", "nandu", "Straße", "strasse", "e\u{301}lodie", "Élodie", "Ωmega", "zoe",
        "Zoë Adler", "Begoña Ibáñez-Çelik", "begona ibanez", "Łukasz Ørsted", "Ægir",
    ]

    static func customers(_ count: Int, seed: UInt64) -> [CustomerSummary] {
        var random = SeedRandom(seed: seed)
        return (0..<count).map { index in
            CustomerSummary(
                id: CustomerID("C\(random.int(0...9))\(index)"), name: random.pick(names),
                phone: random.chance(0.5) ? "+34 6\(random.int(10...99)) 000 \(random.int(100...999))" : nil,
                email: random.chance(0.3) ? "x\(index)@example.com" : nil, tier: nil, lifecycle: .active,
                blocked: random.chance(0.1))
        }
    }

    @Test(arguments: [0, 1, 2, 17, 400, 25_000])
    func theListIsInFoldedTextOrderWithoutTheBlocked(count: Int) {
        let customers = Self.customers(count, seed: UInt64(count) + 1)
        let (order, texts, left) = SearchTexts.sorted(customers) { !$0.blocked }
        #expect(left == customers.indices.filter { customers[$0].blocked })
        let expected = customers.indices.filter { !customers[$0].blocked }.sorted { left, right in
            let (a, b) = (CustomerSearch.text(of: customers[left]), CustomerSearch.text(of: customers[right]))
            return a != b ? a.lexicographicallyPrecedes(b) : left < right
        }
        #expect(order == expected)
        #expect(texts.count == expected.count)
        for place in order.indices {
            #expect(Array(texts.text(place)) == CustomerSearch.text(of: customers[order[place]]))
        }
    }

    /// The names share long beginnings, so the first rows' last one often
    /// ties with customers the first pass set aside by sixteen bytes.
    @Test(arguments: [(0, 0), (5, 0), (5, 1), (25_000, 7), (25_000, 1000), (30_000, 40_000), (400, 400)])
    func theFirstRowsAreTheWholeListsFirstRows(count: Int, wanted: Int) {
        let customers = Self.customers(count, seed: UInt64(count + wanted))
        let whole = SearchTexts.sorted(customers) { !$0.blocked }
        let first = SearchTexts.firstRows(wanted, of: customers) { !$0.blocked }
        #expect(first.order == Array(whole.order.prefix(wanted)))
        #expect(first.listed == whole.order.count)
        #expect(first.left == whole.left)
        #expect(first.texts.count == first.order.count)
        for place in first.order.indices {
            #expect(first.texts.text(place) == whole.texts.text(place))
        }
    }

    /// A word is looked for by its rarest byte in the texts.
    @Test func aWordIsLookedForByItsRarestByte() {
        let texts = SearchTexts(bytes: Array("eeee eeem eeee eeee".utf8), starts: [0, 4, 9, 14, 19])
        #expect(texts.anchor(of: Array("em".utf8)) == 1)
        #expect(texts.anchor(of: Array("me".utf8)) == 0)
        #expect(texts.rows(in: 0..<4, holding: [Array("em".utf8)]) == [1])
        #expect(texts.rows([0, 1, 2, 3], holding: [Array("eem".utf8), Array("e".utf8)]) == [1])
    }

    @Test func theFilterReadsTheRowsInListOrder() {
        let customers = Self.customers(300, seed: 9)
        let (order, texts, _) = SearchTexts.sorted(customers) { _ in true }
        let words = CustomerSearch.words("garcia")
        let found = texts.rows(Array(order.indices)[...], holding: words)
        #expect(!found.isEmpty)
        #expect(
            found.map { order[$0] } == order.filter { CustomerSearch.find("garcia", in: [customers[$0]]).count == 1 })
    }

    /// The whole list is searched end to end: a word must lie inside one
    /// row's text, never across two, and every word must be in the row.
    @Test func aScanOfTheWholeListFindsWordsInsideARowOnly() {
        let customers = ["Ab Cd", "Xyz", "Cd Ab", "", "B", "Ab", "Zz Abz"].enumerated().map { index, name in
            CustomerSummary(
                id: CustomerID("C\(index)"), name: name, phone: nil, email: "n\(index)@e.es", tier: nil,
                lifecycle: .active, blocked: false)
        }
        let (order, texts, _) = SearchTexts.sorted(customers) { _ in true }
        func names(_ query: String, _ range: Range<Int>? = nil) -> Set<String> {
            Set(
                texts.rows(in: range ?? 0..<texts.count, holding: CustomerSearch.words(query)).map {
                    customers[order[$0]].name
                })
        }
        #expect(names("ab") == ["Ab Cd", "Ab", "Cd Ab", "Zz Abz"])
        #expect(names("cd ab") == ["Ab Cd", "Cd Ab"])
        #expect(names("abz zz") == ["Zz Abz"])
        #expect(names("").count == customers.count)
        #expect(names("q").isEmpty)
        // Words made of one row's end and the next row's start are in no row.
        var queries = ["a", "b", "c", "z", "ab c", "y", "q", "c1", "zz ab"]
        for place in 0..<(texts.count - 1) {
            let end = String(decoding: texts.text(place).suffix(3), as: UTF8.self)
            let start = String(decoding: texts.text(place + 1).prefix(3), as: UTF8.self)
            queries.append(end + start)
        }
        for query in queries {
            let words = CustomerSearch.words(query)
            let all = texts.rows(in: 0..<texts.count, holding: words)
            #expect(all == texts.rows(Array(0..<texts.count)[...], holding: words), "\(query)")
            #expect(
                all
                    == (0..<texts.count).filter { row in
                        words.allSatisfy { ByteSearch.contains(Array(texts.text(row)), $0) }
                    },
                "\(query)")
            #expect(texts.rows(in: 2..<5, holding: words) == all.filter { (2..<5).contains($0) }, "\(query)")
        }
    }

    @Test func foldingByteByByteGivesWhatFoldingByScalarsGives() {
        // Every scalar up to U+024F, alone, after ASCII, and before a combining mark.
        for value in 0...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["\(scalar)", "Ab\(scalar)Z", "\(scalar)\u{301}x", "\(scalar)\(scalar)"] {
                var fast: [UInt8] = []
                Folding.append(text, to: &fast)
                var slow: [UInt8] = []
                Folding.appendByScalars(text, to: &slow)
                #expect(fast == slow, "U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
        for name in Self.names {
            var slow: [UInt8] = [0x2A]
            Folding.appendByScalars(name, to: &slow)
            var fast: [UInt8] = [0x2A]
            Folding.append(name, to: &fast)
            #expect(fast == slow, "\(name)")
        }
    }
}
