import Foundation

/// `index/audit.bin`: for every customer, where each transaction that
/// concerns them is in the journal, so that one customer's audit trail (`h`
/// in the console) reads their lines, not a year of journal. Derived: it
/// holds every transaction up to its cursor, and names each journal file it
/// covers by device and inode (a journal file is only appended to; an
/// erasure replaces it, a new inode, and the index is then passed over).
/// Compaction extends it with the transactions since its cursor (and makes
/// it whole when it is missing or stale), `care reindex` makes it again,
/// `care check` compares it with a reading of the whole journal.
///
///     "CAREAUD1"
///     UInt32 length, JSON header    the journal files covered, the cursor
///     UInt64 customers
///     per customer, 16 bytes        UInt64 where its id is, UInt32 first row, UInt32 rows
///     UInt64 rows
///     per row, 24 bytes             UInt32 file, UInt32 length, UInt64 offset, UInt64 seq
///     ids                           UInt32 length, UTF-8; customers in byte order of their ids
///     UInt64 checksum               of everything before it
///
/// A lookup does not sum the checksum (at a million transactions that alone
/// would take most of the time asked for): it checks every bound, and every
/// line it reads must be the transaction its row says and concern the
/// customer, or the whole journal is read instead. `care check` sums it.
enum AuditIndex {
    static let magic = Array("CAREAUD1".utf8)
    private static let customerSize = 16
    private static let rowSize = 24

    struct CoveredFile: Codable, Equatable, Sendable {
        var name: String
        var device: UInt64
        var inode: UInt64
    }

    struct Header: Codable, Equatable, Sendable {
        /// Row `file` numbers index this list.
        var files: [CoveredFile]
        /// Every transaction up to this place is in the index.
        var cursor: JournalCursor
    }

    struct Row: Equatable, Sendable {
        var file: UInt32
        var length: UInt32
        var offset: UInt64
        var seq: UInt64
    }

    /// What an index holds, by customer (to extend it, or compare it).
    struct Contents: Equatable, Sendable {
        var files: [String] = []
        var rows: [CustomerID: [Row]] = [:]
        var cursor = JournalCursor.start

        /// Adds the transactions `read` found, each to every customer it concerns.
        mutating func add(_ read: JournalRead) {
            for (entry, place) in zip(read.entries, read.places) {
                add(seq: entry.seq, at: place, for: Set(entry.changes.compactMap(\.customer)))
            }
            cursor = read.cursor
        }

        /// Adds what a process applied (`JournalTouches`), up to `end`.
        mutating func add(_ touches: ArraySlice<JournalTouches.Touch>, through end: JournalCursor) {
            for touch in touches { add(seq: touch.seq, at: touch.place, for: touch.customers) }
            cursor = end
        }

        private mutating func add<C: Sequence<CustomerID>>(seq: Int, at place: JournalPlace, for customers: C) {
            let file: Int
            if let known = files.lastIndex(of: place.file) {
                file = known
            } else {
                files.append(place.file)
                file = files.count - 1
            }
            let row = Row(
                file: UInt32(file), length: UInt32(clamping: place.length), offset: UInt64(place.offset),
                seq: UInt64(seq))
            for customer in customers { rows[customer, default: []].append(row) }
        }
    }

    // MARK: Writing

    /// The index of `contents`, naming the journal files as they are now;
    /// nil when one of them is gone (an erasure under way replaced it).
    static func encode(_ contents: Contents, _ layout: StoreLayout) throws(StoreError) -> Data? {
        var covered: [CoveredFile] = []
        for name in contents.files {
            guard let info = try layout.files.status(layout.journalFile(name)) else { return nil }
            let identity = FileIdentity(info)
            covered.append(CoveredFile(name: name, device: identity.device, inode: identity.inode))
        }
        let json: Data
        do {
            json = try CareJSON.encoder().encode(Header(files: covered, cursor: contents.cursor))
        } catch {
            throw .invalidChange(tr("The index of %@ could not be written: %@.", "journal", error))
        }
        let customers = contents.rows.keys.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        let rowCount = contents.rows.values.reduce(0) { $0 + $1.count }
        var out = ByteWriter(capacity: 64 + json.count + customers.count * (customerSize + 12) + rowCount * rowSize)
        out.bytes.append(contentsOf: magic)
        out.put(UInt32(json.count))
        out.bytes.append(contentsOf: json)
        out.put(UInt64(customers.count))
        let table = out.bytes.count
        out.bytes.append(contentsOf: repeatElement(0, count: customers.count * customerSize))
        out.put(UInt64(rowCount))
        var first = 0
        var entries: [(row: Int, count: Int)] = []
        entries.reserveCapacity(customers.count)
        for customer in customers {
            let rows = contents.rows[customer] ?? []
            for row in rows {
                out.put(row.file)
                out.put(row.length)
                out.put(row.offset)
                out.put(row.seq)
            }
            entries.append((first, rows.count))
            first += rows.count
        }
        var entry = ByteWriter(capacity: customerSize)
        for (index, customer) in customers.enumerated() {
            entry.bytes.removeAll(keepingCapacity: true)
            entry.put(UInt64(out.bytes.count))
            entry.put(UInt32(clamping: entries[index].row))
            entry.put(UInt32(clamping: entries[index].count))
            let at = table + index * customerSize
            out.bytes.replaceSubrange(at..<at + customerSize, with: entry.bytes)
            out.put(customer.rawValue)
        }
        return out.sealed()
    }

