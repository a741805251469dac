import Foundation

/// Rule 2: an incident's due time comes from the service level of the
/// touchpoint where it arose, tightened for tiers that earn preferential
/// treatment (a tier's `serviceLevelPercent` of the time; never more).
public enum ServiceLevelRules {
    public static func dueAt(openedAt: Date, touchpoint: Touchpoint, tier: Tier?) -> Date {
        let percent = min(100, max(1, tier?.serviceLevelPercent ?? 100))
        let minutes = max(1, touchpoint.serviceLevel.responseMinutes * percent / 100)
        return openedAt.addingTimeInterval(Double(minutes) * 60)
    }
}
