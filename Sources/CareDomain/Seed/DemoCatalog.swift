/// The demo store's catalog: a retailer with counters, a web shop and a
/// contact centre. Touchpoints follow DOMAIN.md (owner, participants,
/// process, cost, impact, service level, compensation) across the lifecycle.
enum DemoCatalog {
    static let program = LoyaltyProgram(
        name: "Club Cuidado", pointsPerEuro: 1, pointsExpiryMonths: 12, inactivityDays: 180, tierWindowMonths: 12,
        tierTermMonths: 12,
        tiers: [
            Tier(id: "silver", name: "Silver", threshold: 300, earnPercent: 110, serviceLevelPercent: 100),
            Tier(
                id: "gold", name: "Gold", threshold: 900, earnPercent: 125, serviceLevelPercent: 50,
                freeRewards: ["coffee"]),
            Tier(
                id: "platinum", name: "Platinum", threshold: 2500, earnPercent: 150, serviceLevelPercent: 25,
                freeRewards: ["coffee", "tote"]),
        ],
        earnRules: [
            EarnRule(touchpoint: "online-purchase", percent: 120),
            EarnRule(productFamily: "libros", percent: 200),
        ],
        crossSell: [
            CrossSell(productFamily: "electrónica", suggestion: "the extended warranty"),
            CrossSell(productFamily: "hogar", suggestion: "the new linen collection"),
            CrossSell(productFamily: "moda", suggestion: "the season's accessories"),
            CrossSell(productFamily: "deporte", suggestion: "the running club sessions"),
            CrossSell(productFamily: "gourmet", suggestion: "the tasting evenings"),
            CrossSell(productFamily: "libros", suggestion: "the reading club"),
            CrossSell(productFamily: "belleza", suggestion: "a skin consultation"),
            CrossSell(productFamily: "juguetes", suggestion: "gift wrapping and the kids' workshop"),
        ],
        redemptionTouchpoint: "redemption",
        margins: Margins(
            percent: 30,
            byFamily: [
                "electrónica": 12, "hogar": 28, "moda": 45, "deporte": 30, "gourmet": 35, "libros": 25, "belleza": 50,
                "juguetes": 32,
            ]),
        priorityTimes: .demo,
        cannedNotes: [
            "*": ["Llamé al cliente: ", "Prometido: "],
            "Counter": ["Cliente atendido en mostrador; ", "Pendiente de recibir el producto en tienda"],
            "Contact centre": ["Devolveré la llamada antes de las ", "Enviado correo con "],
            "Customer care": ["Escalado a la tienda: ", "Compensación explicada al cliente"],
        ])

    static let rewards = [
        Reward(id: "coffee", name: "Café y bollería", points: 100, cost: 180),
        Reward(id: "tote", name: "Bolsa de tela", points: 250, cost: 400),
        Reward(id: "voucher-10", name: "Vale de 10 €", points: 500, cost: 1000),
        Reward(id: "headphones", name: "Auriculares", points: 800, money: .euros(15), cost: .euros(30)),
        Reward(id: "weekend", name: "Fin de semana rural", points: 4000, money: .euros(60), cost: .euros(180)),
    ]

    private static func points(_ points: Int, _ text: String) -> Compensation {
        Compensation(kind: .points, points: points, value: Cents(points), description: text)
    }

    /// The contact centre's hours: a call left on Saturday evening is
    /// answered on Monday morning, and national holidays are closed.
    static let contactCentreHours = BusinessHours(
        timeZone: "Europe/Madrid",
        week: ["mon", "tue", "wed", "thu", "fri"].reduce(into: ["sat": ["09:00-15:00"]]) { $0[$1] = ["08:00-22:00"] },
        closed: ["2026-01-01", "2026-01-06", "2026-12-08", "2026-12-25", "2027-01-01", "2027-01-06"].compactMap(
            Day.init))

    private static func coupon(_ percent: Int, value: Cents, _ text: String) -> Compensation {
        Compensation(kind: .coupon, discountPercent: percent, value: value, description: text)
    }

    private static func treatment(_ value: Cents, _ text: String) -> Compensation {
        Compensation(kind: .treatment, value: value, description: text)
    }

    private static func minutes(hours: Int) -> Int { hours * 60 }

