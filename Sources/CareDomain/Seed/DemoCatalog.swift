/// The demo store's catalog: a retailer with counters, a web shop and a
/// contact centre. Touchpoints follow DOMAIN.md (owner, participants,
/// process, cost, impact, service level, compensation) across the lifecycle.
enum DemoCatalog {
    /// Made when asked, in the language in force (care seed writes it so).
    static var program: LoyaltyProgram {
        LoyaltyProgram(
            name: tr("Club Cuidado"), pointsPerEuro: 1, pointsExpiryMonths: 12, inactivityDays: 180,
            tierWindowMonths: 12,
            tierTermMonths: 12,
            tiers: [
                Tier(id: "silver", name: tr("Silver"), threshold: 300, earnPercent: 110, serviceLevelPercent: 100),
                Tier(
                    id: "gold", name: tr("Gold"), threshold: 900, earnPercent: 125, serviceLevelPercent: 50,
                    freeRewards: ["coffee"]),
                Tier(
                    id: "platinum", name: tr("Platinum"), threshold: 2500, earnPercent: 150, serviceLevelPercent: 25,
                    freeRewards: ["coffee", "tote"]),
            ],
            earnRules: [
                EarnRule(touchpoint: "online-purchase", percent: 120),
                EarnRule(productFamily: "libros", percent: 200),
            ],
            crossSell: [
                CrossSell(productFamily: "electrónica", suggestion: tr("the extended warranty")),
                CrossSell(productFamily: "hogar", suggestion: tr("the new linen collection")),
                CrossSell(productFamily: "moda", suggestion: tr("the season's accessories")),
                CrossSell(productFamily: "deporte", suggestion: tr("the running club sessions")),
                CrossSell(productFamily: "gourmet", suggestion: tr("the tasting evenings")),
                CrossSell(productFamily: "libros", suggestion: tr("the reading club")),
                CrossSell(productFamily: "belleza", suggestion: tr("a skin consultation")),
                CrossSell(productFamily: "juguetes", suggestion: tr("gift wrapping and the kids' workshop")),
            ],
            redemptionTouchpoint: "redemption",
            margins: Margins(
                percent: 30,
                byFamily: [
                    "electrónica": 12, "hogar": 28, "moda": 45, "deporte": 30, "gourmet": 35, "libros": 25,
                    "belleza": 50,
                    "juguetes": 32,
                ]),
            priorityTimes: .demo,
            cannedNotes: [
                "*": ["Llamé al cliente: ", "Prometido: "],
                tr("Counter"): ["Cliente atendido en mostrador; ", "Pendiente de recibir el producto en tienda"],
                tr("Contact centre"): ["Devolveré la llamada antes de las ", "Enviado correo con "],
                tr("Customer care"): ["Escalado a la tienda: ", "Compensación explicada al cliente"],
            ])
    }

    /// Made when asked, in the language in force (care seed writes it so).
    static var rewards: [Reward] {
        [
            Reward(id: "coffee", name: tr("Coffee and a pastry"), points: 100, cost: 180),
            Reward(id: "tote", name: tr("Tote bag"), points: 250, cost: 400),
            Reward(id: "voucher-10", name: tr("10 € voucher"), points: 500, cost: 1000),
            Reward(id: "headphones", name: tr("Headphones"), points: 800, money: .euros(15), cost: .euros(30)),
            Reward(id: "weekend", name: tr("Country weekend"), points: 4000, money: .euros(60), cost: .euros(180)),
        ]
    }

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

