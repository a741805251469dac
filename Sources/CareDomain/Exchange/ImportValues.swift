import Foundation

/// How a spreadsheet's cells become values, in Spanish or English: each
/// returns nil for a value it cannot read, so the row is reported.
enum ImportValues {
    static func day(_ text: String) -> Day? {
        if let day = Day(text) { return day }
        // 31/12/1980, 31-12-1980, 1/2/1980: day first, as Spanish sheets write it.
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
            parts[2].count == 4
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    static func yesNo(_ text: String) -> Bool? {
        switch CustomerColumn.fold(text) {
        case "yes", "y", "si", "s", "true", "1", "x", "ok": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }

    static func channel(_ text: String) -> Channel? {
        let key = CustomerColumn.fold(text)
        if let channel = Channel.allCases.first(where: { $0.rawValue == key }) { return channel }
        return [
            "mostrador": .counter, "tienda": .counter, "telefono": .phone, "correoelectronico": .email,
            "correo": .email,
            "mail": .email, "redes": .social, "redessociales": .social, "correopostal": .post, "carta": .post,
        ][key]
    }

    static func maritalStatus(_ text: String) -> MaritalStatus? {
        let key = CustomerColumn.fold(text)
        if let status = MaritalStatus.allCases.first(where: { $0.rawValue == key }) { return status }
        return [
            "soltero": .single, "soltera": .single, "casado": .married, "casada": .married, "pareja": .partnered,
            "parejadehecho": .partnered, "divorciado": .divorced, "divorciada": .divorced, "viudo": .widowed,
            "viuda": .widowed,
        ][key]
    }

    static func lifecycle(_ text: String) -> LifecycleStage? {
        let key = CustomerColumn.fold(text)
        if let stage = LifecycleStage.allCases.first(where: {
            CustomerColumn.fold($0.rawValue) == key || CustomerColumn.fold($0.label) == key
        }) {
            return stage
        }
        return [
            "prospecto": .prospect, "nuevo": .new, "nueva": .new, "activo": .active, "activa": .active,
            "enriesgo": .atRisk,
            "inactivo": .lapsed, "inactiva": .lapsed, "perdido": .churned, "perdida": .churned, "renovado": .renewed,
            "renovada": .renewed,
        ][key]
    }

    /// "a; b", "a, b" or "a | b".
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains { $0.isWhitespace || $0 == "," || $0 == ";" }
    }

    /// Digits, spaces, + - ( ) . only, and 6 to 15 digits.
    static func isPhone(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || " +-().".contains($0)) }) else { return false }
        return (6...15).contains(text.filter(\.isNumber).count)
    }

    /// What two spellings of one phone number share: the last nine digits
    /// (a Spanish number with or without +34).
    static func phoneKey(_ text: String) -> String { String(text.filter(\.isNumber).suffix(9)) }

    static func emailKey(_ text: String) -> String { text.lowercased() }
}
