import Foundation

/// One customer's generated life: profile, timeline, ledger, incidents.
struct DemoCustomer {
    var customer: Customer
    var moments: [Moment]
    var ledger: [LedgerEntry]
    var incidents: [Incident]
    /// The steps of those incidents, for the customer's `incident-events` file.
    var incidentEvents: [IncidentEvent]
    var coupons: [Coupon]
    /// How many moments and ledger entries were made, once they are written.
    var momentCount = 0
    var ledgerCount = 0
}

/// The generator behind `Seeder`: walks each customer's life in time order
/// so that points, expiry, tiers and lifecycle follow from the purchases by
/// the program's own rules.
struct DemoWorld: Sendable {
    let options: SeedOptions
    let program = DemoCatalog.program
    /// The catalog's rewards, made once (each is made in the language in force).
    let rewards = DemoCatalog.rewards
    let touchpoints: [TouchpointID: Touchpoint]
    let playbooks: [TouchpointID: [Playbook]]
    let counterAgents: [AgentID]
    let now: Date
    /// The last incident number given: customers are made in parallel
    /// chunks, each starting where the chunks before it stopped.
    var incidentNumber = 0

    static let productFamilies = [
        "electrónica", "hogar", "moda", "deporte", "gourmet", "libros", "belleza", "juguetes",
    ]

    init(options: SeedOptions, agents: [Agent]) {
        self.options = options
        touchpoints = Dictionary(uniqueKeysWithValues: DemoCatalog.touchpoints.map { ($0.id, $0) })
        playbooks = Dictionary(grouping: DemoCatalog.playbooks, by: \.touchpoint)
        counterAgents = agents.filter { $0.active && $0.role == .agent }.map(\.id)
        // Data ends at 17:00 UTC on "today", a working afternoon.
        now = options.today.start.addingTimeInterval(17 * 3600)
    }

    private enum Habit { case prospect, occasional, regular, loyal, gone }

    /// What happens on a day of the customer's life.
    private enum Event {
        case contact(TouchpointID)
        case incident(Incident.Status)
    }

