import Foundation

/// A value picked out of a record line by `LineScanner`.
public enum ScannedValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    /// An object or array, which a summary never asks for.
    case structure

    var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var integer: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }
}

/// Why a line is not one JSON object, with the byte where it went wrong.
struct ScanError: Error, Equatable {
    var reason: String
    /// The byte of the line where it went wrong.
    var offset = 0
}

/// One pass over a snapshot line: checks that it is exactly one valid JSON
/// object and picks out the values of a few keys (`name`, `loyalty.tier`),
/// without building the record. Opening a store this way is an order of
/// magnitude faster than decoding every record with `JSONDecoder`; records
/// are decoded one by one when they are needed.
struct LineScanner: Sendable {
    /// Paths to pick, any number of keys deep ("loyalty.tier").
    let paths: [[String]]
    private let topLevel: [Wanted]

    /// A key to look for, and either the value's slot or the keys inside it.
    private struct Wanted: Sendable {
        let key: [UInt8]
        let slot: Int?
        let inner: [Wanted]
    }

    init(paths: [String]) {
        self.paths = paths.map { $0.split(separator: ".").map(String.init) }
        var topLevel: [Wanted] = []
        for (index, path) in self.paths.enumerated() where !path.isEmpty {
            Self.insert(path[...], slot: index, into: &topLevel)
        }
        self.topLevel = topLevel
    }

    /// Adds `path` to the tree of wanted keys: its last key gets the slot,
    /// the keys before it hold the keys inside them. A key can be both
    /// (`survey` and `survey.score`): its slot then says the object is there.
    private static func insert(_ path: ArraySlice<String>, slot: Int, into wanted: inout [Wanted]) {
        guard let first = path.first else { return }
        let key = Array(first.utf8)
        let existing = wanted.firstIndex { $0.key == key }
        if path.count == 1 {
            if let existing {
                wanted[existing] = Wanted(key: key, slot: slot, inner: wanted[existing].inner)
            } else {
                wanted.append(Wanted(key: key, slot: slot, inner: []))
            }
            return
        }
        let index =
            existing
            ?? {
                wanted.append(Wanted(key: key, slot: nil, inner: []))
                return wanted.count - 1
            }()
        var inner = wanted[index].inner
        insert(path.dropFirst(), slot: slot, into: &inner)
        wanted[index] = Wanted(key: key, slot: wanted[index].slot, inner: inner)
    }

    /// The picked values, in the order of `paths`; nil where a key is absent.
    func scan(_ line: UnsafeRawBufferPointer) throws(ScanError) -> [ScannedValue?] {
        var cursor = Cursor(bytes: line.bindMemory(to: UInt8.self))
        var values = [ScannedValue?](repeating: nil, count: paths.count)
        do throws(ScanError) {
            cursor.skipSpace()
            try object(&cursor, wanted: topLevel, into: &values)
            cursor.skipSpace()
            if cursor.position < cursor.bytes.count, cursor.bytes[cursor.position] == UInt8(ascii: ",") {
                cursor.position += 1
                cursor.skipSpace()
            }
            guard cursor.position == cursor.bytes.count else {
                throw ScanError(reason: "unexpected text after the record")
            }
        } catch {
            var placed = error
            placed.offset = min(cursor.position, max(0, cursor.bytes.count - 1))
            throw placed
        }
        return values
    }

