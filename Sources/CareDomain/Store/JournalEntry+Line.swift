import Foundation

/// A journal line written by hand when every change in it can be (a
/// customer, a moment, a ledger entry, an incident's step: what the counter
/// and the batch jobs write): the bytes `CareJSON.encoder()` gives, which
/// a test holds. Any other change leaves the whole line to the encoder.
extension JournalEntry {
    /// The entry as one line of JSON, without its newline: by hand when
    /// it can be, by `encoder` otherwise. The journal file's line, and the
    /// journal row's entry on PostgreSQL.
    package func line(encoder: JSONEncoder) throws(StoreError) -> Data {
        if let bytes = handLine() { return Data(bytes) }
        do {
            return try encoder.encode(self)
        } catch {
            throw .invalidChange(tr("The change could not be written as JSON: %@.", error))
        }
    }

    func handLine() -> [UInt8]? {
        var writer = LineWriter(into: [])
        writer.bytes.reserveCapacity(512 + changes.count * 400)
        writer.open()
        writer.string("actingAs", actingAs?.rawValue)
        writer.date("at", at)
        writer.string("by", by)
        writer.key("changes")
        writer.bytes.append(UInt8(ascii: "["))
        for (index, change) in changes.enumerated() {
            if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            let (key, value): (StaticString, any LineWritable)
            switch change {
            case .customer(let customer): (key, value) = ("customer", customer)
            case .moment(let moment): (key, value) = ("moment", moment)
            case .ledger(let entry): (key, value) = ("ledger", entry)
            case .incidentEvent(let event): (key, value) = ("incidentEvent", event)
            case .agent, .touchpoint, .incident, .playbook, .reward, .coupon, .program, .campaign:
                return nil
            }
            writer.open()
            writer.key(key)
            value.appendLine(to: &writer.bytes)
            writer.close()
        }
        writer.bytes.append(UInt8(ascii: "]"))
        writer.strings("fields", fields)
        writer.integer("seq", seq)
        writer.string("summary", summary)
        writer.close()
        return writer.bytes
    }
}
