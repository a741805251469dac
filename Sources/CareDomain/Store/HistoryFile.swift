import Foundation

/// A customer's history file: JSON Lines, one moment (or ledger entry) a
/// line, oldest first. Small, so read whole; an unfinished last line (a write
/// in progress, or cut by a crash) is passed over.
enum HistoryFile {
    static func read<T: Decodable>(_ path: String, as type: T.Type, layout: StoreLayout, decoder: JSONDecoder) throws(StoreError) -> [T] {
        try readWithTail(path, as: type, layout: layout, decoder: decoder).items
    }

    /// The entries and, when the last line is unfinished, the length of the
    /// complete part (what a fold truncates to before appending).
    static func readWithTail<T: Decodable>(
        _ path: String, as type: T.Type, layout: StoreLayout, decoder: JSONDecoder
    ) throws(StoreError) -> (items: [T], completeLength: Int?) {
        guard let data = try DurableFile.read(path) else { return ([], nil) }
        let split = JSONLines(data)
        var items: [T] = []
        items.reserveCapacity(split.lines.count)
        for line in split.lines where !JSONLines.isBlank(data, line.range) {
            do {
                items.append(try decoder.decode(T.self, from: JSONLines.slice(data, line.range)))
            } catch {
                let (field, reason) = CareJSON.explain(error)
                throw .corrupt(file: layout.relative(path), line: line.number, field: field, reason: reason)
            }
        }
        return (items, split.completeLength < data.count ? split.completeLength : nil)
    }

    static func lines<T: Encodable>(_ items: [T], encoder: JSONEncoder) throws(StoreError) -> Data {
        var data = Data()
        for item in items {
            do {
                data.append(try encoder.encode(item))
            } catch {
                throw .invalidChange("A history entry could not be written as JSON: \(error).")
            }
            data.append(0x0A)
        }
        return data
    }

    static func makeBucket(for path: String, layout: StoreLayout) throws(StoreError) {
        let bucket = (path as NSString).deletingLastPathComponent
        let shared = DurableFile.isGroupShared(layout.directory)
        try DurableFile.makeDirectory((bucket as NSString).deletingLastPathComponent, groupShared: shared)
        try DurableFile.makeDirectory(bucket, groupShared: shared)
    }
}
