import Foundation

/// The header of a snapshot: which collection, in which format, and the
/// journal position it folds in (every transaction up to `journal.seq`).
struct SnapshotHeader: Codable, Sendable, Equatable {
    var collection: Collection
    var format: Int
    var journal: JournalCursor
}

/// A collection's snapshot file. One record per line:
///
///     {"collection":"customers","format":1,"journal":{…},"records":[
///     {"customerSince":"2019-03-02","id":"C000001",…},
///     {"customerSince":"2021-07-15","id":"C000002",…}
///     ]}
///
/// It is one JSON document (jq reads it), each record is one line (grep and
/// diff show whole records, and an error's line number names the record), and
/// the lines can be decoded in parallel on several cores.
enum SnapshotFile {
    static let format = 1
    private static let recordsOpening = Data("\"records\":[".utf8)

    static func encode<R: Record>(_ table: Table<R>, cursor: JournalCursor) throws(StoreError) -> Data {
        try encodeIndexed(table, cursor: cursor).data
    }

    /// The snapshot, and what its index says of it (where each line went).
    static func encodeIndexed<R: Record>(_ table: Table<R>, cursor: JournalCursor) throws(StoreError) -> (
        data: Data, contents: SnapshotIndex.Contents<R>?
    ) {
        let header = SnapshotHeader(collection: R.collection, format: format, journal: cursor)
        var data: Data
        do {
            data = try CareJSON.encoder().encode(header)
        } catch {
            throw .invalidChange(tr("The %@ header could not be written: %@.", R.collection.rawValue, error))
        }
        // `{"collection":…,"journal":{…}}` → `{…,"records":[` then the lines.
        data.removeLast()
        data.append(contentsOf: Array(",\"records\":[".utf8))
        let headerLength = data.count
        data.append(0x0A)
        var written = Table<R>.Written()
        try table.appendLines(to: &data, separator: Data(",\n".utf8), written: &written)
        data.append(contentsOf: Array((table.isEmpty ? "]}\n" : "\n]}\n").utf8))
        // Record k is on line k + 2, after the header; its line runs to the comma.
        let lines = written.ranges.enumerated().map { index, range in
            JSONLines.Line(
                number: index + 2,
                range: range.lowerBound..<range.upperBound + (index + 1 < written.ranges.count ? 1 : 0))
        }
        guard written.complete else { return (data, nil) }
        return (
            data,
            SnapshotIndex.Contents(
                headerLength: headerLength, lines: lines, ids: written.ids, versions: written.versions,
                summaries: written.summaries)
        )
    }

    /// Reads the header and scans every record line (see `SnapshotSource`);
    /// with the snapshot's `index`, only the header is read.
    static func decode<R: Record>(
        _ type: R.Type, from data: Data, file: String, index: SnapshotIndex.Contents<R>? = nil,
        pages: MappedPages? = nil
    ) throws(StoreError) -> (SnapshotHeader, Table<R>) {
        if let index, index.headerLength <= data.count {
            var headerData = data.prefix(index.headerLength)
            if headerData.suffix(recordsOpening.count).elementsEqual(recordsOpening) {
                headerData.append(contentsOf: Array("]}".utf8))
                let header = try decodeHeader(headerData, file: file, line: 1)
                return (header, Table(source: SnapshotSource<R>(file: file, data: data, indexed: index, pages: pages)))
            }
        }
        let (header, table, _) = try scan(type, from: data, file: file, pages: pages)
        return (header, table)
    }

    /// Reads the header and scans every record line; also what the
    /// snapshot's index would say (nil for a file not laid out a record a line).
    static func scan<R: Record>(_ type: R.Type, from data: Data, file: String, pages: MappedPages? = nil)
        throws(StoreError) -> (
            SnapshotHeader, Table<R>, SnapshotIndex.Contents<R>?
        )
    {
        let split = JSONLines(data)
        let lines = split.lines.filter { !JSONLines.isBlank(data, $0.range) }
        guard let first = lines.first, let last = lines.last, lines.count >= 2,
            JSONLines.slice(data, first.range).trimmingWhitespace.suffix(recordsOpening.count).elementsEqual(
                recordsOpening),
            JSONLines.slice(data, last.range).trimmingWhitespace == Data("]}".utf8)
        else {
            let (header, table) = try decodeWhole(type, from: data, file: file)
            return (header, table, nil)
        }
        var headerData = JSONLines.slice(data, first.range)
        headerData.append(contentsOf: Array("]}".utf8))
        let header = try decodeHeader(headerData, file: file, line: first.number)
        let source = SnapshotSource<R>(
            file: file, data: data, lines: Array(lines[1..<(lines.count - 1)]), pages: pages)
        // Only a file read whole, its header on line 1, is indexed.
        let indexable = first.number == 1 && first.range.lowerBound == 0 && source.damage.isEmpty
        return (header, Table(source: source), indexable ? source.indexContents(headerLength: first.range.count) : nil)
    }

    private static func decodeHeader(_ data: Data, file: String, line: Int?) throws(StoreError) -> SnapshotHeader {
        // The format comes first: a newer store may not decode at all.
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let found = object["format"] as? Int, found > format
        {
            throw .newerFormat(file: file, found: found, supported: format)
        }
        do {
            return try CareJSON.decoder().decode(SnapshotHeader.self, from: data)
        } catch {
            let (field, reason) = CareJSON.explain(error)
            throw .corrupt(file: file, line: line, field: field, reason: reason)
        }
    }

    /// A file that a person reformatted (say with `jq .`): still read, as one
    /// document; errors then name the record by its index.
    private static func decodeWhole<R: Record>(_ type: R.Type, from data: Data, file: String) throws(StoreError) -> (
        SnapshotHeader, Table<R>
    ) {
        // The decoder says only "not valid JSON": the scanner finds where.
        if let (line, reason) = syntaxProblem(in: data) {
            throw .corrupt(file: file, line: line, field: nil, reason: "not valid JSON (\(reason))")
        }
        let header = try decodeHeader(data, file: file, line: nil)
        do {
            return (header, Table(try CareJSON.decoder().decode(SnapshotDocument<R>.self, from: data).records))
        } catch {
            let (field, reason) = CareJSON.explain(error)
            throw .corrupt(file: file, line: nil, field: field, reason: reason)
        }
    }
}

extension SnapshotFile {
    /// The line where `data` stops being one JSON object, and why; nil when it is one.
    static func syntaxProblem(in data: Data) -> (line: Int, reason: String)? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> (line: Int, reason: String)? in
            do throws(ScanError) {
                _ = try LineScanner(paths: []).scan(buffer)
                return nil
            } catch {
                let line = buffer.prefix(error.offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                return (line, error.reason)
            }
        }
    }
}

/// A snapshot read as one document, when it is not laid out a record a line.
struct SnapshotDocument<R: Record>: Decodable {
    var records: [R]
}

extension Data {
    var trimmingWhitespace: Data {
        guard let first = firstIndex(where: { !JSONLines.isWhitespace($0) }),
            let last = lastIndex(where: { !JSONLines.isWhitespace($0) })
        else {
            return Data()
        }
        return self[first...last]
    }
}
