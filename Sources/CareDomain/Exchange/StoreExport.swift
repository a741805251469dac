import Foundation

/// `care export`: the store's customers, incidents or moments as rows that
/// a spreadsheet opens, with the header names `care import` reads back.
/// Money is euros with two decimals (`Cents.decimal`); times are ISO 8601 UTC.
public enum StoreExport {
    public enum Kind: String, CaseIterable, Sendable {
        case customers, incidents, moments
    }

    /// Throws instead of leaving anything out: a damaged store exports nothing.
    public static func table(_ kind: Kind, state: StoreState, history: any HistoryReader) throws(StoreError) -> Tabular
    {
        try state.requireUndamaged()
        return switch kind {
        case .customers: try customers(state)
        case .incidents: try incidents(state)
        case .moments: try moments(state, history: history)
        }
    }

    static func customers(_ state: StoreState) throws(StoreError) -> Tabular {
        let columns: [CustomerColumn] = [
            .id, .name, .phone, .email, .preferredChannel, .birthDate, .occupation, .maritalStatus, .customerSince,
            .lifecycle,
            .tastes, .interests, .hobbies, .usualProducts, .serviceConsent, .marketingConsent, .profilingConsent,
        ]
        var table = Tabular(header: columns.map(\.rawValue) + ["tier", "points"])
        for customer in try state.customers.decodedWhole() where customer.blockedAt == nil {
            func consent(_ purpose: ConsentPurpose) -> Tabular.Cell {
                customer.consents?.contains { $0.purpose == purpose } == true
                    ? .text(customer.hasConsented(to: purpose) ? "yes" : "no") : .empty
            }
            func list(_ values: [String]?) -> Tabular.Cell {
                values.map { .text($0.joined(separator: "; ")) } ?? .empty
            }
            table.rows.append([
                .text(customer.id.rawValue), .text(customer.name), text(customer.phone), text(customer.email),
                text(customer.preferredChannel?.rawValue), text(customer.birthDate?.description),
                text(customer.occupation),
                text(customer.maritalStatus?.rawValue), .text(customer.customerSince.description),
                .text(customer.lifecycle.rawValue),
                list(customer.tastes), list(customer.interests), list(customer.hobbies), list(customer.usualProducts),
                consent(.service), consent(.marketing), consent(.profiling), text(customer.loyalty.tier?.rawValue),
                .number(customer.loyalty.points),
            ])
        }
        return table
    }

    static func incidents(_ state: StoreState) throws(StoreError) -> Tabular {
        var table = Tabular(header: [
            "id", "customer", "kind", "subject", "priority", "status", "assignee", "touchpoint", "openedAt", "dueAt",
            "contacts",
            "resolvedAt", "resolvedBy", "playbook", "compensation", "compensationValue", "forMissedServiceLevel",
            "rating",
        ])
        let blocked = Set(state.customers.summaries(where: \.blocked).map(\.id))
        for incident in try state.incidents.decodedWhole() where !blocked.contains(incident.customer) {
            table.rows.append([
                .text(incident.id.rawValue), .text(incident.customer.rawValue), .text(incident.kind.rawValue),
                .text(incident.subject),
                .text(incident.priority.rawValue), .text(incident.status.rawValue), text(incident.assignee?.rawValue),
                .text(incident.touchpoint.rawValue), .text(Timestamp.format(incident.openedAt)),
                .text(Timestamp.format(incident.dueAt)),
                .number(incident.contacts), text(incident.resolution.map { Timestamp.format($0.at) }),
                text(incident.resolution?.by.rawValue),
                text(incident.resolution?.playbook?.rawValue), text(incident.compensation?.compensation.description),
                text(incident.compensation.map { $0.compensation.value.decimal }),
                text(incident.compensation.map { $0.forMissedServiceLevel ? "yes" : "no" }),
                incident.rating.map { .number($0.score) } ?? .empty,
            ])
        }
        return table
    }

    static func moments(_ state: StoreState, history: any HistoryReader) throws(StoreError) -> Tabular {
        var table = Tabular(header: [
            "id", "customer", "at", "touchpoint", "channel", "agent", "outcome", "cost", "serviceLevelMet",
            "satisfaction", "amount",
            "productFamily", "incident",
        ])
        for id in state.customers.summaries(where: { !$0.blocked }).map(\.id).sorted() {
            for moment in try history.moments(of: id) {
                table.rows.append([
                    .text(moment.id.rawValue), .text(moment.customer.rawValue), .text(Timestamp.format(moment.at)),
                    .text(moment.touchpoint.rawValue),
                    .text(moment.channel.rawValue), text(moment.agent?.rawValue), .text(moment.outcome),
                    .text(moment.cost.decimal),
                    text(moment.serviceLevelMet.map { $0 ? "yes" : "no" }),
                    moment.satisfaction.map { .number($0) } ?? .empty,
                    text(moment.amount?.decimal), text(moment.productFamily), text(moment.incident?.rawValue),
                ])
            }
        }
        return table
    }

    private static func text(_ value: String?) -> Tabular.Cell { value.map { .text($0) } ?? .empty }
}