    mutating func customer(index: Int, momentsWanted: Double, rng: inout SeedRandom) -> DemoCustomer {
        let id = CustomerID(prefix: "C", number: index + 1)
        var customer = profile(id: id, rng: &rng)
        // The first customers each have an incident in one of the states, so
        // that even a small store shows every state.
        let forcedStatus = index < Incident.Status.allCases.count ? Incident.Status.allCases[index] : nil
        var habit = rng.weighted([(Habit.prospect, 5), (.occasional, 30), (.regular, 40), (.loyal, 15), (.gone, 10)])
        if forcedStatus != nil { habit = .regular }
        let windowStart = max(customer.customerSince, options.today.adding(days: -365 * options.years))
        var end = options.today
        if habit == .gone { end = options.today.adding(days: -rng.int(200...700)) }
        if end < windowStart { end = windowStart }
        var count = Int((momentsWanted * Double(rng.int(50...150)) / 100).rounded())
        if habit == .loyal { count = count * 3 / 2 }

        var life = Life(customer: id, rng: rng, program: program)
        var events: [(at: Date, event: Event)] = []
        // The first contact: sign-up at the counter, if it falls in the window.
        if customer.customerSince >= windowStart, habit != .prospect {
            events.append((time(on: customer.customerSince, rng: &life.rng), .contact("sign-up")))
            count -= 1
        }
        let span = max(1, windowStart.days(until: end))
        let contacts: [(TouchpointID, Int)] =
            habit == .prospect
            ? [("web-visit", 1), ("info-request", 1)]
            : [
                ("store-purchase", 30), ("online-purchase", 20), ("phone-support", 7), ("billing", 5), ("survey", 8),
                ("redemption", 6), ("returns", 3), ("repair", 2), ("web-visit", 4), ("renewal", 2), ("welcome", 1),
            ]
        for _ in 0..<max(count, 1) {
            let day = windowStart.adding(days: life.rng.int(0...span))
            events.append((time(on: day, rng: &life.rng), .contact(life.rng.weighted(contacts))))
        }
        if habit == .gone, life.rng.chance(0.4) {
            let day = min(options.today, end.adding(days: program.inactivityDays + life.rng.int(1...20)))
            events.append((time(on: day, rng: &life.rng), .contact("win-back")))
        }
        if habit != .prospect {
            let extra = forcedStatus == nil ? 0 : 1
            for number in 0..<(incidentCount(rng: &life.rng) + extra) {
                var status = life.rng.weighted([
                    (Incident.Status.open, 12), (.inProgress, 12), (.waitingOnCustomer, 6), (.resolved, 50),
                    (.closed, 20),
                ])
                // Beyond the usual few, incidents are past ones: a queue stays a queue.
                if number >= 1, options.incidents != nil {
                    status = life.rng.weighted([(.resolved, 70), (.closed, 30)])
                }
                if number == 0, let forcedStatus { status = forcedStatus }
                let openedAt =
                    status.isOpen
                    ? now.addingTimeInterval(-Double(life.rng.int(600...(4 * 86_400))))
                    : time(on: options.today.adding(days: -life.rng.int(2...(365 * options.years))), rng: &life.rng)
                events.append((openedAt, .incident(status)))
            }
        }
        events.sort { $0.at < $1.at }

        var incidents: [Incident] = []
        var incidentEvents: [IncidentEvent] = []
        var coupons: [Coupon] = []
        for (at, event) in events {
            life.settle(until: at)
            switch event {
            case .contact("store-purchase"), .contact("online-purchase"):
                if case .contact(let kind) = event { purchase(kind, at: at, habit: habit, life: &life) }
            case .contact("redemption"):
                if let reward = life.affordableReward(rewards) {
                    life.redeem(
                        reward,
                        moment: service("redemption", at: at, outcome: "redeemed: \(reward.name)", rng: &life.rng))
                } else {
                    purchase("store-purchase", at: at, habit: habit, life: &life)
                }
            case .contact(let kind):
                life.add(moment: service(kind, at: at, rng: &life.rng))
            case .incident(let status):
                let made = incident(for: customer, status: status, openedAt: at, life: &life)
                incidents.append(made.incident.incident)
                incidentEvents += made.incident.events
                if let coupon = made.coupon { coupons.append(coupon) }
            }
        }
        life.finish(today: options.today)
        customer.loyalty = life.standing(today: options.today)
        customer.lifecycle = lifecycle(customer: customer, life: life, habit: habit)
        customer.usualProducts = life.usualProducts()
        return DemoCustomer(
            customer: customer, moments: life.moments, ledger: life.ledger, incidents: incidents,
            incidentEvents: incidentEvents, coupons: coupons)
    }

    // MARK: Profile

    private func profile(id: CustomerID, rng: inout SeedRandom) -> Customer {
        let english = rng.chance(0.15)
        let given = rng.pick(english ? DemoPeople.englishGiven : DemoPeople.spanishGiven)
        let family = rng.pick(english ? DemoPeople.englishFamily : DemoPeople.spanishFamily)
        let second = english || rng.chance(0.3) ? "" : " " + rng.pick(DemoPeople.spanishFamily)
        let phone =
            english && rng.chance(0.5)
            ? "+44 7\(rng.int(100...999)) \(rng.int(100_000...999_999))"
            : "+34 6\(rng.int(10...99)) \(rng.int(100...999)) \(rng.int(100...999))"
        let email =
            rng.chance(0.9)
            ? DemoPeople.emailLocalPart(given: given, family: family) + (rng.chance(0.4) ? "\(rng.int(1...99))" : "")
                + "@" + rng.pick(DemoPeople.emailDomains)
            : nil
        let since = options.today.adding(days: -rng.int(10...(365 * (options.years + 3))))
        let birth =
            rng.chance(0.75) ? Day(year: rng.int(1945...2006), month: rng.int(1...12), day: rng.int(1...28)) : nil
        let marketing = rng.chance(0.7)
        var consents = [Consent(purpose: .service, granted: true, at: since.start.addingTimeInterval(10 * 3600))]
        consents.append(Consent(purpose: .marketing, granted: marketing, at: since.start.addingTimeInterval(10 * 3600)))
        if rng.chance(0.4) {
            consents.append(Consent(purpose: .profiling, granted: true, at: since.start.addingTimeInterval(10 * 3600)))
        }
        let handle = (given + family).lowercased().filter { $0.isASCII && $0.isLetter }
        return Customer(
            id: id, name: given + " " + family + second, phone: rng.chance(0.95) ? phone : nil, email: email,
            preferredChannel: rng.weighted([
                (Channel.counter, 30), (.phone, 25), (.email, 20), (.app, 15), (.chat, 5), (.social, 5),
            ]),
            birthDate: birth, occupation: rng.chance(0.6) ? rng.pick(DemoPeople.occupations) : nil,
            maritalStatus: rng.chance(0.5) ? rng.pick(MaritalStatus.allCases) : nil,
            tastes: optionalList(DemoPeople.tastes, rng: &rng),
            interests: optionalList(DemoPeople.interests, rng: &rng),
            hobbies: optionalList(DemoPeople.hobbies, rng: &rng), usualProducts: nil,
            socialHandles: rng.chance(0.25)
                ? [SocialHandle(network: rng.pick(DemoPeople.networks), handle: "@" + handle)] : nil,
            customerSince: since, lifecycle: .active, consents: consents)
    }

