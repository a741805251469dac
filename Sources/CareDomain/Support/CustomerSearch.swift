/// How a customer is found by what an agent types, in the console's filter
/// and in `care customer find`: every word typed must occur in the
/// customer's name, id, phone or email, accents and case ignored. A phone is
/// found however it is typed: with or without spaces, dashes, dots or
/// brackets, with "+" or "00" and the country code, or by its last six digits
/// or more.
public enum CustomerSearch {
    /// The folded text a customer is found by: the name, id, phone as stored
    /// and as its digits alone, and email.
    public static func text(of customer: CustomerSummary) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(
            customer.name.utf8.count + customer.id.rawValue.utf8.count + 2 * (customer.phone?.utf8.count ?? 0)
                + (customer.email?.utf8.count ?? 0) + 4)
        appendText(of: customer, to: &text)
        return text
    }

    /// `text(of:)` added to `text`: the console folds a million customers
    /// into one buffer, with no array per customer.
    public static func appendText(of customer: CustomerSummary, to text: inout [UInt8]) {
        let phone = customer.phone ?? ""
        let email = customer.email ?? ""
        // The parts folded one after the other, a space between: what
        // folding them joined gives, without making the joined string
        // (100,000 of them before the first screen).
        Folding.append(customer.name, to: &text)
        text.append(0x20)
        Folding.append(customer.id.rawValue, to: &text)
        text.append(0x20)
        Folding.append(phone, to: &text)
        text.append(0x20)
        // The phone's digits alone (ASCII digits fold to themselves); byte
        // by byte when it is ASCII, else by characters (a digit with a
        // combining mark on it is no digit).
        if phone.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in phone.utf8 where byte >= 0x30 && byte <= 0x39 { text.append(byte) }
        } else {
            text.append(contentsOf: String(phone.filter(\.isASCIIDigit)).utf8)
        }
        text.append(0x20)
        Folding.append(email, to: &text)
    }

    /// The words of `query` as the text is searched for them, folded. Words
    /// made of a phone's characters are taken together as one number's
    /// digits, "00" before a country code dropped; a number of ten digits
    /// or more (a country code typed) by its last nine, the length of a
    /// Spanish number, so that a number stored without its code is found.
    public static func words(_ query: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        // Phone-like words next to each other ("+34 624 612 113") are one number.
        var number = ""
        func endNumber() {
            guard !number.isEmpty else { return }
            // "0034…" is "+34…": the international prefix is not part of the number.
            var digits = Substring(number)
            if digits.hasPrefix("00") { digits = digits.dropFirst(2) }
            words.append(Array((digits.count >= 10 ? String(digits.suffix(9)) : String(digits)).utf8))
            number = ""
        }
        for word in Folding.fold(query).split(separator: " ") {
            let phoneLike =
                word.contains(where: \.isASCIIDigit) && word.allSatisfy { $0.isASCIIDigit || "+-.()/".contains($0) }
            if phoneLike {
                number += word.filter(\.isASCIIDigit)
            } else {
                endNumber()
                words.append(Array(word.utf8))
            }
        }
        endNumber()
        return words
    }

    /// The customers `query` finds, in the order given.
    public static func find(_ query: String, in customers: [CustomerSummary]) -> [CustomerSummary] {
        let words = words(query)
        return customers.filter { customer in
            let text = text(of: customer)
            return words.allSatisfy { ByteSearch.contains(text, $0) }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
