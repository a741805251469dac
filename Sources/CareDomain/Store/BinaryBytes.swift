import Foundation

/// Little-endian values appended to a byte buffer: the derived binary files
/// (`figures.bin`, the snapshot indexes) are written with it.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A text as its length (UInt32) and UTF-8 bytes; nil as the length UInt32.max.
    mutating func put(_ text: String?) {
        guard let text else { return put(UInt32.max) }
        let utf8 = text.utf8
        put(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A time exactly, as the bits of its seconds since 1970.
    mutating func put(_ date: Date) { put(date.timeIntervalSince1970.bitPattern) }

    mutating func put(_ date: Date?) {
        put(UInt8(date == nil ? 0 : 1))
        if let date { put(date) }
    }

    mutating func put(_ number: Int?) {
        put(UInt8(number == nil ? 0 : 1))
        if let number { put(Int64(number)) }
    }

    /// 0 false, 1 true, 2 nil.
    mutating func put(_ flag: Bool?) { put(UInt8(flag.map { $0 ? 1 : 0 } ?? 2)) }

    /// Overwrites 8 bytes at `offset` (a count known only at the end).
    mutating func set(_ value: UInt64, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for index in 0..<8 { bytes[offset + index] = raw[index] }
        }
    }

    /// The bytes with their checksum after them.
    mutating func sealed() -> Data {
        put(bytes.withUnsafeBytes { BinaryChecksum.of($0) })
        return Data(bytes)
    }
}

/// Reads what `ByteWriter` wrote; every read is nil past the end.
struct ByteReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    init(raw: UnsafeRawBufferPointer, offset: Int = 0) {
        self.raw = raw
        self.offset = offset
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard offset >= 0, offset + MemoryLayout<T>.size <= raw.count else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer.SubSequence? {
        guard count >= 0, offset >= 0, offset + count <= raw.count else { return nil }
        defer { offset += count }
        return raw[offset..<offset + count]
    }

    /// A text, or .some(nil) for a nil one; nil when the bytes end first.
    mutating func text() -> String?? {
        guard let length = read(UInt32.self) else { return nil }
        if length == UInt32.max { return .some(nil) }
        guard let utf8 = bytes(Int(length)) else { return nil }
        return .some(String(decoding: utf8, as: UTF8.self))
    }

    /// A text that may not be nil.
    mutating func requiredText() -> String? { text() ?? nil }

    mutating func date() -> Date? { read(UInt64.self).map { Date(timeIntervalSince1970: Double(bitPattern: $0)) } }

    mutating func optionalDate() -> Date?? {
        guard let present = read(UInt8.self) else { return nil }
        return present == 0 ? .some(nil) : date().map { .some($0) }
    }

    mutating func optionalInteger() -> Int?? {
        guard let present = read(UInt8.self) else { return nil }
        return present == 0 ? .some(nil) : read(Int64.self).map { .some(Int($0)) }
    }

    mutating func optionalBool() -> Bool?? {
        guard let value = read(UInt8.self), value <= 2 else { return nil }
        return value == 2 ? .some(nil) : .some(value == 1)
    }

    /// A case of `E` by its position in `allCases`.
    mutating func choice<E: CaseIterable>(_: E.Type) -> E? where E.AllCases: RandomAccessCollection {
        guard let position = read(UInt8.self), Int(position) < E.allCases.count else { return nil }
        return E.allCases[E.allCases.index(E.allCases.startIndex, offsetBy: Int(position))]
    }

    mutating func optionalChoice<E: CaseIterable>(_ type: E.Type) -> E?? where E.AllCases: RandomAccessCollection {
        guard let position = read(UInt8.self) else { return nil }
        if position == UInt8.max { return .some(nil) }
        offset -= 1
        return choice(type).map { .some($0) }
    }
}

extension ByteWriter {
    /// A case by its position in `allCases` (the index's schema names the cases).
    mutating func put<E: CaseIterable & Equatable>(choice: E) where E.AllCases: RandomAccessCollection {
        put(UInt8(E.allCases.distance(from: E.allCases.startIndex, to: E.allCases.firstIndex(of: choice)!)))
    }

    mutating func put<E: CaseIterable & Equatable>(choice: E?) where E.AllCases: RandomAccessCollection {
        guard let choice else { return put(UInt8.max) }
        put(choice: choice)
    }
}

/// FNV-1a over 8-byte words (then the tail's bytes): cheap enough for tens
/// of megabytes, and any cut or changed byte shows.
enum BinaryChecksum {
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    /// `continuing`: the checksum of the bytes before `raw`, whose count is
    /// a multiple of 8 (so a file may be summed a stretch at a time).
    static func of(_ raw: UnsafeRawBufferPointer, continuing: UInt64 = start) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var hash = continuing
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &* prime
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* prime
            offset += 1
        }
        return hash
    }

    /// Whether the last 8 bytes are the checksum of the rest.
    static func holds(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard raw.count >= 8 else { return false }
        let body = raw.count - 8
        return raw.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian
            == of(UnsafeRawBufferPointer(rebasing: raw[..<body]))
    }
}
