import CareDomain
import Foundation

func drawProfile(_ state: AppState, _ screen: inout Screen, _ rect: Rect) {
    // Whose profile: the queue's incident's customer says so.
    let source = state.followsQueue ? state.selectedIncident.map { tr(", for %@", $0.id) } ?? "" : ""
    let inside = screen.box(rect, title: "2 \(Pane.profile.title)\(source)", focused: state.focus == .profile)
    // Never the previous customer's profile under the new one's selection.
    guard !state.readingProfile else {
        let name = state.subjectCustomerID.flatMap { state.store.customers.summary(of: $0)?.name } ?? ""
        screen.put(fit(tr("Reading %@…", name), inside.width - 1), x: inside.x + 1, y: inside.y, style: Style(.muted))
        return
    }
    guard state.customer != nil else {
        screen.put(tr("Select a customer."), x: inside.x + 1, y: inside.y, style: Style(.muted))
        return
    }
    let lines = profileLines(state, width: inside.width - 1)
    let top = min(state.profileTop, max(0, lines.count - inside.height))
    for (offset, line) in lines.dropFirst(top).prefix(inside.height).enumerated() {
        screen.put(line.0, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 1, style: line.1)
    }
    // More above or below: said on the border, with the key that scrolls.
    let marks = [top > 0 ? "↑ k" : nil, top + inside.height < lines.count ? tr("↓ j more") : nil].compactMap { $0 }
    if !marks.isEmpty {
        let text = " " + marks.joined(separator: " · ") + " "
        screen.put(
            text, x: rect.x + rect.width - 1 - DisplayWidth.of(text), y: rect.y + rect.height - 1, style: Style(.key))
    }
}

/// The profile's lines at `width`, long ones wrapped between words.
func profileLines(_ state: AppState, width: Int) -> [(String, Style)] {
    guard let customer = state.customer else { return [] }
    // Lines of several parts break between parts, the others between words.
    var lines: [(String, Style)] = []
    var packed: [(String, Style)] = []
    func flush() {
        packed += lines.flatMap { text, style in wrap(text, width: width).map { ($0, style) } }
        lines = []
    }
    let tier = state.catalog.program?.tier(customer.loyalty.tier)
    lines.append(
        (
            customer.name + (tier.map { "  " + $0.name } ?? ""),
            Style(tier == nil ? .title : tierStyle(tier?.id).role, bold: true)
        ))
    let today = Day(containing: state.now)
    lines.append(
        (
            "\(customer.id) · \(customer.stageLine(today: today, withDay: false)) · "
                + tr("since %@", customer.customerSince),
            Style(.muted)
        ))
    let contact = [customer.phone, customer.email, customer.preferredChannel.map { tr("prefers %@", $0.shown) }]
        .compactMap { $0 }
    flush()
    packed += pack(contact, separator: " · ", width: width).map { ($0, Style.normal) }
    let couponText =
        state.validCoupons.isEmpty
        ? ""
        : " · "
            + state.validCoupons.map { tr("coupon %@% until %@", $0.discountPercent, $0.validUntil) }.joined(
                separator: ", ")
    lines.append((tr("%@ points", customer.loyalty.points) + couponText, Style(.key)))
    // The last 12 months' spend, oldest first: a trend read at a glance.
    let spend = Sparkline.monthlySpend(state.timeline, months: 12, today: today)
    if spend.contains(where: { $0 > .zero }) {
        let total = spend.reduce(Cents.zero, +)
        lines.append(
            (
                tr("spend, 12 months: %@ %@", Sparkline.text(spend.map { Double($0.rawValue) }), total.description),
                Style(.normal)
            ))
    }
    if customer.lastPurchase == nil, !state.timeline.contains(where: \.isPurchase) {
        // No purchase yet: a segment would call them dormant.
        lines.append((tr("No purchase yet: b records the first."), Style(.title)))
    } else if let value = state.customerValue {
        let spend = value.averageSpend.map { tr(", avg %@", $0) } ?? ""
        lines.append(
            (tr("%@ (RFM %@%@): %@", value.segment.name, value.rfm.code, spend, value.segment.incentive), Style(.title))
        )
    }
    for point in state.talkingPoints {
        lines.append(("› " + point, Style(.ok)))
    }
    let about = [customer.occupation, customer.usualProducts.map { tr("buys %@", $0.joined(separator: ", ")) }]
        .compactMap {
            $0
        }
    if !about.isEmpty { lines.append((about.joined(separator: " · "), Style(.muted))) }
    // The rest of what is known of them, each part whole on its line.
    let details: Set<String> = [
        tr("birth date"), tr("marital status"), tr("tastes"), tr("interests"), tr("hobbies"), tr("social"),
    ]
    let more = customer.profileFields(today: today).filter { details.contains($0.name) && !$0.value.isEmpty }
    flush()
    packed += pack(more.map { "\($0.name) \($0.value)" }, separator: " · ", width: width).map { ($0, Style(.muted)) }
    // Each purpose with its latest answer and the day it was given (LOPD/GDPR).
    let consent = ConsentPurpose.allCases.map { purpose in
        let latest = customer.consents?.filter { $0.purpose == purpose }.max { $0.at < $1.at }
        return "\(purpose.shown) "
            + (latest.map { "\($0.granted ? tr("yes") : tr("no")) \(Day(containing: $0.at))" } ?? tr("not asked"))
    }
    flush()
    let purposes = consent.enumerated().map { $0.offset == 0 ? tr("consent: ") + $0.element : $0.element }
    packed += pack(purposes, separator: ", ", width: width, indent: "  ").map { ($0, Style(.muted)) }
    return packed
}