    static let touchpoints: [Touchpoint] = [
        Touchpoint(
            id: "web-visit", name: "Web visit", stage: .prospect, ownerArea: "Marketing",
            participants: [Participant(who: "web agency", does: "keeps the catalogue pages up")],
            process: ["visitor browses", "asks for information or leaves"], cost: 5, impact: 2,
            serviceLevel: ServiceLevel(
                promise: "answer web questions within 24 h", responseMinutes: minutes(hours: 24)),
            compensation: coupon(5, value: 200, "5% welcome coupon")),
        Touchpoint(
            id: "info-request", name: "Information request", stage: .prospect, ownerArea: "Sales",
            participants: [Participant(who: "sales assistant", does: "answers and books a visit")],
            process: ["request logged", "answer with prices and availability", "invite to the shop"], cost: 150,
            impact: 3,
            serviceLevel: ServiceLevel(promise: "answer within 8 h", responseMinutes: minutes(hours: 8)),
            compensation: coupon(10, value: 500, "10% first-purchase coupon")),
        Touchpoint(
            id: "sign-up", name: "Loyalty sign-up at the counter", stage: .new, ownerArea: "Counter",
            participants: [Participant(who: "counter agent", does: "registers the customer and consents")],
            process: ["collect only the data used", "record consents", "hand over the card"], cost: 200, impact: 4,
            serviceLevel: ServiceLevel(promise: "card active within 1 h", responseMinutes: minutes(hours: 1)),
            compensation: points(100, "100 welcome points")),
        Touchpoint(
            id: "welcome", name: "Welcome pack", stage: .new, ownerArea: "Loyalty",
            participants: [Participant(who: "mailing partner", does: "sends the welcome pack")],
            process: ["pack prepared", "sent by post or email"], cost: 300, impact: 3,
            serviceLevel: ServiceLevel(promise: "pack within 7 days", responseMinutes: minutes(hours: 24 * 7)),
            compensation: points(150, "150 points for the delay")),
        Touchpoint(
            id: "store-purchase", name: "Purchase in store", stage: .active, ownerArea: "Counter",
            participants: [Participant(who: "cashier", does: "charges and applies points")],
            process: ["greet", "charge", "apply points and coupons", "thank"], cost: 120, impact: 4,
            serviceLevel: ServiceLevel(promise: "served within 10 minutes", responseMinutes: 10),
            compensation: coupon(5, value: 300, "5% off the next purchase"), records: .purchases),
        Touchpoint(
            id: "online-purchase", name: "Online purchase", stage: .active, ownerArea: "E-commerce",
            participants: [Participant(who: "payment provider", does: "authorises the payment")],
            process: ["order", "payment", "confirmation email"], cost: 60, impact: 3,
            serviceLevel: ServiceLevel(promise: "confirmation within 1 h", responseMinutes: minutes(hours: 1)),
            compensation: points(50, "50 points for the wait"), records: .purchases),
        Touchpoint(
            id: "delivery", name: "Home delivery", stage: .active, ownerArea: "Logistics",
            participants: [Participant(who: "courier partner", does: "delivers and collects the signature")],
            process: ["pick", "ship", "deliver in the agreed slot"], cost: 650, impact: 5,
            serviceLevel: ServiceLevel(promise: "delivered within 48 h", responseMinutes: minutes(hours: 48)),
            compensation: points(300, "300 points for the late delivery")),
        Touchpoint(
            id: "billing", name: "Invoice and billing", stage: .active, ownerArea: "Billing",
            participants: [Participant(who: "bank", does: "processes direct debits")],
            process: ["issue invoice", "charge", "answer billing questions"], cost: 90, impact: 3,
            serviceLevel: ServiceLevel(
                promise: "billing errors fixed within 72 h", responseMinutes: minutes(hours: 72)),
            compensation: coupon(10, value: 800, "10% off for the billing error")),
        Touchpoint(
            id: "phone-support", name: "Phone support", stage: .active, ownerArea: "Contact centre",
            participants: [Participant(who: "contact-centre agent", does: "answers and solves on the call")],
            process: ["identify the customer", "understand the need", "solve on the first call"], cost: 450, impact: 4,
            serviceLevel: ServiceLevel(promise: "answered within 4 h", responseMinutes: minutes(hours: 4)),
            compensation: points(100, "100 points for the wait"), hours: contactCentreHours),
        Touchpoint(
            id: "complaint", name: "Complaint at the counter", stage: .active, ownerArea: "Customer care",
            participants: [Participant(who: "counter agent", does: "listens, decides and solves")],
            process: [
                "listen without interrupting", "apply the playbook", "compensate within authority",
                "confirm satisfaction",
            ],
            cost: 800, impact: 5,
            serviceLevel: ServiceLevel(promise: "resolved within 24 h", responseMinutes: minutes(hours: 24)),
            compensation: points(500, "500 points and an apology")),
        Touchpoint(
            id: "returns", name: "Return or refund", stage: .active, ownerArea: "Counter",
            participants: [Participant(who: "warehouse", does: "checks the returned item")],
            process: ["check the receipt", "inspect", "refund or exchange"], cost: 400, impact: 4,
            serviceLevel: ServiceLevel(promise: "refund within 5 days", responseMinutes: minutes(hours: 120)),
            compensation: coupon(15, value: 1200, "15% coupon for the delay"), records: .returns),
        Touchpoint(
            id: "repair", name: "Technical repair", stage: .active, ownerArea: "After-sales",
            participants: [Participant(who: "repair partner", does: "diagnoses and repairs")],
            process: ["diagnose", "quote", "repair", "return to customer"], cost: 1500, impact: 5,
            serviceLevel: ServiceLevel(promise: "repaired within 10 days", responseMinutes: minutes(hours: 240)),
            compensation: treatment(2500, "loan device and priority repair")),
        Touchpoint(
            id: "redemption", name: "Points redemption", stage: .active, ownerArea: "Loyalty",
            participants: [Participant(who: "reward supplier", does: "ships the reward")],
            process: ["check balance", "redeem", "hand over or ship the reward"], cost: 100, impact: 4,
            serviceLevel: ServiceLevel(promise: "reward within 5 days", responseMinutes: minutes(hours: 120)),
            compensation: points(200, "200 points for the delay")),
        Touchpoint(
            id: "survey", name: "Satisfaction survey", stage: .active, ownerArea: "Quality",
            participants: [Participant(who: "survey provider", does: "sends and collects the survey")],
            process: ["send after the contact", "collect", "follow up low scores"], cost: 30, impact: 2,
            serviceLevel: ServiceLevel(
                promise: "low scores called back within 48 h", responseMinutes: minutes(hours: 48)),
            compensation: points(50, "50 points for the feedback")),
        Touchpoint(
            id: "renewal", name: "Membership renewal", stage: .renewed, ownerArea: "Sales",
            participants: [Participant(who: "account manager", does: "reviews the customer's year")],
            process: ["review the year", "offer the renewal", "confirm"], cost: 350, impact: 4,
            serviceLevel: ServiceLevel(promise: "renewal confirmed within 24 h", responseMinutes: minutes(hours: 24)),
            compensation: treatment(1500, "free month of premium service")),
        Touchpoint(
            id: "win-back", name: "Win-back call", stage: .lapsed, ownerArea: "Retention",
            participants: [Participant(who: "retention agent", does: "calls lapsed customers with an offer")],
            process: ["call", "understand why they left", "personalised offer"], cost: 500, impact: 4,
            serviceLevel: ServiceLevel(
                promise: "called within 7 days of lapsing", responseMinutes: minutes(hours: 168)),
            compensation: coupon(20, value: 1500, "20% come-back coupon")),
    ]

