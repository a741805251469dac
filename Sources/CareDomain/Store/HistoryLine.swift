import Foundation

/// A history entry (a moment, a ledger entry) read from and written to its
/// line without `JSONDecoder`/`JSONEncoder`: a store holds millions of them,
/// and `care check`, `care seed` and every fold spent most of their time in
/// Foundation's coders. The line is the same JSON the coders read and write
/// (keys sorted, slashes unescaped, times with milliseconds), which a test
/// holds for every field; a line the fast path does not take whole (a field
/// of the wrong kind, an unknown value) is left to `JSONDecoder`, which
/// then names what is wrong.
protocol HistoryLine: Codable, LineWritable {
    /// The entry, or nil when the line is not one the fast path reads whole.
    static func fromLine(_ line: UnsafeRawBufferPointer) -> Self?
}

/// The values one line holds, by key, as the scanner picked them.
struct ScannedLine {
    let values: [ScannedValue?]
    /// A value of the wrong kind for its field: the line goes to `JSONDecoder`.
    var wrong = false

    init?(_ scanner: LineScanner, _ line: UnsafeRawBufferPointer) {
        guard let values = try? scanner.scan(line) else { return nil }
        self.values = values
    }

    /// The slot's value taken as `take` says; absent or null is nil, a value
    /// `take` refuses marks the line wrong.
    private mutating func typed<T>(_ slot: Int, _ take: (ScannedValue) -> T?) -> T? {
        guard case .some(let value) = values[slot], value != .null else { return nil }
        guard let typed = take(value) else {
            wrong = true
            return nil
        }
        return typed
    }

    /// A text field parsed by `parse` (a time, a day, an enum's raw value).
    private mutating func parsed<T>(_ slot: Int, _ parse: (String) -> T?) -> T? {
        typed(slot) { value in
            guard case .string(let text) = value else { return nil }
            return parse(text)
        }
    }

    mutating func text(_ slot: Int) -> String? { parsed(slot) { $0 } }

    mutating func integer(_ slot: Int) -> Int? {
        typed(slot) { value in
            guard case .number(let text) = value else { return nil }
            return Int(text)
        }
    }

    mutating func bool(_ slot: Int) -> Bool? {
        typed(slot) { value in
            guard case .bool(let flag) = value else { return nil }
            return flag
        }
    }

    mutating func date(_ slot: Int) -> Date? { parsed(slot, Timestamp.parse) }

    mutating func day(_ slot: Int) -> Day? { parsed(slot) { Day($0) } }

    mutating func raw<T: RawRepresentable>(_ slot: Int, as: T.Type) -> T? where T.RawValue == String {
        parsed(slot) { T(rawValue: $0) }
    }

    /// Whether the key is there with an object (or anything but null).
    func present(_ slot: Int) -> Bool {
        guard case .some(let value) = values[slot] else { return false }
        return value != .null
    }
}

/// Writes JSON values as `CareJSON.encoder()` does.
struct LineWriter {
    var bytes: [UInt8]
    private var first = true

    init(into bytes: [UInt8]) { self.bytes = bytes }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    mutating func key(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        quoted(value)
    }

    mutating func integer(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        CivilCalendar.appendPadded(value, 1, to: &bytes)
    }

