import Foundation
import Synchronization

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

    static func encode<R: Record>(_ records: [R], cursor: JournalCursor) throws(StoreError) -> Data {
        let header = SnapshotHeader(collection: R.collection, format: format, journal: cursor)
        var data: Data
        do {
            data = try CareJSON.encoder().encode(header)
        } catch {
            throw .invalidChange("The \(R.collection.rawValue) header could not be written: \(error).")
        }
        // `{"collection":…,"journal":{…}}` → `{…,"records":[` then the lines.
        data.removeLast()
        data.append(contentsOf: Array(",\"records\":[\n".utf8))
        let chunks = try encodeLines(records)
        for (index, chunk) in chunks.enumerated() {
            data.append(chunk)
            data.append(contentsOf: Array((index == chunks.count - 1 ? "\n" : ",\n").utf8))
        }
        data.append(contentsOf: Array("]}\n".utf8))
        return data
    }

    /// Each record on its own line, `,\n` between lines within a chunk, in order.
    private static func encodeLines<R: Record>(_ records: [R]) throws(StoreError) -> [Data] {
        let chunkCount = records.count < 2000 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 2
        let chunkSize = (records.count + chunkCount - 1) / max(chunkCount, 1)
        let results = Mutex<[Int: Result<Data, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(records.count, start + chunkSize)
            guard start < end else { return }
            let encoder = CareJSON.encoder()
            let result = Result<Data, any Error> {
                var data = Data()
                for index in start..<end {
                    if index > start { data.append(contentsOf: Array(",\n".utf8)) }
                    data.append(try encoder.encode(records[index]))
                }
                return data
            }
            results.withLock { $0[chunk] = result }
        }
        let collected = results.withLock { $0 }
        var chunks: [Data] = []
        for chunk in 0..<chunkCount {
            guard let result = collected[chunk] else { continue }
            switch result {
            case .success(let data): chunks.append(data)
            case .failure(let error):
                throw .invalidChange("A \(R.collection.singular) could not be written as JSON: \(error).")
            }
        }
        return chunks
    }

    static func decode<R: Record>(_ type: R.Type, from data: Data, file: String) throws(StoreError) -> (SnapshotHeader, [R]) {
        let split = JSONLines(data)
        let lines = split.lines.filter { !JSONLines.isBlank(data, $0.range) }
        guard let first = lines.first, let last = lines.last, lines.count >= 2,
            JSONLines.slice(data, first.range).trimmingWhitespace.suffix(recordsOpening.count).elementsEqual(recordsOpening),
            JSONLines.slice(data, last.range).trimmingWhitespace == Data("]}".utf8)
        else {
            return try decodeWhole(type, from: data, file: file)
        }
        var headerData = JSONLines.slice(data, first.range)
        headerData.append(contentsOf: Array("]}".utf8))
        let header = try decodeHeader(headerData, file: file, line: first.number)
        let recordLines = Array(lines[1..<(lines.count - 1)])
        let chunkCount = recordLines.count < 2000 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 2
        let chunkSize = (recordLines.count + chunkCount - 1) / max(chunkCount, 1)
        let results = Mutex<[Int: Result<[R], StoreError>]>([:])
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(recordLines.count, start + chunkSize)
            guard start < end else { return }
            let result = decodeChunk(type, recordLines[start..<end], data: data, file: file)
            results.withLock { $0[chunk] = result }
        }
        let collected = results.withLock { $0 }
        var records: [R] = []
        records.reserveCapacity(recordLines.count)
        for chunk in 0..<chunkCount {
            guard let result = collected[chunk] else { continue }
            records.append(contentsOf: try result.get())
        }
        return (header, records)
    }

    private static func decodeChunk<R: Record>(
        _ type: R.Type, _ lines: ArraySlice<JSONLines.Line>, data: Data, file: String
    ) -> Result<[R], StoreError> {
        let decoder = CareJSON.decoder()
        var array = Data([0x5B])
        for (index, line) in lines.enumerated() {
            if index > 0 { array.append(0x2C) }
            array.append(recordText(data, line))
        }
        array.append(0x5D)
        if let records = try? decoder.decode([R].self, from: array) {
            return .success(records)
        }
        // Find the line at fault and say which field.
        for line in lines {
            do {
                _ = try decoder.decode(R.self, from: recordText(data, line))
            } catch {
                let (field, reason) = CareJSON.explain(error)
                return .failure(.corrupt(file: file, line: line.number, field: field, reason: reason))
            }
        }
        return .failure(.corrupt(file: file, line: nil, field: nil, reason: "the records are not a valid JSON list"))
    }

    /// A record line without its separating comma.
    private static func recordText(_ data: Data, _ line: JSONLines.Line) -> Data {
        var record = JSONLines.slice(data, line.range).trimmingWhitespace
        if record.last == 0x2C { record.removeLast() }
        return record
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
    private static func decodeWhole<R: Record>(_ type: R.Type, from data: Data, file: String) throws(StoreError) -> (SnapshotHeader, [R]) {
        let header = try decodeHeader(data, file: file, line: nil)
        do {
            return (header, try CareJSON.decoder().decode(SnapshotDocument<R>.self, from: data).records)
        } catch {
            let (field, reason) = CareJSON.explain(error)
            throw .corrupt(file: file, line: nil, field: field, reason: reason)
        }
    }
}

/// A snapshot read as one document, when it is not laid out a record a line.
struct SnapshotDocument<R: Record>: Decodable {
    var records: [R]
}

extension Data {
    var trimmingWhitespace: Data {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return Data()
        }
        return self[first...last]
    }
}
