/// Why a points or coupon step was refused, in words for the agent.
public enum LoyaltyRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case noProgram
    case unknownCustomer(CustomerID)
    case blockedCustomer(CustomerID)
    case unknownReward(RewardID)
    case unknownTouchpoint(TouchpointID)
    case rewardWithdrawn(String)
    case short(balance: Int, needed: Int, for: String)
    case notAnAgent(String)
    case supervisorsOnly(String)
    case emptyReason
    case noPoints
    case badAmount(Cents)
    case unknownCoupon(CouponCode)
    case couponUsed(CouponCode, on: Day)
    case couponExpired(CouponCode, on: Day)
    case couponNotYetValid(CouponCode, from: Day)
    case badProgram([String])
    case notAPurchaseTouchpoint(TouchpointID, [TouchpointID])
    case unknownPurchase(MomentID)
    case returnTooLarge(Cents, left: Cents)

    public var description: String {
        switch self {
        case .noProgram: tr("This store has no loyalty program; a supervisor sets one with `care program set FILE`.")
        case .unknownCustomer(let id): RefusalWording.unknownCustomer(id)
        case .blockedCustomer(let id): RefusalWording.blocked(id)
        case .unknownReward(let id): tr("There is no reward %@ in the catalog.", id)
        case .unknownTouchpoint(let id): RefusalWording.unknownTouchpoint(id)
        case .rewardWithdrawn(let name): tr("%@ is no longer offered.", name)
        case .short(let balance, let needed, let what):
            tr("The customer has %@ points; %@ needs %@ (%@ more).", balance, what, needed, needed - balance)
        case .notAnAgent(let login): RefusalWording.notAnAgent(login)
        case .supervisorsOnly(let what): RefusalWording.supervisorsOnly(what)
        case .emptyReason: tr("Say why: an adjustment needs a reason.")
        case .noPoints: tr("An adjustment of 0 points changes nothing.")
        case .badAmount(let amount): tr("A purchase amount must be above zero, not %@.", amount)
        case .unknownCoupon(let code): tr("There is no coupon %@.", code)
        case .couponUsed(let code, let day): tr("Coupon %@ was already used on %@.", code, day)
        case .couponExpired(let code, let day): tr("Coupon %@ expired on %@.", code, day)
        case .couponNotYetValid(let code, let day): tr("Coupon %@ is valid from %@.", code, day)
        case .badProgram(let problems): tr("The program cannot be used: ") + problems.joined(separator: " ")
        case .notAPurchaseTouchpoint(let id, let places):
            tr("Purchases are not recorded at %@; use one of %@.", id, places.map(\.rawValue).joined(separator: ", "))
        case .unknownPurchase(let id): tr("There is no purchase %@ in this customer's timeline.", id)
        case .returnTooLarge(let amount, let left):
            left == .zero
                ? tr("This purchase was already returned in full.")
                : tr("A return of %@ is more than what is left of the purchase (%@).", amount, left)
        }
    }
}