    static func write(_ contents: Contents, _ layout: StoreLayout) throws(StoreError) {
        guard let data = try encode(contents, layout) else { return }
        try layout.files.makeDirectory(layout.indexDirectory)
        try layout.files.replace(layout.auditIndex, with: data)
    }

    // MARK: Reading

    /// The index on disk when it still describes the journal (every file
    /// it covers is the same file), with its header; nil otherwise.
    static func current(_ layout: StoreLayout) throws(StoreError) -> (data: Data, header: Header)? {
        guard let data = try layout.files.map(layout.auditIndex), let header = header(of: data) else { return nil }
        for file in header.files {
            guard let info = try layout.files.status(layout.journalFile(file.name)) else { return nil }
            let identity = FileIdentity(info)
            guard identity.device == file.device, identity.inode == file.inode else { return nil }
        }
        if let name = header.cursor.file {
            guard let size = try layout.files.size(layout.journalFile(name)), size >= header.cursor.offset else {
                return nil
            }
        }
        return (data, header)
    }

    private static func header(of data: Data) -> Header? {
        data.withUnsafeBytes { raw in
            guard raw.count >= magic.count + 28, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
            var reader = ByteReader(raw: raw, offset: magic.count)
            guard let length = reader.read(UInt32.self), let json = reader.bytes(Int(length)) else { return nil }
            return try? CareJSON.decoder().decode(Header.self, from: Data(json))
        }
    }

    /// Where the transactions concerning `customer` are, oldest first, with
    /// each one's number; nil when the index cannot say (cut, or not an index).
    static func places(of customer: CustomerID, in data: Data, header: Header) -> [(place: JournalPlace, seq: Int)]? {
        let wanted = Array(customer.rawValue.utf8)
        return data.withUnsafeBytes { raw -> [(place: JournalPlace, seq: Int)]? in
            guard let (table, count, firstRow, rowCount) = Self.tables(in: raw) else { return nil }
            // Binary search of the customers, by their ids' bytes.
            var low = 0
            var high = Int(count)
            while low < high {
                let middle = (low + high) / 2
                var entry = ByteReader(raw: raw, offset: table + middle * customerSize)
                guard let idAt = entry.read(UInt64.self), idAt < UInt64(raw.count) else { return nil }
                var idReader = ByteReader(raw: raw, offset: Int(idAt))
                guard let idLength = idReader.read(UInt32.self), let id = idReader.bytes(Int(idLength)) else {
                    return nil
                }
                if id.elementsEqual(wanted) {
                    guard let start = entry.read(UInt32.self), let rows = entry.read(UInt32.self),
                        UInt64(start) + UInt64(rows) <= rowCount
                    else { return nil }
                    var places: [(place: JournalPlace, seq: Int)] = []
                    var row = ByteReader(raw: raw, offset: firstRow + Int(start) * rowSize)
                    for _ in 0..<rows {
                        guard let file = row.read(UInt32.self), Int(file) < header.files.count,
                            let length = row.read(UInt32.self), let offset = row.read(UInt64.self),
                            offset < UInt64(Int.max), let seq = row.read(UInt64.self), seq < UInt64(Int.max)
                        else { return nil }
                        let place = JournalPlace(
                            file: header.files[Int(file)].name, offset: Int(offset), length: Int(length))
                        places.append((place, Int(seq)))
                    }
                    return places
                }
                if id.lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
            }
            return []
        }
    }

    /// Where the customers' table and the rows begin, and how many of each
    /// there are; nil when the counts do not fit in `raw`.
    private static func tables(in raw: UnsafeRawBufferPointer) -> (
        customers: Int, count: UInt64, rows: Int, rowCount: UInt64
    )? {
        var reader = ByteReader(raw: raw, offset: magic.count)
        guard let length = reader.read(UInt32.self), reader.bytes(Int(length)) != nil,
            let count = reader.read(UInt64.self), count <= UInt64(raw.count / customerSize)
        else { return nil }
        let table = reader.offset
        var rowReader = ByteReader(raw: raw, offset: table + Int(count) * customerSize)
        guard let rowCount = rowReader.read(UInt64.self), rowCount <= UInt64(raw.count / rowSize) else { return nil }
        return (table, count, rowReader.offset, rowCount)
    }

    /// The whole index as `Contents`, when its checksum holds.
    static func contents(of data: Data, header: Header) -> Contents? {
        data.withUnsafeBytes { raw -> Contents? in
            guard BinaryChecksum.holds(raw) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
            guard let (table, count, firstRow, rowCount) = Self.tables(in: body) else { return nil }
            var contents = Contents(files: header.files.map(\.name), rows: [:], cursor: header.cursor)
            var entry = ByteReader(raw: body, offset: table)
            for _ in 0..<count {
                guard let idAt = entry.read(UInt64.self), let start = entry.read(UInt32.self),
                    let rows = entry.read(UInt32.self), UInt64(start) + UInt64(rows) <= rowCount
                else { return nil }
                var idReader = ByteReader(raw: body, offset: Int(clamping: idAt))
                guard let id = idReader.requiredText() else { return nil }
                var row = ByteReader(raw: body, offset: firstRow + Int(start) * rowSize)
                var found: [Row] = []
                for _ in 0..<rows {
                    guard let file = row.read(UInt32.self), let length = row.read(UInt32.self),
                        let offset = row.read(UInt64.self), let seq = row.read(UInt64.self)
                    else { return nil }
                    found.append(Row(file: file, length: length, offset: offset, seq: seq))
                }
                contents.rows[CustomerID(id)] = found
            }
            return contents
        }
    }
}