    private func optionalList(_ items: [String], rng: inout SeedRandom) -> [String]? {
        rng.chance(0.5) ? rng.sample(items, rng.int(1...3)) : nil
    }

    // MARK: Moments

    /// A time during opening hours (09:00–20:59 UTC) on `day`, never after now.
    private func time(on day: Day, rng: inout SeedRandom) -> Date {
        let at = day.start.addingTimeInterval(
            Double(rng.int(9 * 3600...(21 * 3600 - 1))) + Double(rng.int(0...999)) / 1000)
        return min(at, now.addingTimeInterval(-Double(rng.int(60...3600))))
    }

    private static let channels: [String: [Channel]] = [
        "web-visit": [.web], "info-request": [.email, .phone, .chat], "sign-up": [.counter],
        "welcome": [.post, .email],
        "store-purchase": [.counter], "online-purchase": [.web, .app], "delivery": [.post],
        "billing": [.email, .phone],
        "phone-support": [.phone], "complaint": [.counter, .phone], "returns": [.counter], "repair": [.counter],
        "redemption": [.counter, .app], "survey": [.email, .app], "renewal": [.phone, .counter], "win-back": [.phone],
    ]

    private static let outcomes: [String: [String]] = [
        "web-visit": ["browsed the catalogue", "left a question"],
        "info-request": ["answered with prices", "visit booked"],
        "sign-up": ["joined the club"], "welcome": ["welcome pack sent"],
        "delivery": ["delivered", "delivered, signed by a neighbour"],
        "billing": ["invoice explained", "direct debit updated"],
        "phone-support": ["solved on the call", "how-to explained"],
        "complaint": ["heard and solved"], "returns": ["refunded", "exchanged"],
        "repair": ["repaired", "diagnosed, awaiting part"],
        "survey": ["answered the survey"], "renewal": ["renewed"],
        "win-back": ["offer accepted", "not interested", "no answer"],
        "redemption": ["reward handed over"],
    ]

    private func service(_ touchpointID: TouchpointID, at: Date, outcome: String? = nil, rng: inout SeedRandom)
        -> Moment
    {
        let touchpoint = touchpoints[touchpointID]
        let staffed: Set<String> = [
            "sign-up", "store-purchase", "phone-support", "complaint", "returns", "repair", "redemption", "renewal",
            "win-back", "info-request", "billing",
        ]
        return Moment(
            id: MomentID("pending"), customer: "pending", touchpoint: touchpointID, at: at,
            channel: rng.pick(Self.channels[touchpointID.rawValue] ?? [.counter]),
            agent: staffed.contains(touchpointID.rawValue) && !counterAgents.isEmpty ? rng.pick(counterAgents) : nil,
            outcome: outcome ?? rng.pick(Self.outcomes[touchpointID.rawValue] ?? ["done"]),
            cost: touchpoint?.cost ?? .zero,
            serviceLevelMet: rng.chance(0.88), satisfaction: rng.chance(0.4) ? satisfaction(rng: &rng) : nil)
    }

    private func satisfaction(rng: inout SeedRandom) -> Int {
        rng.weighted([(1, 3), (2, 5), (3, 12), (4, 35), (5, 45)])
    }

