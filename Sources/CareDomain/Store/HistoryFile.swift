import Foundation

/// A customer's history file: JSON Lines, one moment (or ledger entry) a
/// line, oldest first. Small, so read whole; an unfinished last line (a write
/// in progress, or cut by a crash) is passed over.
package enum HistoryFile {
    static func read<T: Decodable & Sendable>(
        _ path: String, as type: T.Type, layout: StoreLayout, decoder: JSONDecoder
    )
        throws(StoreError) -> [T]
    {
        try readWithTail(path, as: type, layout: layout, decoder: decoder).items
    }

    /// The entries and, when the last line is unfinished, the length of the
    /// complete part (what a fold truncates to before appending).
    /// With a `memo` (the writer's), a file it holds under the same
    /// identity is not read, and one read is remembered.
    static func readWithTail<T: Decodable & Sendable>(
        _ path: String, as type: T.Type, layout: StoreLayout, decoder: @autoclosure () -> JSONDecoder,
        memo: HistoryMemo? = nil
    ) throws(StoreError) -> (items: [T], completeLength: Int?) {
        guard let memo else {
            guard let data = try layout.files.read(path) else { return ([], nil) }
            return try parse(data, path: path, as: type, layout: layout, decoder: decoder())
        }
        let known = memo.recall(path)
        switch try layout.files.read(path, unless: known?.identity) {
        case nil:
            memo.forget(path)
            return ([], nil)
        case .same?:
            if let known, let items = known.items as? [T] { return (items, known.completeLength) }
            memo.forget(path)
            return try readWithTail(path, as: type, layout: layout, decoder: decoder(), memo: nil)
        case .read(let data, let identity)?:
            let read = try parse(data, path: path, as: type, layout: layout, decoder: decoder())
            memo.remember(
                path,
                .init(
                    identity: identity, items: read.items, count: read.items.count, completeLength: read.completeLength)
            )
            return read
        }
    }

    /// Entries written a line each, as a history file holds them (a
    /// PostgreSQL store's history rows joined with newlines), read by the
    /// fast path where the type has one; `source` names them in an error.
    package static func decodeLines<T: Decodable & Sendable>(_ data: Data, as type: T.Type, source: String)
        throws(StoreError) -> [T]
    {
        try parse(data, file: source, as: type, decoder: CareJSON.decoder()).items
    }

    private static func parse<T: Decodable>(
        _ data: Data, path: String, as type: T.Type, layout: StoreLayout, decoder: @autoclosure () -> JSONDecoder
    ) throws(StoreError) -> (items: [T], completeLength: Int?) {
        try parse(data, file: layout.relative(path), as: type, decoder: decoder())
    }

    /// `file` is only built for an error.
    private static func parse<T: Decodable>(
        _ data: Data, file: @autoclosure () -> String, as type: T.Type, decoder: @autoclosure () -> JSONDecoder
    ) throws(StoreError) -> (items: [T], completeLength: Int?) {
        let split = JSONLines(data)
        let lines = split.lines.filter { !JSONLines.isBlank(data, $0.range) }
        let tail = split.completeLength < data.count ? split.completeLength : nil
        if let type = T.self as? any HistoryLine.Type, let items = fast(type, data, lines) as? [T] {
            return (items, tail)
        }
        // One decode of the whole file as a list is several times faster
        // than one per line; the lines are looked at one by one only to say
        // which is wrong.
        var list = Data([0x5B])
        list.reserveCapacity(split.completeLength + 2)
        for (index, line) in lines.enumerated() {
            if index > 0 { list.append(0x2C) }
            list.append(JSONLines.slice(data, line.range))
        }
        list.append(0x5D)
        var items: [T]
        let decoder = decoder()
        if let decoded = try? decoder.decode([T].self, from: list) {
            items = decoded
        } else {
            items = []
            for line in lines {
                do {
                    items.append(try decoder.decode(T.self, from: JSONLines.slice(data, line.range)))
                } catch {
                    let (field, reason) = CareJSON.explain(error)
                    throw .corrupt(file: file(), line: line.number, field: field, reason: reason)
                }
            }
        }
        return (items, tail)
    }

    /// Every line read by the fast path, or nil as soon as one is not.
    private static func fast<L: HistoryLine>(_ type: L.Type, _ data: Data, _ lines: [JSONLines.Line]) -> [L]? {
        data.withUnsafeBytes { raw -> [L]? in
            var items: [L] = []
            items.reserveCapacity(lines.count)
            for line in lines {
                guard let item = L.fromLine(UnsafeRawBufferPointer(rebasing: raw[line.range])) else { return nil }
                items.append(item)
            }
            return items
        }
    }

    /// A ledger starts from nothing (a balance is the sum of its entries):
    /// one whose first entry starts from a balance lost its beginning (the
    /// file deleted or cut), and must not be written on as if it were whole.
    static func requireWholeLedger(_ entries: [LedgerEntry], path: String) throws(StoreError) {
        guard let first = entries.first, first.balanceAfter - first.points != 0 else { return }
        throw .corrupt(
            file: path, line: 1, field: nil,
            reason:
                "the ledger starts from a balance of \(first.balanceAfter - first.points) points, so its first entries are missing (the file was deleted or cut); restore it from a backup"
        )
    }

    static func lines<T: Encodable>(_ items: [T], encoder: JSONEncoder) throws(StoreError) -> Data {
        if let lines = items as? [any HistoryLine] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(items.count * 256)
            for item in lines {
                item.appendLine(to: &bytes)
                bytes.append(0x0A)
            }
            return Data(bytes)
        }
        var data = Data()
        for item in items {
            do {
                data.append(try encoder.encode(item))
            } catch {
                throw .invalidChange(tr("A history entry could not be written as JSON: %@.", error))
            }
            data.append(0x0A)
        }
        return data
    }

    static func makeBucket(for path: String, layout: StoreLayout) throws(StoreError) {
        try layout.files.makeDirectory((path as NSString).deletingLastPathComponent)
    }
}