    /// Made when asked, in the language in force (care seed writes it so).
    static var touchpoints: [Touchpoint] {
        [
            Touchpoint(
                id: "web-visit", name: tr("Web visit"), stage: .prospect, ownerArea: tr("Marketing"),
                participants: [Participant(who: tr("web agency"), does: tr("keeps the catalogue pages up"))],
                process: [tr("visitor browses"), tr("asks for information or leaves")], cost: 5, impact: 2,
                serviceLevel: ServiceLevel(
                    promise: tr("answer web questions within 24 h"), responseMinutes: minutes(hours: 24)),
                compensation: coupon(5, value: 200, tr("5% welcome coupon"))),
            Touchpoint(
                id: "info-request", name: tr("Information request"), stage: .prospect, ownerArea: tr("Sales"),
                participants: [Participant(who: tr("sales assistant"), does: tr("answers and books a visit"))],
                process: [tr("request logged"), tr("answer with prices and availability"), tr("invite to the shop")],
                cost: 150,
                impact: 3,
                serviceLevel: ServiceLevel(promise: tr("answer within 8 h"), responseMinutes: minutes(hours: 8)),
                compensation: coupon(10, value: 500, tr("10% first-purchase coupon"))),
            Touchpoint(
                id: "sign-up", name: tr("Loyalty sign-up at the counter"), stage: .new, ownerArea: tr("Counter"),
                participants: [Participant(who: tr("counter agent"), does: tr("registers the customer and consents"))],
                process: [tr("collect only the data used"), tr("record consents"), tr("hand over the card")], cost: 200,
                impact: 4,
                serviceLevel: ServiceLevel(promise: tr("card active within 1 h"), responseMinutes: minutes(hours: 1)),
                compensation: points(100, tr("100 welcome points"))),
            Touchpoint(
                id: "welcome", name: tr("Welcome pack"), stage: .new, ownerArea: tr("Loyalty"),
                participants: [Participant(who: tr("mailing partner"), does: tr("sends the welcome pack"))],
                process: [tr("pack prepared"), tr("sent by post or email")], cost: 300, impact: 3,
                serviceLevel: ServiceLevel(promise: tr("pack within 7 days"), responseMinutes: minutes(hours: 24 * 7)),
                compensation: points(150, tr("150 points for the delay"))),
            Touchpoint(
                id: "store-purchase", name: tr("Purchase in store"), stage: .active, ownerArea: tr("Counter"),
                participants: [Participant(who: tr("cashier"), does: tr("charges and applies points"))],
                process: [tr("greet"), tr("charge"), tr("apply points and coupons"), tr("thank")], cost: 120, impact: 4,
                serviceLevel: ServiceLevel(promise: tr("served within 10 minutes"), responseMinutes: 10),
                compensation: coupon(5, value: 300, tr("5% off the next purchase")), records: .purchases),
            Touchpoint(
                id: "online-purchase", name: tr("Online purchase"), stage: .active, ownerArea: tr("E-commerce"),
                participants: [Participant(who: tr("payment provider"), does: tr("authorises the payment"))],
                process: [tr("order"), tr("payment"), tr("confirmation email")], cost: 60, impact: 3,
                serviceLevel: ServiceLevel(promise: tr("confirmation within 1 h"), responseMinutes: minutes(hours: 1)),
                compensation: points(50, tr("50 points for the wait")), records: .purchases),
            Touchpoint(
                id: "delivery", name: tr("Home delivery"), stage: .active, ownerArea: tr("Logistics"),
                participants: [
                    Participant(who: tr("courier partner"), does: tr("delivers and collects the signature"))
                ],
                process: [tr("pick"), tr("ship"), tr("deliver in the agreed slot")], cost: 650, impact: 5,
                serviceLevel: ServiceLevel(promise: tr("delivered within 48 h"), responseMinutes: minutes(hours: 48)),
                compensation: points(300, tr("300 points for the late delivery"))),
            Touchpoint(
                id: "billing", name: tr("Invoice and billing"), stage: .active, ownerArea: tr("Billing"),
                participants: [Participant(who: tr("bank"), does: tr("processes direct debits"))],
                process: [tr("issue invoice"), tr("charge"), tr("answer billing questions")], cost: 90, impact: 3,
                serviceLevel: ServiceLevel(
                    promise: tr("billing errors fixed within 72 h"), responseMinutes: minutes(hours: 72)),
                compensation: coupon(10, value: 800, tr("10% off for the billing error"))),
            Touchpoint(
                id: "phone-support", name: tr("Phone support"), stage: .active, ownerArea: tr("Contact centre"),
                participants: [
                    Participant(who: tr("contact-centre agent"), does: tr("answers and solves on the call"))
                ],
                process: [tr("identify the customer"), tr("understand the need"), tr("solve on the first call")],
                cost: 450, impact: 4,
                serviceLevel: ServiceLevel(promise: tr("answered within 4 h"), responseMinutes: minutes(hours: 4)),
                compensation: points(100, tr("100 points for the wait")), hours: contactCentreHours),
            Touchpoint(
                id: "complaint", name: tr("Complaint at the counter"), stage: .active, ownerArea: tr("Customer care"),
                participants: [Participant(who: tr("counter agent"), does: tr("listens, decides and solves"))],
                process: [
                    tr("listen without interrupting"), tr("apply the playbook"), tr("compensate within authority"),
                    tr("confirm satisfaction"),
                ],
                cost: 800, impact: 5,
                serviceLevel: ServiceLevel(promise: tr("resolved within 24 h"), responseMinutes: minutes(hours: 24)),
                compensation: points(500, tr("500 points and an apology"))),
            Touchpoint(
                id: "returns", name: tr("Return or refund"), stage: .active, ownerArea: tr("Counter"),
                participants: [Participant(who: tr("warehouse"), does: tr("checks the returned item"))],
                process: [tr("check the receipt"), tr("inspect"), tr("refund or exchange")], cost: 400, impact: 4,
                serviceLevel: ServiceLevel(promise: tr("refund within 5 days"), responseMinutes: minutes(hours: 120)),
                compensation: coupon(15, value: 1200, tr("15% coupon for the delay")), records: .returns),
            Touchpoint(
                id: "repair", name: tr("Technical repair"), stage: .active, ownerArea: tr("After-sales"),
                participants: [Participant(who: tr("repair partner"), does: tr("diagnoses and repairs"))],
                process: [tr("diagnose"), tr("quote"), tr("repair"), tr("return to customer")], cost: 1500, impact: 5,
                serviceLevel: ServiceLevel(
                    promise: tr("repaired within 10 days"), responseMinutes: minutes(hours: 240)),
                compensation: treatment(2500, tr("loan device and priority repair"))),
            Touchpoint(
                id: "redemption", name: tr("Points redemption"), stage: .active, ownerArea: tr("Loyalty"),
                participants: [Participant(who: tr("reward supplier"), does: tr("ships the reward"))],
                process: [tr("check balance"), tr("redeem"), tr("hand over or ship the reward")], cost: 100, impact: 4,
                serviceLevel: ServiceLevel(promise: tr("reward within 5 days"), responseMinutes: minutes(hours: 120)),
                compensation: points(200, tr("200 points for the delay"))),
            Touchpoint(
                id: "survey", name: tr("Satisfaction survey"), stage: .active, ownerArea: tr("Quality"),
                participants: [Participant(who: tr("survey provider"), does: tr("sends and collects the survey"))],
                process: [tr("send after the contact"), tr("collect"), tr("follow up low scores")], cost: 30, impact: 2,
                serviceLevel: ServiceLevel(
                    promise: tr("low scores called back within 48 h"), responseMinutes: minutes(hours: 48)),
                compensation: points(50, tr("50 points for the feedback"))),
            Touchpoint(
                id: "renewal", name: tr("Membership renewal"), stage: .renewed, ownerArea: tr("Sales"),
                participants: [Participant(who: tr("account manager"), does: tr("reviews the customer's year"))],
                process: [tr("review the year"), tr("offer the renewal"), tr("confirm")], cost: 350, impact: 4,
                serviceLevel: ServiceLevel(
                    promise: tr("renewal confirmed within 24 h"), responseMinutes: minutes(hours: 24)),
                compensation: treatment(1500, tr("free month of premium service"))),
            Touchpoint(
                id: "win-back", name: tr("Win-back call"), stage: .lapsed, ownerArea: tr("Retention"),
                participants: [
                    Participant(who: tr("retention agent"), does: tr("calls lapsed customers with an offer"))
                ],
                process: [tr("call"), tr("understand why they left"), tr("personalised offer")], cost: 500, impact: 4,
                serviceLevel: ServiceLevel(
                    promise: tr("called within 7 days of lapsing"), responseMinutes: minutes(hours: 168)),
                compensation: coupon(20, value: 1500, tr("20% come-back coupon"))),
        ]
    }