    private func purchase(_ kind: TouchpointID, at: Date, habit: Habit, life: inout Life) {
        var moment = service(kind, at: at, rng: &life.rng)
        let euros = life.rng.int(8...(habit == .loyal ? 400 : 180))
        let family = life.rng.pick(Self.productFamilies)
        moment.amount = .euros(euros)
        moment.productFamily = family
        moment.outcome = "bought \(family), \(euros) €"
        life.add(moment: moment)
        life.earn(amount: .euros(euros), at: at, touchpoint: kind, family: family)
        if kind == "online-purchase", life.rng.chance(0.8) {
            let delivered = at.addingTimeInterval(Double(life.rng.int(20...70)) * 3600)
            if delivered < now { life.add(moment: service("delivery", at: delivered, rng: &life.rng)) }
        }
    }

    // MARK: Incidents

    /// How many incidents a (non-prospect) customer has: the usual spread,
    /// or on average what `options.incidents` asks for.
    private func incidentCount(rng: inout SeedRandom) -> Int {
        guard let wanted = options.incidents else { return rng.weighted([(0, 82), (1, 14), (2, 4)]) }
        // Prospects (about 5%) have none, so the others carry their share.
        let mean = Double(wanted) / Double(max(1, options.customers)) / 0.95
        let whole = Int(mean)
        return whole + (rng.chance(mean - Double(whole)) ? 1 : 0)
    }