    private func object(_ cursor: inout Cursor, wanted: [Wanted], into values: inout [ScannedValue?]) throws(ScanError)
    {
        try cursor.expect(UInt8(ascii: "{"))
        cursor.skipSpace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.position += 1
            return
        }
        // A wanted key seen twice would make the scan and the decoder
        // disagree on the record (which id, which version).
        var seen: UInt64 = 0
        while true {
            cursor.skipSpace()
            // An index, not a copy of the entry: copying retains its arrays,
            // and this runs for every key of 300,000 lines.
            let match = try cursor.matchKey(wanted)
            if let match, match < 64 {
                if seen & (1 << match) != 0 {
                    throw ScanError(
                        reason: "the key \"\(String(decoding: wanted[match].key, as: UTF8.self))\" appears twice")
                }
                seen |= 1 << match
            }
            cursor.skipSpace()
            try cursor.expect(UInt8(ascii: ":"))
            cursor.skipSpace()
            if let match, !wanted[match].inner.isEmpty, cursor.peek == UInt8(ascii: "{") {
                if let slot = wanted[match].slot { values[slot] = .structure }
                try object(&cursor, wanted: wanted[match].inner, into: &values)
            } else if let match, let slot = wanted[match].slot {
                values[slot] = try cursor.value()
            } else {
                try cursor.skipValue()
            }
            cursor.skipSpace()
            let next = try cursor.next()
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw ScanError(reason: "expected , or } in an object") }
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func next() throws(ScanError) -> UInt8 {
            guard position < bytes.count else { throw ScanError(reason: "the record ends too early") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func expect(_ byte: UInt8) throws(ScanError) {
            guard try next() == byte else { throw ScanError(reason: "expected \(Character(Unicode.Scalar(byte)))") }
        }

        /// Reads a key and returns the index of the wanted entry it names,
        /// if any, without copying the key unless it has escapes.
        fileprivate mutating func matchKey(_ wanted: [Wanted]) throws(ScanError) -> Int? {
            guard peek == UInt8(ascii: "\"") else { throw ScanError(reason: "expected a key in quotes") }
            let start = position + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                position = end + 1
                let length = end - start
                candidates: for index in wanted.indices {
                    guard wanted[index].key.count == length else { continue }
                    for offset in 0..<length where wanted[index].key[offset] != bytes[start + offset] {
                        continue candidates
                    }
                    return index
                }
                return nil
            }
            let key = try stringBytes()
            return wanted.firstIndex { $0.key == key }
        }

        mutating func skipSpace() {
            while position < bytes.count {
                let byte = bytes[position]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                position += 1
            }
        }

        mutating func value() throws(ScanError) -> ScannedValue {
            switch peek {
            case UInt8(ascii: "\""):
                // Without escapes, the string is made straight from the line.
                var end = position + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
                    bytes[end] >= 0x20, bytes[end] < 0x80
                {
                    end += 1
                }
                if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                    defer { position = end + 1 }
                    return .string(
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end]), as: UTF8.self))
                }
                let raw = try stringBytes()
                return .string(String(decoding: raw, as: UTF8.self))
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                try skipValue()
                return .structure
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default:
                let start = position
                try number()
                return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
            }
        }

        mutating func skipValue() throws(ScanError) {
            switch peek {
            case UInt8(ascii: "\""):
                try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close: UInt8 = peek == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let isObject = close == UInt8(ascii: "}")
                position += 1
                skipSpace()
                if peek == close {
                    position += 1
                    return
                }
                while true {
                    skipSpace()
                    if isObject {
                        try skipString()
                        skipSpace()
                        try expect(UInt8(ascii: ":"))
                        skipSpace()
                    }
                    try skipValue()
                    skipSpace()
                    let next = try next()
                    if next == close { return }
                    guard next == UInt8(ascii: ",") else { throw ScanError(reason: "expected , between values") }
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try number()
            }
        }

        mutating func literal(_ word: StaticString) throws(ScanError) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw ScanError(reason: "the record ends too early") }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
                throw ScanError(reason: "unexpected text")
            }
            position += count
        }

        mutating func number() throws(ScanError) {
            let start = position
            if peek == UInt8(ascii: "-") { position += 1 }
            var digits = 0
            while let byte = peek,
                (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                    || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            {
                if byte >= 0x30 && byte <= 0x39 { digits += 1 }
                position += 1
            }
            guard digits > 0, position > start else { throw ScanError(reason: "expected a value") }
        }

        mutating func skipString() throws(ScanError) {
            try expect(UInt8(ascii: "\""))
            while true {
                // Plain bytes in a tight loop: most of a snapshot is text to skip.
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                    position += 1
                }
                if let byte = peek, byte >= 0x80 {
                    try scalar()
                    continue
                }
                let byte = try next()
                if byte == UInt8(ascii: "\"") { return }
                if byte == UInt8(ascii: "\\") {
                    switch try next() {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        _ = try hex4()
                    default:
                        throw ScanError(reason: "an unknown escape in a string")
                    }
                } else if byte < 0x20 {
                    throw ScanError(reason: "a control character inside a string")
                }
            }
        }

        /// The string's bytes with escapes resolved.
        mutating func stringBytes() throws(ScanError) -> [UInt8] {
            try expect(UInt8(ascii: "\""))
            let start = position
            // Fast path: no escapes.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    defer { position += 1 }
                    return Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
                }
                if byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
                if byte < 0x20 { throw ScanError(reason: "a control character inside a string") }
                position += 1
            }
            var result = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while true {
                let byte = try next()
                switch byte {
                case UInt8(ascii: "\""):
                    return result
                case UInt8(ascii: "\\"):
                    let escaped = try next()
                    if let simple = JSONEscape.simple(escaped) {
                        result.append(simple)
                        continue
                    }
                    switch escaped {
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if JSONEscape.isHighSurrogate(scalar) {
                            try expect(UInt8(ascii: "\\"))
                            try expect(UInt8(ascii: "u"))
                            let low = try hex4()
                            guard JSONEscape.isLowSurrogate(low) else {
                                throw ScanError(reason: "a broken \\u escape")
                            }
                            scalar = JSONEscape.scalar(high: scalar, low: low)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else {
                            throw ScanError(reason: "a broken \\u escape")
                        }
                        result.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw ScanError(reason: "an unknown escape in a string")
                    }
                default:
                    if byte < 0x20 { throw ScanError(reason: "a control character inside a string") }
                    if byte >= 0x80 {
                        position -= 1
                        let start = position
                        try scalar()
                        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                    } else {
                        result.append(byte)
                    }
                }
            }
        }

        /// Steps over one multi-byte UTF-8 character, refusing bytes that
        /// are not one (a bad byte would otherwise be read as U+FFFD by the
        /// scan but refused by the decoder, and the record lost from view).
        mutating func scalar() throws(ScanError) {
            let lead = bytes[position]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: throw ScanError(reason: "a byte that is not UTF-8 text")
            }
            guard position + length <= bytes.count else { throw ScanError(reason: "a byte that is not UTF-8 text") }
            for offset in 1..<length {
                let byte = bytes[position + offset]
                let (from, to) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= from, byte <= to else { throw ScanError(reason: "a byte that is not UTF-8 text") }
            }
            position += length
        }

        mutating func hex4() throws(ScanError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = JSONEscape.hexDigit(try next()) else {
                    throw ScanError(reason: "a broken \\u escape")
                }
                value = value * 16 + digit
            }
            return value
        }
    }
}
