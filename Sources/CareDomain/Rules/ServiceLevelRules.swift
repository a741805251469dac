import Foundation

/// Rule 2: an incident's due time comes from the service level of the
/// touchpoint where it arose, tightened for tiers that earn preferential
/// treatment (a tier's `serviceLevelPercent` of the time; never more),
/// counted in the touchpoint's open hours.
public enum ServiceLevelRules {
    /// The touchpoint's time, tightened for the customer's tier and then
    /// tightened or loosened for the incident's priority by the program's rule.
    public static func dueAt(
        openedAt: Date, touchpoint: Touchpoint, tier: Tier?, priority: Incident.Priority = .normal,
        times: PriorityTimes? = nil
    ) -> Date {
        let percent = min(100, max(1, tier?.serviceLevelPercent ?? 100))
        let priorityPercent = max(1, times?.percent(for: priority) ?? 100)
        let minutes = max(1, touchpoint.serviceLevel.responseMinutes * percent / 100 * priorityPercent / 100)
        // Only open hours count: a touchpoint closed at night is due the next day.
        return touchpoint.clock.adding(minutes: minutes, to: openedAt)
    }
}
