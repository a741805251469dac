/// Text as the filter compares it: lower case, accents off (José → jose,
/// Ibáñez → ibanez), so an agent types without dead keys over SSH. Works on
/// UTF-8 bytes with a table for the Latin letters: the list folds 100,000
/// names when the console opens.
public enum Folding {
    public static func fold(_ text: String) -> String { String(decoding: bytes(text), as: UTF8.self) }

    public static func bytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        append(text, to: &out)
        return out
    }

    /// `bytes(text)` added to `out`: folding goes character by character,
    /// so texts folded one after the other fold as their concatenation.
    public static func append(_ text: String, to out: inout [UInt8]) {
        // Ids, phones and emails are ASCII: lower-cased byte by byte.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 { out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) }
            return
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(value >= 0x41 && value <= 0x5A ? UInt8(value + 32) : UInt8(value))
            } else if value >= 0xC0, value < 0x180, latin[Int(value - 0xC0)] != 0 {
                out.append(latin[Int(value - 0xC0)])
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                out.append(contentsOf: String(scalar).lowercased().utf8)
            }
        }
    }

    /// U+00C0…U+017F to their base letter (0: none, e.g. ß, æ, ×).
    private static let latin: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0xC0)
        let groups: [(String, Character)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭį", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņň", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, plain) in groups {
            for letter in letters + letters.uppercased() {
                for scalar in String(letter).unicodeScalars where scalar.value >= 0xC0 && scalar.value < 0x180 {
                    table[Int(scalar.value - 0xC0)] = plain.asciiValue ?? 0
                }
            }
        }
        return table
    }()
}
