import Foundation

extension Incident {
    /// Everything about the incident as a person reads it: what `care
    /// incident show` prints and the console's incident view shows. Fields
    /// first (one value each), then every event of its history with who and
    /// when, oldest first.
    public struct Sheet: Sendable, Equatable {
        public var fields: [Customer.ProfileField]
        public var events: [Event]

        /// One step of the history: "2026-11-22 10:00  ana  note  Prometido: reenvío gratis".
        public struct Event: Sendable, Equatable {
            public var at: Date
            public var by: AgentID
            public var kind: String
            public var text: String

            public var line: String {
                "\(Incident.minute(at))  \(by)  \(kind)" + (text.isEmpty ? "" : "  \(text)")
            }
        }
    }

    /// "2026-11-22 10:00".
    public static func minuteText(_ date: Date) -> String { minute(date) }

    static func minute(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// "2026-12-02 14:00, in 3 h", "…, overdue by 2 days", "resolved 2026-11-30 10:12 by ana".
    public func dueLine(at now: Date) -> String {
        if let resolution, !status.isOpen {
            return "resolved \(Self.minute(resolution.at)) by \(resolution.by)"
        }
        if let pausedSince {
            let left = Int(dueAt.timeIntervalSince(pausedSince) / 60)
            return left > 0
                ? "clock stopped \(Self.minute(pausedSince)) with \(ServiceLevel.duration(minutes: left)) left"
                : "clock stopped \(Self.minute(pausedSince)), overdue by \(ServiceLevel.duration(minutes: -left))"
        }
        let minutes = Int(dueAt.timeIntervalSince(now) / 60)
        return minutes >= 0
            ? "\(Self.minute(dueAt)), in \(ServiceLevel.duration(minutes: max(1, minutes)))"
            : "\(Self.minute(dueAt)), overdue by \(ServiceLevel.duration(minutes: -minutes))"
    }

    public func sheet(in state: StoreState, at now: Date) -> Sheet {
        let point = state.touchpoints[touchpoint]
        let customerName = state.customers.summary(of: customer)?.name
        let assigneeName = assignee.flatMap { state.agents[$0]?.name }
        var fields: [Customer.ProfileField] = [.init(name: "incident", value: id.rawValue)]
        // The note handed over with the current assignment, first: what the
        // agent who has it now must read before anything else.
        if assignee != nil, let given = history.lastIndex(where: { $0.kind == .assigned }),
            let noted = history.lastIndex(where: { $0.kind == .handover }), noted > given
        {
            let handover = history[noted]
            fields.append(
                .init(
                    name: "handover", value: "from \(handover.by), \(Self.minute(handover.at)): \(handover.text ?? "")")
            )
        }
        fields += [
            .init(name: "subject", value: subject),
            .init(name: "kind", value: kind.rawValue),
            .init(name: "status", value: status.label),
            .init(name: "priority", value: priority.label),
            .init(name: "channel", value: channel?.rawValue ?? "not recorded"),
            .init(name: "customer", value: [customer.rawValue, customerName].compactMap { $0 }.joined(separator: " ")),
            .init(
                name: "touchpoint",
                value: (point?.name ?? touchpoint.rawValue) + (point.map { " (\($0.serviceLevel.promise))" } ?? "")),
            .init(
                name: "assignee",
                value: assignee.map { [$0.rawValue, assigneeName].compactMap { $0 }.joined(separator: " ") }
                    ?? "nobody yet"),
            .init(name: "opened", value: Self.minute(openedAt)),
            .init(name: "due", value: dueLine(at: now)),
            .init(
                name: "contacts", value: String(contacts) + ((reopens ?? 0) > 0 ? ", reopened \(reopens ?? 0)×" : "")),
        ]
        if let owed {
            fields.append(.init(name: "owed", value: owed.line))
        } else if status.isOpen, let proposal = IncidentRules.proposal(for: self, playbook: nil, in: state, at: now),
            proposal.owed
        {
            fields.append(
                .init(
                    name: "owed",
                    value:
                        "\(proposal.compensation.description) (\(proposal.compensation.value)): the service level was missed"
                ))
        }
        if let approval { fields.append(.init(name: "approval", value: approval.line)) }
        if let compensation {
            let why = compensation.forMissedServiceLevel ? "owed for the missed service level" : "the playbook's"
            fields.append(
                .init(
                    name: "granted",
                    value:
                        "\(compensation.compensation.description) (\(compensation.compensation.value)), \(why), by \(compensation.grantedBy) on \(Day(containing: compensation.at))"
                ))
        }
        if let resolution {
            let playbook = resolution.playbook.map { " (playbook \($0))" } ?? ""
            fields.append(.init(name: "resolution", value: resolution.summary + playbook))
        }
        if let rating {
            var survey = "\(rating.score)/5"
            if let met = rating.expectationsMet { survey += met ? ", expectations met" : ", expectations not met" }
            switch rating.answeredBy {
            case .customer?: survey += ", the customer's answer"
            case .agent?: survey += ", the agent's judgement"
            case nil: break
            }
            survey += ", recorded by \(rating.recordedBy)"
            if let comment = rating.comment { survey += ": \(comment)" }
            fields.append(.init(name: "survey", value: survey))
        }
        let events = history.map { event in
            Sheet.Event(at: event.at, by: event.by, kind: event.kind.label, text: event.text ?? "")
        }
        return Sheet(fields: fields, events: events)
    }
}

extension Incident.EventKind {
    /// The word a person reads in the history.
    public var label: String {
        switch self {
        case .opened: "opened"
        case .assigned: "assigned"
        case .note: "note"
        case .contact: "contact"
        case .statusChanged: "status"
        case .resolved: "resolved"
        case .compensated: "compensated"
        case .rated: "rated"
        case .reopened: "reopened"
        case .closed: "closed"
        case .handover: "handover"
        case .waiting: "waiting"
        case .resumed: "resumed"
        case .owed: "owed"
        case .declined: "declined"
        case .approvalAsked: "approval asked"
        case .approved: "approved"
        case .approvalRefused: "approval refused"
        }
    }
}

extension Incident.Status {
    /// The words a person reads: "waiting on a partner".
    public var label: String {
        switch self {
        case .open: tr("status|open")
        case .inProgress: tr("status|in progress")
        case .waitingOnCustomer: tr("status|waiting on the customer")
        case .waitingOnPartner: tr("status|waiting on a partner")
        case .resolved: tr("status|resolved")
        case .closed: tr("status|closed")
        }
    }
}

extension Incident.Priority {
    /// The word a person reads: "urgent", "urgente".
    public var label: String {
        switch self {
        case .low: tr("low")
        case .normal: tr("normal")
        case .high: tr("high")
        case .urgent: tr("urgent")
        }
    }
}

extension Incident.Owed {
    /// "50 points (5,00 €) since 2026-11-30 10:00: declined by ana, customer left happy".
    public var line: String {
        var text = "\(compensation.description) (\(compensation.value)), missed \(Incident.minute(since))"
        switch decision {
        case nil: text += ": not yet granted"
        case .granted?: text += ": granted"
        case .declined?: text += ": declined"
        case .bettered?: text += ": the playbook's better one granted instead"
        }
        if let decidedBy { text += " by \(decidedBy)" }
        if decision == .declined, let reason { text += ", \(reason)" }
        return text
    }
}

extension Incident.Approval {
    /// "asked by ana 2026-11-30 10:00 for 30 € voucher (30,00 €): approved by sara, loyal customer".
    public var line: String {
        var text =
            "\(compensation.description) (\(compensation.value)), asked by \(askedBy) \(Incident.minute(askedAt))"
        if let note { text += " (\(note))" }
        guard let answer else { return text + ": waiting for a supervisor" }
        text += answer.approved ? ": approved by \(answer.by)" : ": refused by \(answer.by)"
        if let reason = answer.reason { text += ", \(reason)" }
        return text
    }
}
