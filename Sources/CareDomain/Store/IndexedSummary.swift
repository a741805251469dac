import Foundation

/// A record's summary as a snapshot index keeps it (`SnapshotIndex`):
/// written in a fixed binary order and read back equal, so a store opens
/// from the index without scanning its snapshot's JSON. `schema` names the
/// order and the enum cases written by position: an index written by
/// another schema is not used.
protocol IndexedSummary: Sendable {
    static var schema: String { get }
    func write(to writer: inout ByteWriter)
    /// The summary of the record `id`; nil when the bytes do not hold one.
    static func read(id: String, from reader: inout ByteReader) -> Self?
}

extension Identifier: IndexedSummary {
    static var schema: String { "id" }
    func write(to writer: inout ByteWriter) {}
    static func read(id: String, from reader: inout ByteReader) -> Identifier? { Identifier(rawValue: id) }
}

extension CouponSummary: IndexedSummary {
    static var schema: String { "customer" }
    func write(to writer: inout ByteWriter) { writer.put(customer.rawValue) }
    static func read(id: String, from reader: inout ByteReader) -> CouponSummary? {
        reader.requiredText().map { CouponSummary(id: CouponCode(rawValue: id), customer: CustomerID($0)) }
    }
}

extension CustomerSummary: IndexedSummary {
    static var schema: String {
        "name phone email tier lifecycle(\(LifecycleStage.allCases.map(\.rawValue).joined(separator: ","))) blocked"
    }

    func write(to writer: inout ByteWriter) {
        writer.put(name)
        writer.put(phone)
        writer.put(email)
        writer.put(tier?.rawValue)
        writer.put(choice: lifecycle)
        writer.put(blocked)
    }

    static func read(id: String, from reader: inout ByteReader) -> CustomerSummary? {
        guard let name = reader.requiredText(), let phone = reader.text(), let email = reader.text(),
            let tier = reader.text(), let lifecycle = reader.choice(LifecycleStage.self),
            let blocked = reader.optionalBool() ?? nil
        else { return nil }
        return CustomerSummary(
            id: CustomerID(id), name: name, phone: phone, email: email, tier: tier.map { TierID(rawValue: $0) },
            lifecycle: lifecycle, blocked: blocked)
    }
}

extension IncidentSummary: IndexedSummary {
    static var schema: String {
        func cases<E: CaseIterable & RawRepresentable>(_: E.Type) -> String where E.RawValue == String {
            "(" + E.allCases.map(\.rawValue).joined(separator: ",") + ")"
        }
        return "customer status\(cases(Incident.Status.self)) priority\(cases(Incident.Priority.self)) dueAt"
            + " assignee resolvedAt openedAt touchpoint contacts resolvedBy firstResolved reopens rating ratingBy"
            + " ratingAnsweredBy\(cases(Survey.Source.self)) compensationValue compensationBy compensationAt"
            + " owedGranted pausedSince owedValue owedDecision\(cases(Incident.Owed.Decision.self)) approvalAskedBy"
            + " approvalAnswer"
    }

    func write(to writer: inout ByteWriter) {
        writer.put(customer.rawValue)
        writer.put(choice: status)
        writer.put(choice: priority)
        writer.put(dueAt)
        writer.put(assignee?.rawValue)
        writer.put(resolvedAt)
        writer.put(openedAt)
        writer.put(touchpoint.rawValue)
        writer.put(Int64(contacts))
        writer.put(resolvedBy?.rawValue)
        writer.put(firstResolved?.at)
        writer.put(firstResolved?.by.rawValue)
        writer.put(Int64(reopens))
        writer.put(rating)
        writer.put(ratingBy?.rawValue)
        writer.put(choice: ratingAnsweredBy)
        writer.put(compensationValue?.rawValue)
        writer.put(compensationBy?.rawValue)
        writer.put(compensationAt)
        writer.put(owedGranted)
        writer.put(pausedSince)
        writer.put(owedValue?.rawValue)
        writer.put(choice: owedDecision)
        writer.put(approvalAskedBy?.rawValue)
        writer.put(approvalAnswer)
    }

    static func read(id: String, from reader: inout ByteReader) -> IncidentSummary? {
        guard let customer = reader.requiredText(), let status = reader.choice(Incident.Status.self),
            let priority = reader.choice(Incident.Priority.self), let dueAt = reader.date(),
            let assignee = reader.text(), let resolvedAt = reader.optionalDate(), let openedAt = reader.date(),
            let touchpoint = reader.requiredText(), let contacts = reader.read(Int64.self),
            let resolvedBy = reader.text(), let firstAt = reader.optionalDate(), let firstBy = reader.text(),
            let reopens = reader.read(Int64.self), let rating = reader.optionalInteger(),
            let ratingBy = reader.text(), let answeredBy = reader.optionalChoice(Survey.Source.self),
            let compensationValue = reader.optionalInteger(), let compensationBy = reader.text(),
            let compensationAt = reader.optionalDate(), let owedGranted = reader.optionalBool() ?? nil,
            let pausedSince = reader.optionalDate(), let owedValue = reader.optionalInteger(),
            let owedDecision = reader.optionalChoice(Incident.Owed.Decision.self),
            let approvalAskedBy = reader.text(), let approvalAnswer = reader.optionalBool()
        else { return nil }
        var summary = IncidentSummary(
            id: IncidentID(id), customer: CustomerID(customer), status: status, priority: priority, dueAt: dueAt,
            assignee: assignee.map { AgentID(rawValue: $0) }, resolvedAt: resolvedAt, openedAt: openedAt,
            touchpoint: TouchpointID(touchpoint), contacts: Int(contacts),
            resolvedBy: resolvedBy.map { AgentID(rawValue: $0) },
            firstResolved: firstAt.flatMap { at in firstBy.map { Incident.Stamp(at: at, by: AgentID(rawValue: $0)) } },
            reopens: Int(reopens), rating: rating, ratingBy: ratingBy.map { AgentID(rawValue: $0) },
            ratingAnsweredBy: answeredBy, compensationValue: compensationValue.map { Cents($0) },
            compensationBy: compensationBy.map { AgentID(rawValue: $0) }, compensationAt: compensationAt)
        summary.owedGranted = owedGranted
        summary.pausedSince = pausedSince
        summary.owedValue = owedValue.map { Cents($0) }
        summary.owedDecision = owedDecision
        summary.approvalAskedBy = approvalAskedBy.map { AgentID(rawValue: $0) }
        summary.approvalAnswer = approvalAnswer
        return summary
    }
}
