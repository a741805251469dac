import CareDomain

/// The counter's dialogs on the customer on screen: correct, buy, give
/// back, log a contact, ask how it went, and a supervisor's stage and merge.
enum CounterDialogs {
    static func open(_ action: Action, in state: inout AppState) {
        // These read the profile and the timeline: the customer must be on screen.
        guard let customer = state.customer, customer.id == state.subjectCustomerID, !state.readingProfile else {
            state.message =
                state.subjectCustomerID == nil ? tr("Select a customer first.") : tr("Reading the customer…")
            return
        }
        if customer.blockedAt != nil {
            state.message = CustomerRefusal.blocked(customer.id).description
            return
        }
        switch action {
        case .correct: state.mode.layer = CorrectDialog(customer: customer)
        case .purchase:
            guard state.store.program != nil else {
                state.message = LoyaltyRefusal.noProgram.description
                return
            }
            let places = state.store.purchaseTouchpoints.sorted { $0.name < $1.name }
            let usual = state.timeline.first(where: \.isPurchase)?.touchpoint
            state.mode.layer = PurchaseDialog(customer: customer.id, touchpoints: places, usual: usual)
        case .giveBack:
            let purchases = ReturnDialog.returnable(in: state.timeline.sorted { $0.at < $1.at })
            guard !purchases.isEmpty else {
                state.message = tr("%@ has no purchase left to return.", customer.name)
                return
            }
            state.mode.layer = ReturnDialog(customer: customer.id, purchases: purchases, in: state)
        case .logContact:
            // Contacts: every touchpoint that is not where purchases and returns are recorded.
            let all = state.catalog.sortedTouchpoints.sorted { $0.name < $1.name }
            let contacts = all.filter { $0.records == nil }
            state.mode.layer = ContactDialog(customer: customer.id, touchpoints: contacts.isEmpty ? all : contacts)
        case .survey:
            guard let moment = surveyed(in: state) else {
                state.message = tr("No contact to ask about: choose one in the timeline (3) that has no survey yet.")
                return
            }
            state.mode.layer = SurveyDialog(customer: customer.id, moment: moment)
        case .stage: state.mode.layer = StageDialog(customer: customer)
        case .merge:
            let found = CustomerRules.duplicates(of: draft(of: customer), in: state.store, excluding: customer.id)
            guard !found.isEmpty else {
                state.message = tr("No other customer shares %@'s phone, email, or name and birth date.", customer.name)
                return
            }
            state.mode.layer = MergeDialog(keep: customer.id, duplicates: found)
        default: break
        }
    }

    /// The moment `s` asks about: the one chosen in the timeline, or the
    /// latest contact without a survey.
    static func surveyed(in state: AppState) -> Moment? {
        let asked = Set(state.timeline.compactMap(\.surveyOf))
        func askable(_ moment: Moment) -> Bool {
            moment.surveyOf == nil && moment.returnOf == nil && !asked.contains(moment.id)
        }
        if state.focus == .timeline, !state.showingPoints, state.timeline.indices.contains(state.timelineSelected) {
            let chosen = state.timeline[state.timelineSelected]
            return askable(chosen) ? chosen : nil
        }
        return state.timeline.first(where: askable)
    }

    /// The customer's own contact fields, to find their duplicates by.
    private static func draft(of customer: Customer) -> CustomerDraft {
        var draft = CustomerDraft(fields: [.name: customer.name])
        draft.fields[.phone] = customer.phone
        draft.fields[.email] = customer.email
        draft.fields[.birthDate] = customer.birthDate?.description
        return draft
    }
}
