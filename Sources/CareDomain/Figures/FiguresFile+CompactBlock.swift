import Foundation

/// A customer's figures as the PostgreSQL store keeps them (one `bytea` per
/// customer): the header of `figures.bin`'s block, then each row in about
/// 9 bytes instead of 32. A report reads every customer's block over the
/// socket, and the server makes, sends and the client receives 20 MB at
/// 100,000 customers where the fixed rows were 71 MB; decoding the small
/// numbers costs the client far less than moving the zeros did. The file
/// store keeps the fixed rows: a mapped file is read in place, and moving
/// its bytes costs nothing.
///
///     UInt16 id length, id, Int32 expiry day (Int32.min: none), UInt32 rows
///     per row   varint zigzag(day − the row before's day; the first row's: day)
///               varint name, varint family + 1 (0: none)
///               UInt8 flags, UInt8 rating
///               varint zigzag(cost), varint zigzag(amount)
///
/// (varint: 7 bits a byte, least significant first, the high bit set on
/// every byte but the last; zigzag: 0, −1, 1, −2, … as 0, 1, 2, 3, ….)
extension FiguresFile {
    /// The fewest bytes a row takes: one for each of its seven fields.
    static let smallestCompactRow = 7

    /// `customer`'s block, compact.
    package static func compactBlock(_ id: CustomerID, _ customer: CustomerFigures) -> [UInt8] {
        var writer = ByteWriter(capacity: 16 + id.rawValue.utf8.count + customer.rows.count * 12)
        let idBytes = id.rawValue.utf8.prefix(Int(UInt16.max))
        writer.put(UInt16(idBytes.count))
        writer.bytes.append(contentsOf: idBytes)
        writer.put(storedDay(customer.expiryDue))
        writer.put(UInt32(customer.rows.count))
        var previousDay: Int64 = 0
        for row in customer.rows {
            writer.putVarint(zigzag(Int64(row.day) - previousDay))
            previousDay = Int64(row.day)
            writer.putVarint(UInt64(row.name))
            writer.putVarint(UInt64(row.family &+ 1))
            writer.put(row.flags.rawValue)
            writer.put(row.rating)
            writer.putVarint(zigzag(row.cost))
            writer.putVarint(zigzag(row.amount))
        }
        return writer.bytes
    }

    /// Compact blocks one after another, without `rows` only each
    /// customer's expiry day, put into `customers`; false when they end in
    /// the middle of one or a number in them does not fit its field.
    package static func customers(
        inCompactBlocks raw: UnsafeRawBufferPointer, rows wanted: Bool,
        into customers: inout [CustomerID: CustomerFigures]
    ) -> Bool {
        var reader = ByteReader(raw: raw)
        while reader.offset < raw.count {
            guard let (id, customer) = reader.compactFiguresBlock(rows: wanted) else { return false }
            customers[id] = customer
        }
        return true
    }

    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))) }
}

extension ByteWriter {
    mutating func putVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}

extension ByteReader {
    /// A varint (`FiguresFile+CompactBlock`); nil past the end or past 64 bits.
    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count, shift < 64 {
            let byte = raw[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// A compact block (`FiguresFile.compactBlock`), read to its end;
    /// without `rows`, the rows are skipped.
    mutating func compactFiguresBlock(rows wanted: Bool) -> (CustomerID, CustomerFigures)? {
        guard let idLength = read(UInt16.self), let idBytes = bytes(Int(idLength)),
            let due = read(Int32.self), let count = read(UInt32.self),
            Int(count) <= (raw.count - offset) / FiguresFile.smallestCompactRow
        else { return nil }
        var customer = CustomerFigures(
            expiryDue: due == FiguresFile.noDay ? nil : Day(daysSinceEpoch: Int(due)))
        if wanted { customer.rows.reserveCapacity(Int(count)) }
        var day: Int64 = 0
        for _ in 0..<Int(count) {
            guard let dayStep = varint(), let name = varint().flatMap(UInt32.init(exactly:)),
                let family = varint(), let flags = read(UInt8.self), let rating = read(UInt8.self),
                let cost = varint(), let amount = varint()
            else { return nil }
            day &+= FiguresFile.unzigzag(dayStep)
            guard wanted else { continue }
            guard let rowDay = Int32(exactly: day), let familyPlusOne = UInt32(exactly: family) else { return nil }
            customer.rows.append(
                FigureRow(
                    day: rowDay, name: name, family: familyPlusOne &- 1, flags: FigureRow.Flags(rawValue: flags),
                    rating: rating, cost: FiguresFile.unzigzag(cost), amount: FiguresFile.unzigzag(amount)))
        }
        return (CustomerID(String(decoding: idBytes, as: UTF8.self)), customer)
    }
}
