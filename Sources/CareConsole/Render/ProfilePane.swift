import CareDomain
import Foundation

func drawProfile(_ state: AppState, _ screen: inout Screen, _ rect: Rect) {
    // Whose profile: the queue's incident's customer says so.
    let source = state.followsQueue ? state.selectedIncident.map { ", for \($0.id)" } ?? "" : ""
    let inside = screen.box(rect, title: "2 \(Pane.profile.title)\(source)", focused: state.focus == .profile)
    guard let customer = state.customer else {
        screen.put("Select a customer.", x: inside.x + 1, y: inside.y, style: Style(.muted))
        return
    }
    // Never the previous customer's profile under the new one's selection.
    guard !state.readingProfile else {
        let name = state.subjectCustomerID.flatMap { state.store.customers.summary(of: $0)?.name } ?? ""
        screen.put(
            "Reading \(name)'s profile…", x: inside.x + 1, y: inside.y, limit: inside.width - 1, style: Style(.muted))
        return
    }
    var lines: [(String, Style)] = []
    let tier = state.store.program?.tier(customer.loyalty.tier)
    lines.append(
        (
            customer.name + (tier.map { "  " + $0.name } ?? ""),
            Style(tier == nil ? .title : tierStyle(tier?.id).role, bold: true)
        ))
    lines.append(("\(customer.id) · \(customer.lifecycle.label) · since \(customer.customerSince)", Style(.muted)))
    let contact = [customer.phone, customer.email, customer.preferredChannel.map { "prefers \($0.rawValue)" }]
        .compactMap { $0 }
    if !contact.isEmpty { lines.append((contact.joined(separator: " · "), .normal)) }
    let couponText =
        state.validCoupons.isEmpty
        ? ""
        : " · "
            + state.validCoupons.map { "coupon \($0.discountPercent)% until \($0.validUntil)" }.joined(separator: ", ")
    lines.append(("\(customer.loyalty.points) points\(couponText)", Style(.key)))
    if let value = state.customerValue {
        let spend = value.averageSpend.map { ", avg \($0)" } ?? ""
        lines.append(
            ("\(value.segment.name) (RFM \(value.rfm.code)\(spend)): \(value.segment.incentive)", Style(.title)))
    }
    for point in state.talkingPoints {
        lines.append(("› " + point, Style(.ok)))
    }
    let about = [customer.occupation, customer.usualProducts.map { "buys " + $0.joined(separator: ", ") }].compactMap {
        $0
    }
    if !about.isEmpty { lines.append((about.joined(separator: " · "), Style(.muted))) }
    // Each purpose with its latest answer and the day it was given (LOPD/GDPR).
    let consent = ConsentPurpose.allCases.map { purpose in
        let latest = customer.consents?.filter { $0.purpose == purpose }.max { $0.at < $1.at }
        return "\(purpose.rawValue) "
            + (latest.map { "\($0.granted ? "yes" : "no") \(Day(containing: $0.at))" } ?? "not asked")
    }
    lines.append(("consent: " + consent.joined(separator: ", "), Style(.muted)))
    for (offset, line) in lines.prefix(inside.height).enumerated() {
        screen.put(line.0, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 1, style: line.1)
    }
}
