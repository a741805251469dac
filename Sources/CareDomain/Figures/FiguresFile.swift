import Foundation

/// `figures.bin`: the store's figures in a compact binary form, because the
/// reports read every row of it (2,000,000 at 100,000 customers) and a
/// fixed-width row is read in nanoseconds where a JSON line takes a
/// microsecond. It is derived (see `StoreFigures`), so it need not be
/// readable with jq; what it says is visible through `care report`.
///
///     "CAREFIG1"                    magic and format
///     UInt32 length, JSON header    the journal cursor, program version, expiry day, names
///     UInt64 customers
///     per customer                  UInt16 id length, id, Int32 expiry day (Int32.min: none),
///                                   UInt32 rows, rows of 32 bytes (FigureRow, little-endian)
///     UInt64 checksum               of everything before it
enum FiguresFile {
    static let magic = Array("CAREFIG1".utf8)
    static let rowSize = 32
    private static let noDay = Int32.min

    private struct Header: Codable {
        var journal: JournalCursor
        var programVersion: Int?
        var expiryFrom: Day
        var names: [String]
    }

    static func encode(_ figures: StoreFigures) throws(StoreError) -> Data {
        var bytes: [UInt8] = magic
        let header = Header(
            journal: figures.cursor, programVersion: figures.programVersion, expiryFrom: figures.expiryFrom,
            names: figures.names.texts)
        let json: Data
        do {
            json = try CareJSON.encoder().encode(header)
        } catch {
            throw .invalidChange(tr("The figures could not be written: %@.", error))
        }
        let rowCount = figures.customers.values.reduce(0) { $0 + $1.rows.count }
        bytes.reserveCapacity(json.count + 32 + figures.customers.count * 32 + rowCount * rowSize)
        put(UInt32(json.count), &bytes)
        bytes.append(contentsOf: json)
        put(UInt64(figures.customers.count), &bytes)
        for id in figures.customers.keys.sorted() {
            guard let customer = figures.customers[id] else { continue }
            let idBytes = Array(id.rawValue.utf8)
            put(UInt16(clamping: idBytes.count), &bytes)
            bytes.append(contentsOf: idBytes.prefix(Int(UInt16.max)))
            put(customer.expiryDue.map { Int32(clamping: $0.daysSinceEpoch) } ?? noDay, &bytes)
            put(UInt32(customer.rows.count), &bytes)
            for row in customer.rows {
                put(row.day, &bytes)
                put(row.name, &bytes)
                put(row.family, &bytes)
                bytes.append(row.flags.rawValue)
                bytes.append(row.rating)
                bytes.append(contentsOf: [0, 0])
                put(row.cost, &bytes)
                put(row.amount, &bytes)
            }
        }
        put(bytes.withUnsafeBytes { checksum($0) }, &bytes)
        return Data(bytes)
    }

    /// The figures in `data`, or why they cannot be read (`path` names the
    /// file); without `rows`, only each customer's expiry day.
    static func decode(_ data: Data, path: String, rows wanted: Bool = true) throws(StoreError) -> StoreFigures {
        func damaged(_ reason: String) -> StoreError {
            .corrupt(
                file: path, line: nil, field: nil,
                reason: reason + tr("; it is derived, so `care reindex` makes it again from the histories"))
        }
        let result: Result<StoreFigures, StoreError> = data.withUnsafeBytes { raw in
            var reader = Reader(raw: raw)
            guard raw.count >= magic.count + 12, Array(raw.prefix(magic.count)) == magic else {
                return .failure(damaged(tr("it is not a figures file of this care")))
            }
            let body = raw.count - 8
            guard
                raw.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian
                    == checksum(UnsafeRawBufferPointer(rebasing: raw[..<body]))
            else {
                return .failure(damaged(tr("its checksum does not match (the file was cut or changed)")))
            }
            reader.offset = magic.count
            guard let headerLength = reader.read(UInt32.self), let headerBytes = reader.bytes(Int(headerLength)),
                let header = try? CareJSON.decoder().decode(Header.self, from: Data(headerBytes))
            else { return .failure(damaged(tr("its header cannot be read"))) }
            var figures = StoreFigures()
            figures.names = FigureNames(header.names)
            figures.cursor = header.journal
            figures.programVersion = header.programVersion
            figures.expiryFrom = header.expiryFrom
            guard let count = reader.read(UInt64.self), count <= UInt64(body) else {
                return .failure(damaged(tr("its customer count cannot be read")))
            }
            figures.customers.reserveCapacity(Int(count))
            for _ in 0..<Int(count) {
                guard let idLength = reader.read(UInt16.self), let idBytes = reader.bytes(Int(idLength)),
                    let due = reader.read(Int32.self), let rows = reader.read(UInt32.self),
                    reader.offset + Int(rows) * rowSize <= body
                else { return .failure(damaged(tr("it ends in the middle of a customer"))) }
                var customer = CustomerFigures(expiryDue: due == noDay ? nil : Day(daysSinceEpoch: Int(due)))
                if wanted {
                    customer.rows.reserveCapacity(Int(rows))
                    for _ in 0..<Int(rows) {
                        customer.rows.append(reader.row())
                    }
                } else {
                    reader.offset += Int(rows) * rowSize
                }
                figures.customers[CustomerID(String(decoding: idBytes, as: UTF8.self))] = customer
            }
            guard reader.offset == body else { return .failure(damaged(tr("it holds bytes after its last customer"))) }
            return .success(figures)
        }
        return try result.get()
    }

    private static func put<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// FNV-1a over 8-byte words (then the tail's bytes): cheap enough for
    /// 64 MB, and any cut or changed byte shows.
    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
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

    /// Reads little-endian values from a buffer, nil past its end.
    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard offset + MemoryLayout<T>.size <= raw.count else { return nil }
            defer { offset += MemoryLayout<T>.size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer.SubSequence? {
            guard offset + count <= raw.count else { return nil }
            defer { offset += count }
            return raw[offset..<offset + count]
        }

        /// A row; the caller has checked that it is all there.
        mutating func row() -> FigureRow {
            defer { offset += FiguresFile.rowSize }
            func load<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: offset + at, as: T.self))
            }
            return FigureRow(
                day: load(0, Int32.self), name: load(4, UInt32.self), family: load(8, UInt32.self),
                flags: FigureRow.Flags(rawValue: raw[offset + 12]), rating: raw[offset + 13],
                cost: load(16, Int64.self), amount: load(24, Int64.self))
        }
    }
}
