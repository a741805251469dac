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
        let (order, texts) = SearchTexts.sorted(customers) { !$0.blocked }
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

    @Test func theFilterReadsTheRowsInListOrder() {
        let customers = Self.customers(300, seed: 9)
        let (order, texts) = SearchTexts.sorted(customers) { _ in true }
        let words = CustomerSearch.words("garcia")
        let found = texts.rows(Array(order.indices)[...], holding: words)
        #expect(!found.isEmpty)
        #expect(
            found.map { order[$0] } == order.filter { CustomerSearch.find("garcia", in: [customers[$0]]).count == 1 })
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
