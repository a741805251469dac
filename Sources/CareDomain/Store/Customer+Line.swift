import Foundation

/// A customer record read without `JSONDecoder` (see `JSONValue`): the
/// same values the decoder gives, or nil, and the decoder then reads it
/// and names what is wrong. A test holds the two equal field by field.
extension Customer: LineRecord {
    static func fromLine(_ line: UnsafeRawBufferPointer) -> Customer? {
        guard var fields = JSONFields(JSONValue.parse(line)) else { return nil }
        guard let id = fields.text("id"), let version = fields.integer("version"), let name = fields.text("name"),
            let since = fields.day("customerSince"), let lifecycle = fields.raw("lifecycle", as: LifecycleStage.self),
            let loyalty = fields.object(
                "loyalty",
                { loyalty -> LoyaltyStanding? in
                    guard let points = loyalty.integer("points") else { return nil }
                    return LoyaltyStanding(
                        points: points, tier: loyalty.text("tier").map { TierID($0) },
                        tierSince: loyalty.day("tierSince"),
                        tierUntil: loyalty.day("tierUntil"), lastActivity: loyalty.day("lastActivity"))
                })
        else { return nil }
        var customer = Customer(
            id: CustomerID(id), version: version, name: name, phone: fields.text("phone"), email: fields.text("email"),
            preferredChannel: fields.raw("preferredChannel", as: Channel.self), birthDate: fields.day("birthDate"),
            occupation: fields.text("occupation"), maritalStatus: fields.raw("maritalStatus", as: MaritalStatus.self),
            tastes: fields.texts("tastes"), interests: fields.texts("interests"), hobbies: fields.texts("hobbies"),
            usualProducts: fields.texts("usualProducts"),
            socialHandles: fields.objects("socialHandles") { handle in
                guard let network = handle.text("network"), let text = handle.text("handle") else { return nil }
                return SocialHandle(network: network, handle: text)
            },
            customerSince: since, lifecycle: lifecycle,
            consents: fields.objects("consents") { consent in
                guard let purpose = consent.raw("purpose", as: ConsentPurpose.self),
                    let granted = consent.bool("granted"), let at = consent.date("at")
                else { return nil }
                return Consent(purpose: purpose, granted: granted, at: at, by: consent.text("by").map { AgentID($0) })
            },
            loyalty: loyalty)
        customer.lifecycleSince = fields.day("lifecycleSince")
        customer.lastPurchase = fields.day("lastPurchase")
        customer.lifecycleNote = fields.text("lifecycleNote")
        customer.mergedInto = fields.text("mergedInto").map { CustomerID($0) }
        customer.blockedAt = fields.date("blockedAt")
        customer.erasedAt = fields.date("erasedAt")
        return fields.wrong ? nil : customer
    }
}

/// Written by hand too: every customer a transaction changes goes into the
/// journal and the next snapshot, and `JSONEncoder` was a third of an
/// expiry run's journal and snapshot writing.
extension Customer: LineWritable {
    func appendLine(to bytes: inout [UInt8]) {
        LineWriter.object(appendingTo: &bytes) { writer in
            writer.day("birthDate", birthDate)
            writer.date("blockedAt", blockedAt)
            writer.objects("consents", consents) { writer, consent in
                writer.date("at", consent.at)
                writer.string("by", consent.by?.rawValue)
                writer.bool("granted", consent.granted)
                writer.string("purpose", consent.purpose.rawValue)
            }
            writer.day("customerSince", customerSince)
            writer.string("email", email)
            writer.date("erasedAt", erasedAt)
            writer.strings("hobbies", hobbies)
            writer.string("id", id.rawValue)
            writer.strings("interests", interests)
            writer.day("lastPurchase", lastPurchase)
            writer.string("lifecycle", lifecycle.rawValue)
            writer.string("lifecycleNote", lifecycleNote)
            writer.day("lifecycleSince", lifecycleSince)
            writer.object("loyalty") { writer in
                writer.day("lastActivity", loyalty.lastActivity)
                writer.integer("points", loyalty.points)
                writer.string("tier", loyalty.tier?.rawValue)
                writer.day("tierSince", loyalty.tierSince)
                writer.day("tierUntil", loyalty.tierUntil)
            }
            writer.string("maritalStatus", maritalStatus?.rawValue)
            writer.string("mergedInto", mergedInto?.rawValue)
            writer.string("name", name)
            writer.string("occupation", occupation)
            writer.string("phone", phone)
            writer.string("preferredChannel", preferredChannel?.rawValue)
            writer.objects("socialHandles", socialHandles) { writer, handle in
                writer.string("handle", handle.handle)
                writer.string("network", handle.network)
            }
            writer.strings("tastes", tastes)
            writer.strings("usualProducts", usualProducts)
            writer.integer("version", version)
        }
    }
}

/// A record the snapshots read by hand before they ask `JSONDecoder`.
protocol LineRecord {
    /// The record, or nil when the line is not one the fast path reads whole.
    static func fromLine(_ line: UnsafeRawBufferPointer) -> Self?
}
