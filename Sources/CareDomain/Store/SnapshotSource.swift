import Foundation

/// A snapshot file as read when the store opened: its bytes, where each
/// record's line is, and what was picked from each line. Immutable and
/// shared by every copy of the state; records are decoded from it on demand.
final class SnapshotSource<R: Record>: Sendable {
    let file: String
    let data: Data
    let lines: [JSONLines.Line]
    let ids: [R.ID]
    let versions: [Int]
    let summaries: [R.Summary]

    /// Scans `lines` of `data` in parallel; throws the first bad line.
    init(file: String, data: Data, lines: [JSONLines.Line]) throws(StoreError) {
        self.file = file
        self.data = data
        self.lines = lines
        // The summary's keys first, so its fields need no copy per line.
        let scanner = LineScanner(paths: R.summaryKeys + ["id", "version"])
        let parts = Parallel.chunks(lines.count, minimum: 4000) { range in
            Self.scan(lines[range], data: data, scanner: scanner, file: file)
        }
        var all = Scanned(capacity: lines.count)
        for part in parts { all.append(contentsOf: try part.get()) }
        ids = all.ids
        versions = all.versions
        summaries = all.summaries
    }

    /// What the scan keeps of each line, column by column.
    private struct Scanned: Sendable {
        var ids: [R.ID] = []
        var versions: [Int] = []
        var summaries: [R.Summary] = []

        init(capacity: Int) {
            ids.reserveCapacity(capacity)
            versions.reserveCapacity(capacity)
            summaries.reserveCapacity(capacity)
        }

        mutating func append(contentsOf other: Scanned) {
            ids += other.ids
            versions += other.versions
            summaries += other.summaries
        }
    }

    private static func scan(
        _ lines: ArraySlice<JSONLines.Line>, data: Data, scanner: LineScanner, file: String
    ) -> Result<Scanned, StoreError> {
        var part = Scanned(capacity: lines.count)
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Result<Scanned, StoreError> in
            for line in lines {
                let fields: [ScannedValue?]
                do throws(ScanError) {
                    fields = try scanner.scan(UnsafeRawBufferPointer(rebasing: buffer[line.range]))
                } catch {
                    return .failure(.corrupt(file: file, line: line.number, field: nil, reason: "not valid JSON (\(error.reason))"))
                }
                let idSlot = fields.count - 2
                guard let id = fields[idSlot]?.text else {
                    return .failure(.corrupt(file: file, line: line.number, field: "id", reason: "expected a string"))
                }
                guard let version = fields[idSlot + 1]?.integer else {
                    return .failure(.corrupt(file: file, line: line.number, field: "version", reason: "expected a whole number"))
                }
                do throws(SummaryError) {
                    part.summaries.append(try R.summary(id: R.ID(rawValue: id), fields: fields))
                } catch {
                    return .failure(.corrupt(file: file, line: line.number, field: error.field, reason: error.reason))
                }
                part.ids.append(R.ID(rawValue: id))
                part.versions.append(version)
            }
            return .success(part)
        }
    }

    /// The record on line `index`, decoded now.
    func decode(_ index: Int, decoder: JSONDecoder = CareJSON.decoder()) throws(StoreError) -> R {
        do {
            return try decoder.decode(R.self, from: recordText(index))
        } catch {
            let (field, reason) = CareJSON.explain(error)
            throw .corrupt(file: file, line: lines[index].number, field: field, reason: reason)
        }
    }

    /// The record's JSON exactly as in the file, without the separating comma.
    func recordText(_ index: Int) -> Data {
        var record = JSONLines.slice(data, lines[index].range).trimmingWhitespace
        if record.last == 0x2C { record.removeLast() }
        return record
    }
}