    /// Made when asked, in the language in force (care seed writes it so).
    static var playbooks: [Playbook] {
        [
            Playbook(
                id: "late-delivery", touchpoint: "delivery", situation: tr("The delivery arrived late"),
                solution: tr("Apologise, confirm the new slot, credit points"),
                compensation: points(300, tr("300 points for the late delivery"))),
            Playbook(
                id: "damaged-item", touchpoint: "delivery", situation: tr("The item arrived damaged"),
                solution: tr("Replace at once from the shop's stock"),
                compensation: coupon(10, value: 800, tr("10% off the replacement"))),
            Playbook(
                id: "wrong-invoice", touchpoint: "billing", situation: tr("The invoice has a wrong amount"),
                solution: tr("Issue a corrected invoice and refund the difference today"),
                compensation: coupon(10, value: 800, tr("10% off for the billing error"))),
            Playbook(
                id: "double-charge", touchpoint: "billing", situation: tr("The customer was charged twice"),
                solution: tr("Refund the duplicate charge on the spot"),
                compensation: points(500, tr("500 points and an apology"))),
            Playbook(
                id: "slow-counter", touchpoint: "store-purchase", situation: tr("Long wait at the counter"),
                solution: tr("Apologise and serve at once"),
                compensation: coupon(5, value: 300, tr("5% off the next purchase"))),
            Playbook(
                id: "points-missing", touchpoint: "store-purchase", situation: tr("Points of a purchase are missing"),
                solution: tr("Credit the points from the receipt")),
            Playbook(
                id: "payment-failed", touchpoint: "online-purchase",
                situation: tr("The online payment failed but was charged"),
                solution: tr("Confirm the order manually and check the charge"),
                compensation: points(100, tr("100 points for the trouble"))),
            Playbook(
                id: "refund-late", touchpoint: "returns", situation: tr("The refund has not arrived"),
                solution: tr("Trigger the refund today and give the reference"),
                compensation: coupon(15, value: 1200, tr("15% coupon for the delay"))),
            Playbook(
                id: "no-receipt", touchpoint: "returns", situation: tr("Return without a receipt"),
                solution: tr("Find the purchase in the timeline and refund as store credit")),
            Playbook(
                id: "repair-delay", touchpoint: "repair", situation: tr("The repair is taking too long"),
                solution: tr("Lend a device and escalate with the partner"),
                compensation: treatment(2500, tr("loan device and priority repair"))),
            Playbook(
                id: "repair-again", touchpoint: "repair", situation: tr("The same fault came back"),
                solution: tr("Replace the product instead of repairing again"),
                compensation: points(1000, tr("1,000 points for the inconvenience"))),
            Playbook(
                id: "rude-staff", touchpoint: "complaint", situation: tr("The customer felt badly treated"),
                solution: tr("Listen, apologise in person, record it for the supervisor"),
                compensation: points(500, tr("500 points and an apology"))),
            Playbook(
                id: "wait-call", touchpoint: "phone-support", situation: tr("Long wait on the phone"),
                solution: tr("Solve now and offer a call-back number"),
                compensation: points(100, tr("100 points for the wait"))),
            Playbook(
                id: "reward-late", touchpoint: "redemption", situation: tr("The reward has not arrived"),
                solution: tr("Resend the reward with tracking"),
                compensation: points(200, tr("200 points for the delay"))),
            Playbook(
                id: "card-inactive", touchpoint: "sign-up", situation: tr("The loyalty card does not work"),
                solution: tr("Activate it at the counter and credit welcome points"),
                compensation: points(100, tr("100 welcome points"))),
            Playbook(
                id: "info-answer", touchpoint: "info-request", situation: tr("A question about a product"),
                solution: tr("Answer on the spot with price and availability")),
            Playbook(
                id: "survey-low", touchpoint: "survey", situation: tr("A low survey score"),
                solution: tr("Call back, understand the cause, fix it"),
                compensation: points(50, tr("50 points for the feedback"))),
            Playbook(
                id: "renewal-doubt", touchpoint: "renewal", situation: tr("Unsure about renewing"),
                solution: tr("Review the benefits used this year"),
                compensation: treatment(1500, tr("free month of premium service"))),
        ]
    }

