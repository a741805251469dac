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
package enum FiguresFile {
    static let magic = Array("CAREFIG1".utf8)
    static let rowSize = 32
    static let noDay = Int32.min

    /// An expiry day as a block holds it: days since 1970, `noDay` for none.
    package static func storedDay(_ day: Day?) -> Int32 { day.map { Int32(clamping: $0.daysSinceEpoch) } ?? noDay }

    private struct Header: Codable {
        var journal: JournalCursor
        var programVersion: Int?
        var expiryFrom: Day
        var names: [String]
    }

    /// Bytes, not `Data`: turning 70 MB into `Data` was a copy of its own.
    static func encode(_ figures: StoreFigures) throws(StoreError) -> [UInt8] {
        let rowCount = figures.customers.values.reduce(0) { $0 + $1.rows.count }
        var bytes = try start(figures, capacity: figures.customers.count * 32 + rowCount * rowSize)
        put(UInt64(figures.customers.count), &bytes)
        for id in figures.customers.keys.sorted() {
            guard let customer = figures.customers[id] else { continue }
            block(id, customer, &bytes)
        }
        return finish(&bytes)
    }

    /// The file `data` was, with `changed`'s customers put in (replaced or
    /// added) and every other customer's block copied byte for byte: what
    /// a compaction writes, without decoding 2,000,000 rows it does not
    /// change. `changed`'s rows are named in its own table, which must begin
    /// with the file's (`header(of:)`); its header goes in the file.
    static func rewrite(_ data: Data, path: String, with changed: StoreFigures) throws(StoreError) -> [UInt8] {
        let layout = try blocks(of: data, path: path)
        let ids = changed.customers.keys.sorted()
        let result: [UInt8] = data.withUnsafeBytes { raw in
            var bytes: [UInt8] = []
            do {
                bytes = try start(changed, capacity: raw.count + ids.count * 256)
            } catch {
                return []
            }
            var count = 0
            var next = 0
            func putChanged(_ id: CustomerID) {
                guard let customer = changed.customers[id] else { return }
                block(id, customer, &bytes)
                count += 1
            }
            let countAt = bytes.count
            put(UInt64(0), &bytes)
            for (id, range) in layout {
                while next < ids.count, ids[next] < id {
                    putChanged(ids[next])
                    next += 1
                }
                if next < ids.count, ids[next] == id {
                    putChanged(id)
                    next += 1
                } else {
                    bytes.append(contentsOf: raw[range])
                    count += 1
                }
            }
            while next < ids.count {
                putChanged(ids[next])
                next += 1
            }
            withUnsafeBytes(of: UInt64(count).littleEndian) { counted in
                for index in 0..<8 { bytes[countAt + index] = counted[index] }
            }
            return finish(&bytes)
        }
        guard !result.isEmpty else { throw .invalidChange(tr("The figures could not be written: %@.", path)) }
        return result
    }

    /// The header and customer count, then each customer's block.
    private static func start(_ figures: StoreFigures, capacity: Int) throws(StoreError) -> [UInt8] {
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
        bytes.reserveCapacity(json.count + 32 + capacity)
        put(UInt32(json.count), &bytes)
        bytes.append(contentsOf: json)
        return bytes
    }

    private static func block(_ id: CustomerID, _ customer: CustomerFigures, _ bytes: inout [UInt8]) {
        let idBytes = Array(id.rawValue.utf8.prefix(Int(UInt16.max)))
        put(UInt16(idBytes.count), &bytes)
        bytes.append(contentsOf: idBytes)
        put(storedDay(customer.expiryDue), &bytes)
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

    private static func finish(_ bytes: inout [UInt8]) -> [UInt8] {
        put(bytes.withUnsafeBytes { BinaryChecksum.of($0) }, &bytes)
        return bytes
    }

    /// The figures' header only (no customer), checked whole first.
    static func header(of data: Data, path: String) throws(StoreError) -> StoreFigures {
        var figures = try decode(data, path: path, rows: false)
        figures.customers = [:]
        return figures
    }

    /// Each customer's id and the byte range of their block, in file order.
    private static func blocks(of data: Data, path: String) throws(StoreError) -> [(CustomerID, Range<Int>)] {
        _ = try decode(data, path: path, rows: false)
        return data.withUnsafeBytes { raw in
            var reader = ByteReader(raw: raw)
            reader.offset = magic.count
            let headerLength = Int(reader.read(UInt32.self) ?? 0)
            reader.offset += headerLength
            let count = Int(reader.read(UInt64.self) ?? 0)
            var found: [(CustomerID, Range<Int>)] = []
            found.reserveCapacity(count)
            for _ in 0..<count {
                let start = reader.offset
                guard let idLength = reader.read(UInt16.self), let idBytes = reader.bytes(Int(idLength)),
                    reader.read(Int32.self) != nil, let rows = reader.read(UInt32.self)
                else { break }
                reader.offset += Int(rows) * rowSize
                found.append((CustomerID(String(decoding: idBytes, as: UTF8.self)), start..<reader.offset))
            }
            return found
        }
    }

    /// The rows of `ids` as the file holds them (named in its table), from
    /// bytes whose header was read (`header(of:)`, which checked them whole).
    static func rows(of ids: Set<CustomerID>, in data: Data, path: String) throws(StoreError) -> [CustomerID:
        [FigureRow]]
    {
        guard !ids.isEmpty else { return [:] }
        var found: [CustomerID: [FigureRow]] = [:]
        for (id, figures) in try decode(data, path: path, rowsOf: ids, checked: true).customers where ids.contains(id) {
            found[id] = figures.rows
        }
        return found
    }

    /// The figures in `data`, or why they cannot be read (`path` names the
    /// file); without `rows`, only each customer's expiry day; with
    /// `rowsOf`, the rows of those customers only. `checked`: the caller
    /// summed these same bytes already.
    static func decode(
        _ data: Data, path: String, rows wanted: Bool = true, rowsOf only: Set<CustomerID>? = nil,
        checked: Bool = false
    ) throws(StoreError) -> StoreFigures {
        func damaged(_ reason: String) -> StoreError {
            .corrupt(
                file: path, line: nil, field: nil,
                reason: reason + tr("; it is derived, so `care reindex` makes it again from the histories"))
        }
        let result: Result<StoreFigures, StoreError> = data.withUnsafeBytes { raw in
            var reader = ByteReader(raw: raw)
            guard raw.count >= magic.count + 12, Array(raw.prefix(magic.count)) == magic else {
                return .failure(damaged(tr("it is not a figures file of this care")))
            }
            let body = raw.count - 8
            guard
                checked
                    || raw.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian
                        == BinaryChecksum.of(UnsafeRawBufferPointer(rebasing: raw[..<body]))
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
                guard let (id, customer) = reader.figuresBlock(rows: wanted, of: only, end: body) else {
                    return .failure(damaged(tr("it ends in the middle of a customer")))
                }
                figures.customers[id] = customer
            }
            guard reader.offset == body else { return .failure(damaged(tr("it holds bytes after its last customer"))) }
            return .success(figures)
        }
        return try result.get()
    }

    private static func put<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

extension ByteReader {
    /// A customer's block of `figures.bin`, read to its end, which is at or
    /// before `end`; without `rows` (or outside `only`), its rows skipped.
    mutating func figuresBlock(rows wanted: Bool, of only: Set<CustomerID>?, end: Int) -> (
        CustomerID, CustomerFigures
    )? {
        guard let idLength = read(UInt16.self), let idBytes = bytes(Int(idLength)),
            let due = read(Int32.self), let rows = read(UInt32.self),
            offset + Int(rows) * FiguresFile.rowSize <= end
        else { return nil }
        var customer = CustomerFigures(
            expiryDue: due == FiguresFile.noDay ? nil : Day(daysSinceEpoch: Int(due)))
        let id = CustomerID(String(decoding: idBytes, as: UTF8.self))
        if wanted, only?.contains(id) ?? true {
            customer.rows.reserveCapacity(Int(rows))
            for _ in 0..<Int(rows) {
                customer.rows.append(row())
            }
        } else {
            offset += Int(rows) * FiguresFile.rowSize
        }
        return (id, customer)
    }

    /// A row of `figures.bin`; the caller has checked that it is all there.
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
