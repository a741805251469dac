import CareDomain

/// A number of the loyalty program a supervisor can change from the
/// console (`P`), a step at a time; each change is checked whole by
/// `ProgramRules.set` like one made with `care program set`.
public enum ProgramSetting: Equatable, Sendable {
    case pointsPerEuro, expiryMonths, inactivityDays, windowMonths, termMonths
    case threshold(tier: Int)
    case earnPercent(tier: Int)
    case serviceLevelPercent(tier: Int)

    /// Every setting of `program`, in the order the dialog lists them.
    public static func all(of program: LoyaltyProgram) -> [ProgramSetting] {
        [.pointsPerEuro, .expiryMonths, .inactivityDays, .windowMonths, .termMonths]
            + program.tiers.indices.flatMap {
                [ProgramSetting.threshold(tier: $0), .earnPercent(tier: $0), .serviceLevelPercent(tier: $0)]
            }
    }

    public func label(in program: LoyaltyProgram) -> String {
        func tier(_ index: Int) -> String { index < program.tiers.count ? program.tiers[index].name : "?" }
        return switch self {
        case .pointsPerEuro: tr("points per euro")
        case .expiryMonths: tr("points expire after (months)")
        case .inactivityDays: tr("balance lapses after inactive (days)")
        case .windowMonths: tr("tier window (months)")
        case .termMonths: tr("tier kept for (months)")
        case .threshold(let index): tr("%@: threshold (points)", tier(index))
        case .earnPercent(let index): tr("%@: earns (%% of base)", tier(index))
        case .serviceLevelPercent(let index): tr("%@: service time (%% of the touchpoint's)", tier(index))
        }
    }

    public func value(in program: LoyaltyProgram) -> Int {
        switch self {
        case .pointsPerEuro: program.pointsPerEuro
        case .expiryMonths: program.pointsExpiryMonths
        case .inactivityDays: program.inactivityDays
        case .windowMonths: program.tierWindowMonths
        case .termMonths: program.tierTermMonths
        case .threshold(let index): index < program.tiers.count ? program.tiers[index].threshold : 0
        case .earnPercent(let index): index < program.tiers.count ? program.tiers[index].earnPercent : 0
        case .serviceLevelPercent(let index): index < program.tiers.count ? program.tiers[index].serviceLevelPercent : 0
        }
    }

    /// What one press of + or - moves.
    public var step: Int {
        switch self {
        case .pointsPerEuro, .expiryMonths, .windowMonths, .termMonths: 1
        case .inactivityDays: 30
        case .threshold: 100
        case .earnPercent, .serviceLevelPercent: 5
        }
    }

    /// `program` with this setting moved by `steps` (±1).
    public func moved(_ program: LoyaltyProgram, by steps: Int) -> LoyaltyProgram {
        var next = program
        let delta = steps * step
        switch self {
        case .pointsPerEuro: next.pointsPerEuro += delta
        case .expiryMonths: next.pointsExpiryMonths += delta
        case .inactivityDays: next.inactivityDays += delta
        case .windowMonths: next.tierWindowMonths += delta
        case .termMonths: next.tierTermMonths += delta
        case .threshold(let index) where index < next.tiers.count: next.tiers[index].threshold += delta
        case .earnPercent(let index) where index < next.tiers.count: next.tiers[index].earnPercent += delta
        case .serviceLevelPercent(let index) where index < next.tiers.count:
            next.tiers[index].serviceLevelPercent += delta
        default: break
        }
        return next
    }
}