    static let playbooks: [Playbook] = [
        Playbook(
            id: "late-delivery", touchpoint: "delivery", situation: "The delivery arrived late",
            solution: "Apologise, confirm the new slot, credit points",
            compensation: points(300, "300 points for the late delivery")),
        Playbook(
            id: "damaged-item", touchpoint: "delivery", situation: "The item arrived damaged",
            solution: "Replace at once from the shop's stock",
            compensation: coupon(10, value: 800, "10% off the replacement")),
        Playbook(
            id: "wrong-invoice", touchpoint: "billing", situation: "The invoice has a wrong amount",
            solution: "Issue a corrected invoice and refund the difference today",
            compensation: coupon(10, value: 800, "10% off for the billing error")),
        Playbook(
            id: "double-charge", touchpoint: "billing", situation: "The customer was charged twice",
            solution: "Refund the duplicate charge on the spot", compensation: points(500, "500 points and an apology")),
        Playbook(
            id: "slow-counter", touchpoint: "store-purchase", situation: "Long wait at the counter",
            solution: "Apologise and serve at once", compensation: coupon(5, value: 300, "5% off the next purchase")),
        Playbook(
            id: "points-missing", touchpoint: "store-purchase", situation: "Points of a purchase are missing",
            solution: "Credit the points from the receipt"),
        Playbook(
            id: "payment-failed", touchpoint: "online-purchase", situation: "The online payment failed but was charged",
            solution: "Confirm the order manually and check the charge",
            compensation: points(100, "100 points for the trouble")),
        Playbook(
            id: "refund-late", touchpoint: "returns", situation: "The refund has not arrived",
            solution: "Trigger the refund today and give the reference",
            compensation: coupon(15, value: 1200, "15% coupon for the delay")),
        Playbook(
            id: "no-receipt", touchpoint: "returns", situation: "Return without a receipt",
            solution: "Find the purchase in the timeline and refund as store credit"),
        Playbook(
            id: "repair-delay", touchpoint: "repair", situation: "The repair is taking too long",
            solution: "Lend a device and escalate with the partner",
            compensation: treatment(2500, "loan device and priority repair")),
        Playbook(
            id: "repair-again", touchpoint: "repair", situation: "The same fault came back",
            solution: "Replace the product instead of repairing again",
            compensation: points(1000, "1,000 points for the inconvenience")),
        Playbook(
            id: "rude-staff", touchpoint: "complaint", situation: "The customer felt badly treated",
            solution: "Listen, apologise in person, record it for the supervisor",
            compensation: points(500, "500 points and an apology")),
        Playbook(
            id: "wait-call", touchpoint: "phone-support", situation: "Long wait on the phone",
            solution: "Solve now and offer a call-back number", compensation: points(100, "100 points for the wait")),
        Playbook(
            id: "reward-late", touchpoint: "redemption", situation: "The reward has not arrived",
            solution: "Resend the reward with tracking", compensation: points(200, "200 points for the delay")),
        Playbook(
            id: "card-inactive", touchpoint: "sign-up", situation: "The loyalty card does not work",
            solution: "Activate it at the counter and credit welcome points",
            compensation: points(100, "100 welcome points")),
        Playbook(
            id: "info-answer", touchpoint: "info-request", situation: "A question about a product",
            solution: "Answer on the spot with price and availability"),
        Playbook(
            id: "survey-low", touchpoint: "survey", situation: "A low survey score",
            solution: "Call back, understand the cause, fix it", compensation: points(50, "50 points for the feedback")),
        Playbook(
            id: "renewal-doubt", touchpoint: "renewal", situation: "Unsure about renewing",
            solution: "Review the benefits used this year",
            compensation: treatment(1500, "free month of premium service")),
    ]

    /// The demo team; the login that runs `care seed` joins as supervisor.
    static let agents: [Agent] = [
        Agent(id: "mgarcia", name: "María García", role: .agent, area: "Counter", authorityLimit: .euros(20)),
        Agent(id: "jnunez", name: "José Núñez", role: .agent, area: "Counter", authorityLimit: .euros(20)),
        Agent(id: "bibanez", name: "Begoña Ibáñez", role: .agent, area: "Customer care", authorityLimit: .euros(40)),
        Agent(id: "ralvarez", name: "Raúl Álvarez", role: .agent, area: "Contact centre", authorityLimit: .euros(15)),
        Agent(id: "esmith", name: "Emma Smith", role: .agent, area: "Contact centre", authorityLimit: .euros(15)),
        Agent(id: "imunoz", name: "Íñigo Muñoz", role: .agent, area: "After-sales", authorityLimit: .euros(30)),
        Agent(id: "lromero", name: "Lucía Romero", role: .agent, area: "Customer care", authorityLimit: .euros(40)),
        Agent(
            id: "tclarke", name: "Thomas Clarke", role: .agent, area: "Counter", authorityLimit: .euros(20),
            active: false),
    ]
}
