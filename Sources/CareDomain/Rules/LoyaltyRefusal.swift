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
        case .noProgram: "This store has no loyalty program; a supervisor sets one with `care program set FILE`."
        case .unknownCustomer(let id): RefusalWording.unknownCustomer(id)
        case .blockedCustomer(let id): RefusalWording.blocked(id)
        case .unknownReward(let id): "There is no reward \(id) in the catalog."
        case .unknownTouchpoint(let id): RefusalWording.unknownTouchpoint(id)
        case .rewardWithdrawn(let name): "\(name) is no longer offered."
        case .short(let balance, let needed, let what):
            "The customer has \(balance) points; \(what) needs \(needed) (\(needed - balance) more)."
        case .notAnAgent(let login): RefusalWording.notAnAgent(login)
        case .supervisorsOnly(let what): RefusalWording.supervisorsOnly(what)
        case .emptyReason: "Say why: an adjustment needs a reason."
        case .noPoints: "An adjustment of 0 points changes nothing."
        case .badAmount(let amount): "A purchase amount must be above zero, not \(amount)."
        case .unknownCoupon(let code): "There is no coupon \(code)."
        case .couponUsed(let code, let day): "Coupon \(code) was already used on \(day)."
        case .couponExpired(let code, let day): "Coupon \(code) expired on \(day)."
        case .couponNotYetValid(let code, let day): "Coupon \(code) is valid from \(day)."
        case .badProgram(let problems): "The program cannot be used: " + problems.joined(separator: " ")
        case .notAPurchaseTouchpoint(let id, let places):
            "Purchases are not recorded at \(id); use one of \(places.map(\.rawValue).joined(separator: ", "))."
        case .unknownPurchase(let id): "There is no purchase \(id) in this customer's timeline."
        case .returnTooLarge(let amount, let left):
            left == .zero
                ? "This purchase was already returned in full."
                : "A return of \(amount) is more than what is left of the purchase (\(left))."
        }
    }
}
