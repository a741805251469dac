import Foundation

/// An incident's step read and written by hand, as moments and ledger
/// entries are (`HistoryLine`): `care check` and every customer load read
/// them, and `JSONDecoder` was most of that.
extension IncidentEvent: HistoryLine {
    private static let scanner = LineScanner(paths: [
        "incident", "number", "customer", "at", "by", "kind", "text",
    ])

    static func fromLine(_ line: UnsafeRawBufferPointer) -> IncidentEvent? {
        guard var values = ScannedLine(scanner, line) else { return nil }
        guard let incident = values.text(0), let number = values.integer(1), let customer = values.text(2),
            let at = values.date(3), let by = values.text(4), let kind = values.raw(5, as: Incident.EventKind.self)
        else { return nil }
        let event = IncidentEvent(
            incident: IncidentID(incident), number: number, customer: CustomerID(customer),
            event: Incident.Event(at: at, by: AgentID(by), kind: kind, text: values.text(6)))
        return values.wrong ? nil : event
    }

    func appendLine(to bytes: inout [UInt8]) {
        LineWriter.object(appendingTo: &bytes) { writer in
            writer.date("at", at)
            writer.string("by", by.rawValue)
            writer.string("customer", customer.rawValue)
            writer.string("incident", incident.rawValue)
            writer.string("kind", kind.rawValue)
            writer.integer("number", number)
            writer.string("text", text)
        }
    }
}
