import CareDomain

/// The open dialog, drawn over the panes.
func drawDialog(_ dialog: Dialog, state: AppState, _ screen: inout Screen) {
    var title = ""
    var lines: [(String, Style)] = []
    var footer = "Esc cancels"
    switch dialog {
    case .note(let id, let text):
        title = "Note on \(id)"
        lines = [("› " + text + "▏", Style(.key))]
        footer = "Enter saves · Esc cancels"
    case .playbook(let id, let options, let selected):
        title = "Resolve \(id): the answer given"
        for (index, option) in options.enumerated() {
            let playbook = option.flatMap { state.store.playbooks[$0] }
            let text =
                playbook.map {
                    "\($0.situation) → \($0.solution)" + ($0.compensation.map { " [\($0.description)]" } ?? "")
                }
                ?? "No playbook: resolved otherwise"
            lines.append(((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal)))
        }
        footer = "j/k choose · Enter next · Esc cancels"
    case .grant(let id, _, let offer):
        title = "Resolve \(id): compensation"
        lines = [("Grant " + offer + "?", .normal)]
        footer = "y or Enter grants · n does not · Esc cancels"
    case .assignee(let id, let options, let selected):
        title = "Assign \(id) to"
        for (index, agent) in options.enumerated() {
            let name = state.store.agents[agent].map { "\($0.name) (\($0.area))" } ?? agent.rawValue
            lines.append(
                (
                    (index == selected ? "› " : "  ") + agent.rawValue + "  " + name,
                    Style(index == selected ? .selection : .normal)
                ))
        }
        footer = "j/k choose · Enter assigns · Esc cancels"
    case .newIncident(let draft):
        let name = state.store.customers.summary(of: draft.customer)?.name ?? draft.customer.rawValue
        title = "New incident for \(name)"
        let fields = ["touchpoint", "kind", "priority", "subject"]
        lines.append(("Step \(draft.field.rawValue + 1) of 4: \(fields[draft.field.rawValue])", Style(.key)))
        if draft.field == .subject {
            lines.append(("› " + draft.subject + "▏", .normal))
            footer = "Enter opens it (due time from the service level) · Esc cancels"
        } else {
            for (index, option) in draft.options(in: state.store).enumerated() {
                lines.append(
                    (
                        (index == draft.selected ? "› " : "  ") + option,
                        Style(index == draft.selected ? .selection : .normal)
                    ))
            }
            footer = "j/k choose · Enter next · Esc cancels"
        }
    case .palette(let query, let selected):
        title = "Actions"
        lines.append(("› " + query + "▏", Style(.key)))
        let entries = Dialog.paletteEntries(query)
        if entries.isEmpty { lines.append(("No action matches.", Style(.muted))) }
        for (index, binding) in entries.enumerated() {
            lines.append(
                (
                    (index == selected ? "› " : "  ") + fit(binding.help, 34) + " " + binding.label,
                    Style(index == selected ? .selection : .normal)
                ))
        }
        footer = "type to narrow · ↑↓ choose · Enter runs · Esc cancels"
    case .redeem(let customer, let options, let selected):
        let found = state.store.customers[customer]
        let balance = found?.loyalty.points ?? 0
        title = "Redeem for \(found?.name ?? customer.rawValue): \(balance) points"
        let standing = found?.loyalty.tierStanding ?? LoyaltyStanding().tierStanding
        for (index, id) in options.enumerated() {
            guard let reward = state.store.rewards[id] else { continue }
            let free =
                state.customer?.id == customer
                && state.store.program.map {
                    LoyaltyRules.isFree(reward, for: standing, program: $0, ledger: state.ledger)
                } == true
            let price =
                free
                ? "free with the tier" : "\(reward.points) pts" + (reward.money == .zero ? "" : " + \(reward.money)")
            let reach = free || reward.points <= balance ? "" : "  needs \(reward.points - balance) more"
            let style = index == selected ? Style(.selection) : Style(reach.isEmpty ? .normal : .muted)
            lines.append(((index == selected ? "› " : "  ") + fit(reward.name, 24) + " " + price + reach, style))
        }
        footer = "j/k choose · Enter redeems · Esc cancels"
    case .coupon(_, let options, let selected):
        title = "Use a coupon"
        for (index, code) in options.enumerated() {
            guard let coupon = state.store.coupons[code] else { continue }
            let text = "\(code)  \(coupon.discountPercent)% until \(coupon.validUntil)  \(coupon.reason)"
            lines.append(((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal)))
        }
        footer = "j/k choose · Enter marks it used · Esc cancels"
    case .roster(let selected):
        title = "Roster"
        for (index, agent) in state.store.agents.sorted.enumerated() {
            let text =
                "\(fit(agent.id.rawValue, 10)) \(fit(agent.name, 20)) \(fit(agent.role.rawValue, 10)) \(fit(agent.authorityLimit.description, 9)) \(agent.active ? "active" : "inactive")"
            lines.append(
                (
                    (index == selected ? "› " : "  ") + text,
                    Style(index == selected ? .selection : agent.active ? .normal : .muted)
                ))
        }
        footer = "Enter in/out · s agent/supervisor · +/- authority 5 € · n new · Esc closes"
    case .newAgent(let login, let name, let onName):
        title = "New agent"
        lines = [
            ("Unix login: " + login + (onName ? "" : "▏"), Style(onName ? .normal : .key)),
            ("Name:       " + name + (onName ? "▏" : ""), Style(onName ? .key : .muted)),
        ]
        footer = onName ? "Enter adds them (agent, 20 € authority) · Esc cancels" : "Enter or Tab: next · Esc cancels"
    case .catalog(let selected):
        title = "Touchpoints: service levels"
        for (index, point) in state.store.touchpoints.sorted.enumerated() {
            let time = ServiceLevel.duration(minutes: point.serviceLevel.responseMinutes)
            let text =
                "\(fit(point.name, 30)) \(fit(time, 9)) \(fit(point.serviceLevel.promise, 26)) owes \(point.compensation.description)"
            lines.append(((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal)))
        }
        footer = "+/- the time committed · Esc closes"
    case .program(let selected):
        title = "Loyalty program" + (state.store.program.map { ": \($0.name), version \($0.version)" } ?? "")
        if let program = state.store.program {
            for (index, setting) in ProgramSetting.all(of: program).enumerated() {
                let text = fit(setting.label(in: program), 44) + " " + String(setting.value(in: program))
                lines.append(
                    ((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal)))
            }
        }
        footer = "+/- changes it (checked whole) · rules, rewards: care program set · Esc closes"
    case .recognise(let agent, let reason):
        title = "Recognise \(state.store.agents[agent]?.name ?? agent.rawValue)"
        lines = [
            ("What did they do well? They will read it on their scores.", .normal), ("› " + reason + "▏", Style(.key)),
        ]
        footer = "Enter records it · Esc cancels"
    case .rating(let id, _, _):
        title = "Resolve \(id): the customer's satisfaction"
        lines = [("How satisfied is the customer, 1 (not at all) to 5 (very)?", .normal)]
        footer = "1–5 records it · Enter for no answer · Esc cancels"
    }
    let width = min(screen.size.width - 4, max(50, (lines.map { DisplayWidth.of($0.0) }.max() ?? 0) + 4))
    let height = min(screen.size.height - 2, lines.count + 4)
    let rect = Rect(
        x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width, height: height)
    screen.fill(rect)
    let inside = screen.box(rect, title: title, focused: true)
    let selected: Int
    switch dialog {
    case .playbook(_, _, let index), .assignee(_, _, let index), .redeem(_, _, let index), .coupon(_, _, let index):
        selected = index
    case .roster(let index), .catalog(let index), .program(let index): selected = index
    case .newIncident(let draft): selected = draft.selected + 1
    case .palette(_, let index): selected = index + 1
    default: selected = 0
    }
    for (line, index) in scrollWindow(count: lines.count, selected: selected, height: inside.height - 1).enumerated() {
        screen.row(lines[index].0, x: inside.x + 1, y: inside.y + line, width: inside.width - 2, style: lines[index].1)
        // The cursor sits on the ▏ that ends a text being typed.
        if let end = lines[index].0.firstIndex(of: "▏") {
            screen.cursor = Point(
                x: min(inside.x + inside.width - 2, inside.x + 1 + DisplayWidth.of(String(lines[index].0[..<end]))),
                y: inside.y + line)
        }
    }
    screen.put(footer, x: inside.x + 1, y: inside.y + inside.height - 1, limit: inside.width - 2, style: Style(.muted))
}
