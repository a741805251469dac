import Foundation

/// The one JSON configuration of the store: keys sorted, slashes unescaped,
/// instants as ISO 8601 with milliseconds (see `Timestamp`).
public enum CareJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: tr("expected an ISO 8601 time like 2026-11-22T09:30:00.000Z, found \"%@\"", text))
            }
            return date
        }
        return decoder
    }

    /// A readable account of a decoding failure: the field path and why.
    public static func explain(_ error: any Error) -> (field: String?, reason: String) {
        guard let decodingError = error as? DecodingError else {
            return (nil, tr("not valid JSON"))
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), tr("expected %@, found null", typeName(type)))
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), tr("required field is missing"))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return (nil, tr("not valid JSON")) }
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return (nil, tr("not readable"))
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String? {
        guard !codingPath.isEmpty else { return nil }
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return tr("true or false")
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return tr("an object") }
            return tr("a value of type %@", name)
        }
    }
}