    /// The demo team; the login that runs `care seed` joins as supervisor.
    /// Made when asked, in the language in force (care seed writes it so).
    static var agents: [Agent] {
        [
            Agent(id: "mgarcia", name: "María García", role: .agent, area: tr("Counter"), authorityLimit: .euros(20)),
            Agent(id: "jnunez", name: "José Núñez", role: .agent, area: tr("Counter"), authorityLimit: .euros(20)),
            Agent(
                id: "bibanez", name: "Begoña Ibáñez", role: .agent, area: tr("Customer care"),
                authorityLimit: .euros(40)),
            Agent(
                id: "ralvarez", name: "Raúl Álvarez", role: .agent, area: tr("Contact centre"),
                authorityLimit: .euros(15)),
            Agent(
                id: "esmith", name: "Emma Smith", role: .agent, area: tr("Contact centre"), authorityLimit: .euros(15)),
            Agent(id: "imunoz", name: "Íñigo Muñoz", role: .agent, area: tr("After-sales"), authorityLimit: .euros(30)),
            Agent(
                id: "lromero", name: "Lucía Romero", role: .agent, area: tr("Customer care"), authorityLimit: .euros(40)
            ),
            Agent(
                id: "tclarke", name: "Thomas Clarke", role: .agent, area: "Counter", authorityLimit: .euros(20),
                active: false),
        ]
    }
}
