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
                "\(Incident.minuteText(at))  \(by)  \(kind)" + (text.isEmpty ? "" : "  \(text)")
            }
        }

        /// A field's name as a person reads it, in the language in force;
        /// `name` stays the stable key that csv and json print.
        public static func title(of name: String) -> String {
            switch name {
            case "approval": tr("sheet|approval")
            case "assignee": tr("sheet|assignee")
            case "channel": tr("sheet|channel")
            case "contacts": tr("sheet|contacts")
            case "customer": tr("sheet|customer")
            case "due": tr("sheet|due")
            case "granted": tr("sheet|granted")
            case "handover": tr("sheet|handover")
            case "incident": tr("sheet|incident")
            case "kind": tr("sheet|kind")
            case "opened": tr("sheet|opened")
            case "owed": tr("sheet|owed")
            case "priority": tr("sheet|priority")
            case "resolution": tr("sheet|resolution")
            case "status": tr("sheet|status")
            case "subject": tr("sheet|subject")
            case "survey": tr("sheet|survey")
            case "touchpoint": tr("sheet|touchpoint")
            default: name
            }
        }
    }

    /// "2026-11-22 10:00", or "22/11/2026 10:00" in Spanish: for people.
    /// `minute` is the one form written into histories, whatever the language.
    public static func minuteText(_ date: Date) -> String {
        let text = minute(date)
        guard Language.current == .es, text.count == 16 else { return text }
        let characters = Array(text)
        let day = String(characters[8...9]) + "/" + String(characters[5...6]) + "/" + String(characters[0...3])
        return day + String(characters[10...])
    }

    static func minute(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// "2026-12-02 14:00, in 3 h", "…, overdue by 2 days", "resolved 2026-11-30 10:12 by ana".
    public func dueLine(at now: Date) -> String {
        if let resolution, !status.isOpen {
            return tr("resolved %@ by %@", Self.minuteText(resolution.at), resolution.by)
        }
        if let pausedSince {
            let left = Int(dueAt.timeIntervalSince(pausedSince) / 60)
            return left > 0
                ? tr(
                    "clock stopped %@ with %@ left", Self.minuteText(pausedSince), ServiceLevel.duration(minutes: left))
                : tr(
                    "clock stopped %@, overdue by %@", Self.minuteText(pausedSince),
                    ServiceLevel.duration(minutes: -left))
        }
        let minutes = Int(dueAt.timeIntervalSince(now) / 60)
        return minutes >= 0
            ? "\(Self.minuteText(dueAt)), in \(ServiceLevel.duration(minutes: max(1, minutes)))"
            : tr("%@, overdue by %@", Self.minuteText(dueAt), ServiceLevel.duration(minutes: -minutes))
    }

    /// `history`: its steps, oldest first (`HistoryReader.history(of:)`).
    public func sheet(in state: StoreState, history: [Event], at now: Date) -> Sheet {
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
                    name: "handover",
                    value: "from \(handover.by), \(Self.minuteText(handover.at)): \(handover.text ?? "")")
            )
        }
        fields += [
            .init(name: "subject", value: subject),
            .init(name: "kind", value: kind.shown),
            .init(name: "status", value: status.label),
            .init(name: "priority", value: priority.label),
            .init(name: "channel", value: channel?.shown ?? tr("not recorded")),
            .init(name: "customer", value: [customer.rawValue, customerName].compactMap { $0 }.joined(separator: " ")),
            .init(
                name: "touchpoint",
                value: (point?.name ?? touchpoint.rawValue) + (point.map { " (\($0.serviceLevel.promise))" } ?? "")),
            .init(
                name: "assignee",
                value: assignee.map { [$0.rawValue, assigneeName].compactMap { $0 }.joined(separator: " ") }
                    ?? tr("nobody yet")),
            .init(name: "opened", value: Self.minuteText(openedAt)),
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
                        tr(
                            "%@ (%@): the service level was missed", proposal.compensation.description,
                            proposal.compensation.value)
                ))
        }
        if let approval { fields.append(.init(name: "approval", value: approval.line)) }
        if let compensation {
            let why =
                compensation.forMissedServiceLevel ? tr("owed for the missed service level") : tr("the playbook's")
            fields.append(
                .init(
                    name: "granted",
                    value:
                        tr(
                            "%@ (%@), %@, by %@ on %@", compensation.compensation.description,
                            compensation.compensation.value, why, compensation.grantedBy,
                            Day(containing: compensation.at))
                ))
        }
        if let resolution {
            let playbook = resolution.playbook.map { " (playbook \($0))" } ?? ""
            fields.append(.init(name: "resolution", value: resolution.summary + playbook))
        }
        if let rating {
            var survey = "\(rating.score)/5"
            if let met = rating.expectationsMet {
                survey += met ? tr(", expectations met") : tr(", expectations not met")
            }
            switch rating.answeredBy {
            case .customer?: survey += tr(", the customer's answer")
            case .agent?: survey += tr(", the agent's judgement")
            case nil: break
            }
            survey += tr(", recorded by %@", rating.recordedBy)
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
        case .opened: tr("event|opened")
        case .assigned: tr("event|assigned")
        case .note: tr("event|note")
        case .contact: tr("event|contact")
        case .statusChanged: tr("event|status")
        case .resolved: tr("event|resolved")
        case .compensated: tr("event|compensated")
        case .rated: tr("event|rated")
        case .reopened: tr("event|reopened")
        case .closed: tr("event|closed")
        case .handover: tr("event|handover")
        case .waiting: tr("event|waiting")
        case .resumed: tr("event|resumed")
        case .owed: tr("event|owed")
        case .declined: tr("event|declined")
        case .approvalAsked: tr("approval asked")
        case .approved: tr("event|approved")
        case .approvalRefused: tr("approval refused")
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
        var text = tr("%@ (%@), missed %@", compensation.description, compensation.value, Incident.minuteText(since))
        switch decision {
        case nil: text += tr(": not yet granted")
        case .granted?: text += ": granted"
        case .declined?: text += ": declined"
        case .bettered?: text += tr(": the playbook's better one granted instead")
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
            tr(
                "%@ (%@), asked by %@ %@", compensation.description, compensation.value, askedBy,
                Incident.minuteText(askedAt))
        if let note { text += " (\(note))" }
        guard let answer else { return text + tr(": waiting for a supervisor") }
        text += answer.approved ? tr(": approved by %@", answer.by) : tr(": refused by %@", answer.by)
        if let reason = answer.reason { text += ", \(reason)" }
        return text
    }
}

extension Incident.Kind {
    /// The kind in the language in force; `rawValue` is what is stored and typed.
    public var shown: String {
        switch self {
        case .inquiry: tr("kind|inquiry")
        case .doubt: tr("kind|doubt")
        case .comment: tr("kind|comment")
        case .suggestion: tr("kind|suggestion")
        case .complaint: tr("kind|complaint")
        }
    }
}
