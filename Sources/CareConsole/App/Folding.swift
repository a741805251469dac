/// Text as the filter compares it: lower case, accents off (José → jose,
/// Ibáñez → ibanez), so an agent types without dead keys over SSH.
public enum Folding {
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if let plain = latin[scalar.value] {
                result.append(plain)
            } else if scalar.properties.generalCategory != .nonspacingMark {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Latin-1 and Latin Extended-A letters with marks, to their base letter.
    private static let latin: [UInt32: Unicode.Scalar] = {
        var map: [UInt32: Unicode.Scalar] = [:]
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { map[scalar.value] = plain }
        }
        return map
    }()
}
