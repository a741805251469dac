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
        // Ids, phones, emails and most names are ASCII or Latin letters with
        // accents (two bytes each): folded byte by byte, no scalar decoded.
        // Anything else is folded scalar by scalar from the start.
        let folded = text.utf8.withContiguousStorageIfAvailable { appendLatin($0, to: &out) }
        if folded == true { return }
        appendByScalars(text, to: &out)
    }

    /// What `append` gives, worked out scalar by scalar (any text).
    static func appendByScalars(_ text: String, to out: inout [UInt8]) {
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

    /// Folds `bytes` (UTF-8) when every character is ASCII or one of the
    /// table's Latin letters (U+00C0…U+017F, two bytes, lead 0xC3…0xC5) and
    /// returns true; otherwise leaves `out` as it was and returns false.
    private static func appendLatin(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let start = out.count
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                index += 1
                continue
            }
            guard byte >= 0xC3, byte <= 0xC5, index + 1 < bytes.count else { break }
            let next = bytes[index + 1]
            guard next & 0xC0 == 0x80 else { break }
            let value = (Int(byte & 0x1F) << 6) | Int(next & 0x3F)
            let plain = latin[value - 0xC0]
            guard plain != 0 else { break }
            out.append(plain)
            index += 2
        }
        guard index == bytes.count else {
            out.removeSubrange(start...)
            return false
        }
        return true
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
