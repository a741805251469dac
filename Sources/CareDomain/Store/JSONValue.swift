import Foundation

/// A JSON value parsed by hand, for the records the store decodes by the
/// hundred thousand (customers: every compaction decodes them all before
/// rewriting their snapshot, and `care check` and the expiry run read
/// them). Strict: anything it is not sure of (a key twice, bytes that are
/// not UTF-8, a number it cannot read) makes it give up, and the record goes
/// to `JSONDecoder`, which then says what is wrong.
indirect enum JSONValue: Equatable {
    case string(String)
    /// The number's text, as written.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// The one value `raw` holds (whitespace around it allowed), or nil.
    static func parse(_ raw: UnsafeRawBufferPointer) -> JSONValue? {
        var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
        parser.skipSpace()
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.position == parser.bytes.count ? value : nil
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        mutating func value(depth: Int) -> JSONValue? {
            // Records are shallow; a deep one is not for the fast path.
            guard depth < 32, let byte = peek else { return nil }
            switch byte {
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return nil }
            for index in 0..<count where bytes[position + index] != word.utf8Start[index] { return nil }
            position += count
            return value
        }

        mutating func number() -> JSONValue? {
            let start = position
            if peek == UInt8(ascii: "-") { position += 1 }
            while let byte = peek,
                (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                    || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            {
                position += 1
            }
            guard position > start else { return nil }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }

        mutating func string() -> String? {
            position += 1
            let start = position
            // Without escapes (nearly always), the string is the bytes as they are.
            while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
                position += 1
            }
            guard let end = peek else { return nil }
            if end == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                // Bytes that are not UTF-8 are the decoder's to refuse.
                return String(validating: slice, as: UTF8.self)
            }
            guard end == UInt8(ascii: "\\") else { return nil }
            var text = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while let byte = peek {
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return String(validating: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    position += 1
                    guard let escaped = peek else { return nil }
                    position += 1
                    if let simple = JSONEscape.simple(escaped) {
                        text.append(simple)
                        continue
                    }
                    switch escaped {
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if JSONEscape.isHighSurrogate(scalar) {
                            guard peek == UInt8(ascii: "\\"), position + 1 < bytes.count,
                                bytes[position + 1] == UInt8(ascii: "u")
                            else { return nil }
                            position += 2
                            guard let low = hex4(), JSONEscape.isLowSurrogate(low) else { return nil }
                            scalar = JSONEscape.scalar(high: scalar, low: low)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        text.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default: return nil
                    }
                case 0..<0x20: return nil
                default:
                    text.append(byte)
                    position += 1
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = JSONEscape.hexDigit(bytes[position]) else { return nil }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        mutating func object(depth: Int) -> JSONValue? {
            position += 1
            var fields: [String: JSONValue] = [:]
            skipSpace()
            if peek == UInt8(ascii: "}") {
                position += 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return nil }
                position += 1
                skipSpace()
                // A key twice: which one counts is the decoder's to say.
                guard let value = value(depth: depth + 1), fields.updateValue(value, forKey: key) == nil else {
                    return nil
                }
                skipSpace()
                switch peek {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    return .object(fields)
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                skipSpace()
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                switch peek {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"):
                    position += 1
                    return .array(items)
                default: return nil
                }
            }
        }
    }
}

/// An object's fields read as a record's, the way `JSONDecoder` reads a
/// synthesized `Codable`: an absent or null optional is nil, anything of
/// the wrong kind marks the record `wrong` (it then goes to the decoder).
struct JSONFields {
    let fields: [String: JSONValue]
    var wrong = false

    init?(_ value: JSONValue?) {
        guard case .object(let fields)? = value else { return nil }
        self.fields = fields
    }

    private mutating func typed<T>(_ key: String, _ take: (JSONValue) -> T?) -> T? {
        guard let value = fields[key], value != .null else { return nil }
        guard let typed = take(value) else {
            wrong = true
            return nil
        }
        return typed
    }

    mutating func text(_ key: String) -> String? {
        typed(key) { value in
            guard case .string(let text) = value else { return nil }
            return text
        }
    }

    mutating func integer(_ key: String) -> Int? {
        typed(key) { value in
            guard case .number(let text) = value else { return nil }
            return Int(text)
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        typed(key) { value in
            guard case .bool(let flag) = value else { return nil }
            return flag
        }
    }

    mutating func date(_ key: String) -> Date? { text(key).flatMap { parsed($0, Timestamp.parse) } }
    mutating func day(_ key: String) -> Day? { text(key).flatMap { parsed($0) { Day($0) } } }

    mutating func raw<T: RawRepresentable>(_ key: String, as: T.Type) -> T? where T.RawValue == String {
        text(key).flatMap { parsed($0) { T(rawValue: $0) } }
    }

    mutating func texts(_ key: String) -> [String]? {
        typed(key) { value in
            guard case .array(let items) = value else { return nil }
            var texts: [String] = []
            for item in items {
                guard case .string(let text) = item else { return nil }
                texts.append(text)
            }
            return texts
        }
    }

    /// A list of objects, each read by `read` (nil from it: wrong).
    mutating func objects<T>(_ key: String, _ read: (inout JSONFields) -> T?) -> [T]? {
        typed(key) { value in
            guard case .array(let items) = value else { return nil }
            var made: [T] = []
            for item in items {
                guard var fields = JSONFields(item), let one = read(&fields), !fields.wrong else { return nil }
                made.append(one)
            }
            return made
        }
    }

    /// A nested object read by `read`.
    mutating func object<T>(_ key: String, _ read: (inout JSONFields) -> T?) -> T? {
        typed(key) { value in
            guard var fields = JSONFields(value), let one = read(&fields), !fields.wrong else { return nil }
            return one
        }
    }

    private mutating func parsed<T>(_ text: String, _ parse: (String) -> T?) -> T? {
        guard let value = parse(text) else {
            wrong = true
            return nil
        }
        return value
    }
}