    private mutating func incident(
        for customer: Customer, status wanted: Incident.Status, openedAt: Date, life: inout Life
    ) -> (incident: IncidentStep, coupon: Coupon?) {
        incidentNumber += 1
        let id = IncidentID(prefix: "I", number: incidentNumber)
        let withPlaybooks = Array(playbooks.keys).sorted()
        let touchpointID = life.rng.pick(withPlaybooks)
        let touchpoint = touchpoints[touchpointID] ?? DemoCatalog.touchpoints[0]
        let playbook = life.rng.pick(playbooks[touchpointID] ?? [])
        let status = wanted
        let kind = life.rng.weighted([
            (Incident.Kind.complaint, 40), (.inquiry, 25), (.doubt, 15), (.suggestion, 10), (.comment, 10),
        ])
        let sla = Double(touchpoint.serviceLevel.responseMinutes) * 60
        let tier = program.tier(life.standing(today: Day(containing: openedAt)).tier)
        let agent = counterAgents.isEmpty ? AgentID(options.supervisorLogin) : life.rng.pick(counterAgents)
        var incident = IncidentStep(
            Incident(
                id: id, customer: customer.id, kind: kind, subject: playbook.situation,
                priority: life.rng.weighted([(Incident.Priority.low, 15), (.normal, 55), (.high, 22), (.urgent, 8)]),
                status: status, touchpoint: touchpointID, openedAt: openedAt,
                dueAt: ServiceLevelRules.dueAt(openedAt: openedAt, touchpoint: touchpoint, tier: tier)))
        incident.log(Incident.Event(at: openedAt, by: agent, kind: .opened, text: playbook.situation))
        var contactMoment = service(
            touchpointID, at: openedAt, outcome: "\(kind.rawValue): \(playbook.situation)", rng: &life.rng)
        contactMoment.incident = id
        contactMoment.satisfaction = nil
        life.add(moment: contactMoment)
        if status == .open { return (incident, nil) }

        incident.assignee = agent
        incident.log(
            Incident.Event(at: openedAt.addingTimeInterval(120), by: agent, kind: .assigned, text: "taken by \(agent)"))
        if status == .inProgress || status.isWaiting {
            incident.log(
                Incident.Event(
                    at: openedAt.addingTimeInterval(600), by: agent, kind: .note, text: "checking with the customer"))
            if status.isWaiting {
                // The clock stopped a quarter of an hour in, as the counter does it.
                let pausedAt = openedAt.addingTimeInterval(900)
                incident.pausedSince = pausedAt
                incident.log(
                    Incident.Event(
                        at: pausedAt, by: agent, kind: .waiting,
                        text: status == .waitingOnCustomer
                            ? "on the customer: the receipt" : "on the partner: the repair workshop"))
            }
            return (incident, nil)
        }
        incident.contacts = life.rng.weighted([(1, 70), (2, 20), (3, 7), (4, 3)])
        let resolvedAt = min(
            now.addingTimeInterval(-60), openedAt.addingTimeInterval(sla * Double(life.rng.int(5...140)) / 100))
        for contact in 1..<max(incident.contacts, 1) {
            incident.log(
                Incident.Event(
                    at: openedAt.addingTimeInterval(Double(contact) * 1800), by: agent, kind: .contact,
                    text: "contact \(contact + 1)"))
        }
        incident.resolution = Incident.Resolution(
            summary: playbook.solution, playbook: playbook.id, at: resolvedAt, by: agent)
        incident.firstResolved = Incident.Stamp(at: resolvedAt, by: agent)
        incident.log(Incident.Event(at: resolvedAt, by: agent, kind: .resolved, text: playbook.solution))
        var coupon: Coupon?
        let missed = resolvedAt > incident.dueAt
        if let compensation = missed ? touchpoint.compensation : (life.rng.chance(0.3) ? playbook.compensation : nil) {
            incident.compensation = Incident.GrantedCompensation(
                compensation: compensation, grantedBy: agent, at: resolvedAt, forMissedServiceLevel: missed)
            incident.log(
                Incident.Event(at: resolvedAt, by: agent, kind: .compensated, text: compensation.description))
            switch compensation.kind {
            case .points:
                life.compensate(
                    points: compensation.points ?? 0, at: resolvedAt, incident: id, by: agent,
                    reason: compensation.description)
            case .coupon:
                let day = Day(containing: resolvedAt)
                coupon = Coupon(
                    id: CouponCode("CP-" + id.rawValue), customer: customer.id,
                    discountPercent: compensation.discountPercent ?? 10,
                    validFrom: day, validUntil: day.adding(days: 90),
                    usedAt: life.rng.chance(0.4)
                        ? min(now, resolvedAt.addingTimeInterval(Double(life.rng.int(1...60)) * 86_400)) : nil,
                    reason: compensation.description)
            case .treatment:
                break
            }
        }
        if life.rng.chance(0.6) {
            // Mostly recorded by the resolving agent; some by the survey team.
            let recorder = life.rng.chance(0.8) ? agent : AgentID(options.supervisorLogin)
            let score =
                missed ? life.rng.weighted([(1, 20), (2, 30), (3, 30), (4, 15), (5, 5)]) : satisfaction(rng: &life.rng)
            incident.rating = Incident.Rating(
                score: score, recordedBy: recorder, at: resolvedAt.addingTimeInterval(300))
            incident.log(
                Incident.Event(at: resolvedAt.addingTimeInterval(300), by: recorder, kind: .rated, text: "\(score)/5"))
        }
        // A few customers come back after the answer: reopened, then
        // resolved again, sometimes by someone else.
        let reopenedAt = resolvedAt.addingTimeInterval(86_400 * 2)
        if reopenedAt.addingTimeInterval(86_400) < now, life.rng.chance(0.06) {
            let second = life.rng.chance(0.5) ? agent : life.rng.pick(counterAgents.isEmpty ? [agent] : counterAgents)
            let againAt = reopenedAt.addingTimeInterval(Double(life.rng.int(1...20)) * 3600)
            incident.reopens = 1
            incident.contacts += 1
            incident.log(Incident.Event(at: reopenedAt, by: second, kind: .reopened))
            incident.resolution = Incident.Resolution(
                summary: playbook.solution, playbook: playbook.id, at: againAt, by: second)
            incident.log(Incident.Event(at: againAt, by: second, kind: .resolved, text: playbook.solution))
        }
        if status == .closed, let last = incident.resolution?.at {
            incident.log(Incident.Event(at: last.addingTimeInterval(86_400 * 2), by: agent, kind: .closed))
        }
        return (incident, coupon)
    }

    // MARK: Standing

    private func lifecycle(customer: Customer, life: Life, habit: Habit) -> LifecycleStage {
        guard let last = life.lastPurchase else { return .prospect }
        if customer.customerSince.days(until: options.today) < 60 { return .new }
        let idle = last.days(until: options.today)
        switch idle {
        case ..<120: return life.moments.contains { $0.touchpoint == "renewal" } ? .renewed : .active
        case ..<240: return .atRisk
        case ..<365: return .lapsed
        default: return .churned
        }
    }
}
