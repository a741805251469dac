import Testing

@testable import CareDomain

@Suite struct CustomerSearchTests {
    let stored = CustomerSummary(
        id: "C000042", name: "Begoña Ibáñez Núñez", phone: "624 612 113", email: "Begona.Ibanez@Correo.es", tier: nil,
        lifecycle: .active, blocked: false)
    let withCode = CustomerSummary(
        id: "C000043", name: "José Ruiz", phone: "+34 611 000 222", email: nil, tier: nil, lifecycle: .active,
        blocked: false)

    @Test(arguments: [
        "624612113", "624 612 113", "+34 624 612 113", "+34624612113", "0034624612113", "0034 624 612 113",
        "612113", "624-612-113", "(624) 612.113", "begona ibanez", "IBÁÑEZ", "begona.ibanez@correo.es", "c000042",
    ])
    func aStoredPhoneWithoutItsCodeIsFoundHoweverItIsTyped(_ query: String) {
        #expect(CustomerSearch.find(query, in: [stored, withCode]).map(\.id) == ["C000042"], "\(query)")
    }

    @Test(arguments: ["611000222", "+34611000222", "0034 611 000 222", "000222", "611-000-222", "jose"])
    func aStoredPhoneWithItsCodeIsFoundHoweverItIsTyped(_ query: String) {
        #expect(CustomerSearch.find(query, in: [stored, withCode]).map(\.id) == ["C000043"], "\(query)")
    }

    @Test(arguments: ["624612114", "+34 624 612 114", "begona ruiz", "C000044"])
    func aWrongDigitOrAWordOfSomeoneElseFindsNobody(_ query: String) {
        #expect(CustomerSearch.find(query, in: [stored, withCode]).isEmpty, "\(query)")
    }
}

/// The list's search texts are built part by part; they are what folding
/// the parts joined by spaces gives.
@Suite struct SearchTextTests {
    @Test func aSearchTextIsTheFoldedJoinOfItsParts() {
        let names = ["José Núñez", "ZOË WILLIAMS", "Ætna Ölçer", "Ana\u{301}", "İstanbul Straße", "A-B c.d", ""]
        let phones: [String?] = [nil, "+34 624 612 113", "(91) 555-12٣4", ""]
        let emails: [String?] = [nil, "Ana.Lopez@Example.COM", "ñu@dominio.es"]
        for name in names {
            for phone in phones {
                for email in emails {
                    let summary = CustomerSummary(
                        id: "C000042", name: name, phone: phone, email: email, tier: nil, lifecycle: .active,
                        blocked: false)
                    let digits = phone.map { String($0.filter { $0.isASCII && $0.isNumber }) } ?? ""
                    let joined = [name, "C000042", phone ?? "", digits, email ?? ""].joined(separator: " ")
                    #expect(
                        CustomerSearch.text(of: summary) == Folding.bytes(joined),
                        "\(name) \(phone ?? "") \(email ?? "")")
                }
            }
        }
    }
}
