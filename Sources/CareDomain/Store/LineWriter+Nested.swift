/// Objects and lists inside a line, as `CareJSON.encoder()` writes them:
/// a record's nested values (a customer's loyalty standing, consents).
extension LineWriter {
    /// One object appended to `bytes`, `body` writing its members in key
    /// order: a record's or a history entry's line.
    static func object(appendingTo bytes: inout [UInt8], _ body: (inout LineWriter) -> Void) {
        var writer = LineWriter(into: bytes)
        bytes = []
        writer.open()
        body(&writer)
        writer.close()
        bytes = writer.bytes
    }

    /// `"key":{…}`, `body` writing the members in key order.
    mutating func object(_ key: StaticString, _ body: (inout LineWriter) -> Void) {
        self.key(key)
        open()
        body(&self)
        close()
    }

    /// `"key":["…",…]`; nothing when `values` is nil (an empty list is `[]`).
    mutating func strings(_ key: StaticString, _ values: [String]?) {
        guard let values else { return }
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            quoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `"key":[{…},…]`, `body` writing each object's members in key order.
    mutating func objects<T>(_ key: StaticString, _ values: [T]?, _ body: (inout LineWriter, T) -> Void) {
        guard let values else { return }
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            open()
            body(&self, value)
            close()
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// A record written to its line by hand (see `HistoryLine`): the bytes
/// `CareJSON.encoder()` gives, which a test holds for random records.
protocol LineWritable {
    /// The record's line, without a newline.
    func appendLine(to bytes: inout [UInt8])
}
