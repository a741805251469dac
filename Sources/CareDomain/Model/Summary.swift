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
    /// Blocked on an erasure request: hidden from lists and reports.
    public var blocked: Bool
}

extension Customer {
    public static let summaryKeys = ["name", "phone", "email", "loyalty.tier", "lifecycle", "blockedAt"]

    public static func summary(id: CustomerID, fields: [ScannedValue?]) throws(SummaryError) -> CustomerSummary {
        guard let name = fields[0]?.text else { throw SummaryError(field: "name", reason: "expected a string") }
        guard let lifecycle = fields[4]?.text.flatMap(LifecycleStage.init(rawValue:)) else {
            throw SummaryError(field: "lifecycle", reason: "expected one of \(LifecycleStage.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return CustomerSummary(
            id: id, name: name, phone: try optionalText(fields[1], "phone"), email: try optionalText(fields[2], "email"),
            tier: try optionalText(fields[3], "loyalty.tier").map { TierID(rawValue: $0) }, lifecycle: lifecycle,
            blocked: try optionalText(fields[5], "blockedAt") != nil)
    }

    public var summary: CustomerSummary {
        CustomerSummary(id: id, name: name, phone: phone, email: email, tier: loyalty.tier, lifecycle: lifecycle, blocked: blockedAt != nil)
    }
}

/// What the incident queue needs of an incident without decoding its history.
public struct IncidentSummary: Sendable, Equatable {
    public var id: IncidentID
    public var customer: CustomerID
    public var status: Incident.Status
    public var priority: Incident.Priority
    public var dueAt: Date
    public var assignee: AgentID?
    public var resolvedAt: Date?

    public func isOverdue(at now: Date) -> Bool { status.isOpen && dueAt < now }
}

extension Incident {
    public static let summaryKeys = ["customer", "status", "priority", "dueAt", "assignee", "resolution.at"]

    public static func summary(id: IncidentID, fields: [ScannedValue?]) throws(SummaryError) -> IncidentSummary {
        guard let customer = fields[0]?.text else { throw SummaryError(field: "customer", reason: "expected a string") }
        guard let status = fields[1]?.text.flatMap(Status.init(rawValue:)) else {
            throw SummaryError(field: "status", reason: "expected one of \(Status.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let priority = fields[2]?.text.flatMap(Priority.init(rawValue:)) else {
            throw SummaryError(field: "priority", reason: "expected one of \(Priority.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let dueAt = fields[3]?.text.flatMap(Timestamp.parse) else {
            throw SummaryError(field: "dueAt", reason: "expected an ISO 8601 time like 2026-11-22T09:30:00.000Z")
        }
        return IncidentSummary(
            id: id, customer: CustomerID(customer), status: status, priority: priority, dueAt: dueAt,
            assignee: try optionalText(fields[4], "assignee").map { AgentID(rawValue: $0) },
            resolvedAt: try optionalText(fields[5], "resolution.at").flatMap(Timestamp.parse))
    }

    public var summary: IncidentSummary {
        IncidentSummary(id: id, customer: customer, status: status, priority: priority, dueAt: dueAt, assignee: assignee, resolvedAt: resolution?.at)
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