    mutating func bool(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func date(_ key: StaticString, _ value: Date?) {
        guard let value else { return }
        quoted(key) { Timestamp.append(value, to: &$0) }
    }

    mutating func day(_ key: StaticString, _ value: Day?) {
        guard let value else { return }
        quoted(key) { value.append(to: &$0) }
    }

    /// `key` with a string `write` puts straight into the line (it needs
    /// no escape: digits and punctuation).
    private mutating func quoted(_ key: StaticString, _ write: (inout [UInt8]) -> Void) {
        self.key(key)
        bytes.append(UInt8(ascii: "\""))
        write(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string: quote, backslash and control characters escaped,
    /// everything else (slashes, non-ASCII) as it is.
    mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most text needs no escape: copied whole.
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 in
            !utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if plain == true {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension Moment: HistoryLine {
    private static let keys = [
        "id", "customer", "touchpoint", "at", "channel", "agent", "outcome", "cost", "serviceLevelMet",
        "satisfaction", "amount", "productFamily", "incident", "returnOf", "surveyOf", "survey",
        "survey.score", "survey.expectationsMet", "survey.comment", "survey.answeredBy", "survey.recordedBy",
        "survey.at",
    ]
    private static let scanner = LineScanner(paths: keys)

    static func fromLine(_ line: UnsafeRawBufferPointer) -> Moment? {
        guard var values = ScannedLine(scanner, line) else { return nil }
        guard let id = values.text(0), let customer = values.text(1), let touchpoint = values.text(2),
            let at = values.date(3), let channel = values.raw(4, as: Channel.self), let outcome = values.text(6),
            let cost = values.integer(7)
        else { return nil }
        var survey: Survey?
        if values.present(15) {
            guard let score = values.integer(16), let answeredBy = values.raw(19, as: Survey.Source.self),
                let recordedBy = values.text(20), let surveyAt = values.date(21)
            else { return nil }
            survey = Survey(
                score: score, expectationsMet: values.bool(17), comment: values.text(18), answeredBy: answeredBy,
                recordedBy: AgentID(recordedBy), at: surveyAt)
        }
        let moment = Moment(
            id: MomentID(id), customer: CustomerID(customer), touchpoint: TouchpointID(touchpoint), at: at,
            channel: channel, agent: values.text(5).map { AgentID($0) }, outcome: outcome, cost: Cents(cost),
            serviceLevelMet: values.bool(8), satisfaction: values.integer(9),
            amount: values.integer(10).map { Cents($0) },
            productFamily: values.text(11), incident: values.text(12).map { IncidentID($0) },
            returnOf: values.text(13).map { MomentID($0) }, surveyOf: values.text(14).map { MomentID($0) },
            survey: survey)
        return values.wrong ? nil : moment
    }

    func appendLine(to bytes: inout [UInt8]) {
        LineWriter.object(appendingTo: &bytes) { writer in
            writer.string("agent", agent?.rawValue)
            writer.integer("amount", amount?.rawValue)
            writer.date("at", at)
            writer.string("channel", channel.rawValue)
            writer.integer("cost", cost.rawValue)
            writer.string("customer", customer.rawValue)
            writer.string("id", id.rawValue)
            writer.string("incident", incident?.rawValue)
            writer.string("outcome", outcome)
            writer.string("productFamily", productFamily)
            writer.string("returnOf", returnOf?.rawValue)
            writer.integer("satisfaction", satisfaction)
            writer.bool("serviceLevelMet", serviceLevelMet)
            if let survey {
                writer.key("survey")
                writer.open()
                writer.string("answeredBy", survey.answeredBy.rawValue)
                writer.date("at", survey.at)
                writer.string("comment", survey.comment)
                writer.bool("expectationsMet", survey.expectationsMet)
                writer.string("recordedBy", survey.recordedBy.rawValue)
                writer.integer("score", survey.score)
                writer.close()
            }
            writer.string("surveyOf", surveyOf?.rawValue)
            writer.string("touchpoint", touchpoint.rawValue)
        }
    }
}

extension LedgerEntry: HistoryLine {
    private static let scanner = LineScanner(paths: [
        "id", "customer", "at", "kind", "points", "balanceAfter", "reason", "expiresOn", "moment", "incident",
        "reward", "money", "by",
    ])

    static func fromLine(_ line: UnsafeRawBufferPointer) -> LedgerEntry? {
        guard var values = ScannedLine(scanner, line) else { return nil }
        guard let id = values.text(0), let customer = values.text(1), let at = values.date(2),
            let kind = values.raw(3, as: Kind.self), let points = values.integer(4),
            let balanceAfter = values.integer(5), let reason = values.text(6)
        else { return nil }
        let entry = LedgerEntry(
            id: LedgerEntryID(id), customer: CustomerID(customer), at: at, kind: kind, points: points,
            balanceAfter: balanceAfter, reason: reason, expiresOn: values.day(7),
            moment: values.text(8).map { MomentID($0) }, incident: values.text(9).map { IncidentID($0) },
            reward: values.text(10).map { RewardID($0) }, money: values.integer(11).map { Cents($0) },
            by: values.text(12).map { AgentID($0) })
        return values.wrong ? nil : entry
    }

    func appendLine(to bytes: inout [UInt8]) {
        LineWriter.object(appendingTo: &bytes) { writer in
            writer.date("at", at)
            writer.integer("balanceAfter", balanceAfter)
            writer.string("by", by?.rawValue)
            writer.string("customer", customer.rawValue)
            writer.day("expiresOn", expiresOn)
            writer.string("id", id.rawValue)
            writer.string("incident", incident?.rawValue)
            writer.string("kind", kind.rawValue)
            writer.string("moment", moment?.rawValue)
            writer.integer("money", money?.rawValue)
            writer.integer("points", points)
            writer.string("reason", reason)
            writer.string("reward", reward?.rawValue)
        }
    }
}
