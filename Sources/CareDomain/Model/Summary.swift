import Foundation

/// Why a summary field could not be read from a snapshot line.
public struct SummaryError: Error, Equatable, Sendable {
    public var field: String
    public var reason: String
}

/// What a list shows of a customer: read from each snapshot line when the
/// store opens, without decoding the whole profile.
public struct CustomerSummary: Sendable, Equatable {
    public var id: CustomerID
    public var name: String
    public var phone: String?
    public var email: String?
    public var tier: TierID?
    public var lifecycle: LifecycleStage
    /// Blocked on an erasure request, or merged into another customer:
    /// hidden from lists and reports.
    public var blocked: Bool
}

extension Customer {
    public static let summaryKeys = [
        "name", "phone", "email", "loyalty.tier", "lifecycle", "blockedAt", "mergedInto",
    ]

    public static func summary(id: CustomerID, fields: [ScannedValue?]) throws(SummaryError) -> CustomerSummary {
        guard let name = fields[0]?.text else { throw SummaryError(field: "name", reason: "expected a string") }
        guard let lifecycle = fields[4]?.text.flatMap(LifecycleStage.init(rawValue:)) else {
            throw SummaryError(
                field: "lifecycle",
                reason: "expected one of \(LifecycleStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let blocked = try optionalText(fields[5], "blockedAt") != nil
        let merged = try optionalText(fields[6], "mergedInto") != nil
        return CustomerSummary(
            id: id, name: name, phone: try optionalText(fields[1], "phone"),
            email: try optionalText(fields[2], "email"),
            tier: try optionalText(fields[3], "loyalty.tier").map { TierID(rawValue: $0) }, lifecycle: lifecycle,
            blocked: blocked || merged)
    }

    public var summary: CustomerSummary {
        CustomerSummary(
            id: id, name: name, phone: phone, email: email, tier: loyalty.tier, lifecycle: lifecycle,
            blocked: blockedAt != nil || mergedInto != nil)
    }
}

/// What the incident queue and the agent scores need of an incident,
/// without decoding its history: scores over 200,000 incidents are worked
/// out from these alone.
public struct IncidentSummary: Sendable, Equatable {
    public var id: IncidentID
    public var customer: CustomerID
    public var status: Incident.Status
    public var priority: Incident.Priority
    public var dueAt: Date
    public var assignee: AgentID?
    public var resolvedAt: Date?
    public var openedAt: Date
    public var touchpoint: TouchpointID
    public var contacts: Int
    public var resolvedBy: AgentID?
    public var firstResolved: Incident.Stamp?
    public var reopens: Int
    public var rating: Int?
    public var ratingBy: AgentID?
    /// Who gave the rating: nil on ratings from before it was asked.
    public var ratingAnsweredBy: Survey.Source?
    public var compensationValue: Cents?
    public var compensationBy: AgentID?
    public var compensationAt: Date?
    /// The compensation granted was the one owed for a missed service level.
    public var owedGranted = false
    /// Since when the clock is stopped.
    public var pausedSince: Date?
    /// What is on record as owed for the missed service level, and its decision.
    public var owedValue: Cents?
    public var owedDecision: Incident.Owed.Decision?
    /// Who asked a supervisor to approve a compensation, and the answer (nil: awaited).
    public var approvalAskedBy: AgentID?
    public var approvalAnswer: Bool?

    public func isOverdue(at now: Date) -> Bool { status.isOpen && dueAt < (pausedSince ?? now) }

    /// Owed on record and not yet granted or declined.
    public var owesPending: Bool { owedValue != nil && owedDecision == nil }

    /// A supervisor's answer is awaited.
    public var awaitsApproval: Bool { approvalAskedBy != nil && approvalAnswer == nil }

    /// Whether the rating is the customer's own answer: said so when it was
    /// given; on older ratings, one not recorded by `resolver`.
    public func ratedByCustomer(resolver: AgentID) -> Bool {
        guard rating != nil else { return false }
        if let ratingAnsweredBy { return ratingAnsweredBy == .customer }
        return ratingBy != resolver
    }
}

extension Incident {
    public static let summaryKeys = [
        "customer", "status", "priority", "dueAt", "assignee", "resolution.at", "openedAt", "touchpoint", "contacts",
        "resolution.by", "firstResolved.at", "firstResolved.by", "reopens", "rating.score", "rating.recordedBy",
        "compensation.compensation.value", "compensation.grantedBy", "compensation.at", "rating.answeredBy",
        "compensation.forMissedServiceLevel", "pausedSince", "owed.compensation.value", "owed.decision",
        "approval.askedBy", "approval.answer.approved",
    ]

    public static func summary(id: IncidentID, fields: [ScannedValue?]) throws(SummaryError) -> IncidentSummary {
        guard let customer = fields[0]?.text else { throw SummaryError(field: "customer", reason: "expected a string") }
        guard let status = fields[1]?.text.flatMap(Status.init(rawValue:)) else {
            throw SummaryError(
                field: "status", reason: "expected one of \(Status.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let priority = fields[2]?.text.flatMap(Priority.init(rawValue:)) else {
            throw SummaryError(
                field: "priority",
                reason: "expected one of \(Priority.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let dueAt = try time(fields[3], "dueAt")
        guard let touchpoint = fields[7]?.text else {
            throw SummaryError(field: "touchpoint", reason: "expected a string")
        }
        guard let contacts = fields[8]?.integer else {
            throw SummaryError(field: "contacts", reason: "expected a whole number")
        }
        let firstAt = try optionalText(fields[10], "firstResolved.at").flatMap(Timestamp.parse)
        let firstBy = try optionalText(fields[11], "firstResolved.by").map { AgentID(rawValue: $0) }
        var summary = IncidentSummary(
            id: id, customer: CustomerID(customer), status: status, priority: priority, dueAt: dueAt,
            assignee: try optionalText(fields[4], "assignee").map { AgentID(rawValue: $0) },
            resolvedAt: try optionalText(fields[5], "resolution.at").flatMap(Timestamp.parse),
            openedAt: try time(fields[6], "openedAt"), touchpoint: TouchpointID(touchpoint), contacts: contacts,
            resolvedBy: try optionalText(fields[9], "resolution.by").map { AgentID(rawValue: $0) },
            firstResolved: firstAt.flatMap { at in firstBy.map { Stamp(at: at, by: $0) } },
            reopens: try optionalInteger(fields[12], "reopens") ?? 0,
            rating: try optionalInteger(fields[13], "rating.score"),
            ratingBy: try optionalText(fields[14], "rating.recordedBy").map { AgentID(rawValue: $0) },
            ratingAnsweredBy: try optionalText(fields[18], "rating.answeredBy").flatMap(Survey.Source.init(rawValue:)),
            compensationValue: try optionalInteger(fields[15], "compensation.compensation.value").map { Cents($0) },
            compensationBy: try optionalText(fields[16], "compensation.grantedBy").map { AgentID(rawValue: $0) },
            compensationAt: try optionalText(fields[17], "compensation.at").flatMap(Timestamp.parse))
        summary.owedGranted = try optionalBool(fields[19], "compensation.forMissedServiceLevel") ?? false
        summary.pausedSince = try optionalText(fields[20], "pausedSince").flatMap(Timestamp.parse)
        summary.owedValue = try optionalInteger(fields[21], "owed.compensation.value").map { Cents($0) }
        summary.owedDecision = try optionalText(fields[22], "owed.decision").flatMap(Owed.Decision.init(rawValue:))
        summary.approvalAskedBy = try optionalText(fields[23], "approval.askedBy").map { AgentID(rawValue: $0) }
        summary.approvalAnswer = try optionalBool(fields[24], "approval.answer.approved")
        return summary
    }

    public var summary: IncidentSummary {
        IncidentSummary(
            id: id, customer: customer, status: status, priority: priority, dueAt: dueAt, assignee: assignee,
            resolvedAt: resolution?.at,
            openedAt: openedAt, touchpoint: touchpoint, contacts: contacts, resolvedBy: resolution?.by,
            firstResolved: firstResolved, reopens: reopens ?? 0, rating: rating?.score,
            ratingBy: rating?.recordedBy, ratingAnsweredBy: rating?.answeredBy,
            compensationValue: compensation?.compensation.value,
            compensationBy: compensation?.grantedBy,
            compensationAt: compensation?.at, owedGranted: compensation?.forMissedServiceLevel ?? false,
            pausedSince: pausedSince, owedValue: owed?.compensation.value, owedDecision: owed?.decision,
            approvalAskedBy: approval?.askedBy, approvalAnswer: approval?.answer?.approved)
    }
}

private func time(_ value: ScannedValue?, _ field: String) throws(SummaryError) -> Date {
    guard let date = value?.text.flatMap(Timestamp.parse) else {
        throw SummaryError(field: field, reason: "expected an ISO 8601 time like 2026-11-22T09:30:00.000Z")
    }
    return date
}

private func optionalInteger(_ value: ScannedValue?, _ field: String) throws(SummaryError) -> Int? {
    switch value {
    case nil, .null?: return nil
    case .number?: if let number = value?.integer { return number }
    default: break
    }
    throw SummaryError(field: field, reason: "expected a whole number")
}

private func optionalBool(_ value: ScannedValue?, _ field: String) throws(SummaryError) -> Bool? {
    switch value {
    case nil, .null?: return nil
    case .bool(let flag)?: return flag
    default: throw SummaryError(field: field, reason: "expected true or false")
    }
}

/// A string field that may be absent or null.
private func optionalText(_ value: ScannedValue?, _ field: String) throws(SummaryError) -> String? {
    switch value {
    case nil, .null?: return nil
    case .string(let text)?: return text
    default: throw SummaryError(field: field, reason: "expected a string")
    }
}

/// Whose a coupon is, so a customer's coupons are found without decoding
/// every coupon in the store.
public struct CouponSummary: Sendable, Equatable {
    public var id: CouponCode
    public var customer: CustomerID
}

extension Coupon {
    public static let summaryKeys = ["customer"]

    public static func summary(id: CouponCode, fields: [ScannedValue?]) throws(SummaryError) -> CouponSummary {
        guard let customer = fields[0]?.text else { throw SummaryError(field: "customer", reason: "expected a string") }
        return CouponSummary(id: id, customer: CustomerID(customer))
    }

    public var summary: CouponSummary { CouponSummary(id: id, customer: customer) }
}
