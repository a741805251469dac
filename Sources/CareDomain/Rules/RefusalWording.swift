/// Sentences more than one kind of refusal says, written once.
enum RefusalWording {
    static func unknownCustomer(_ id: CustomerID) -> String {
        tr("There is no customer with id %@ in this store; check the id (the demo's look like C000123).", id)
    }

    static func blocked(_ id: CustomerID) -> String {
        tr("Customer %@ is blocked on an erasure request; their data is kept only for legal claims.", id)
    }

    static func supervisorsOnly(_ what: String) -> String { tr("Only a supervisor can %@.", what) }

    static func unknownTouchpoint(_ id: TouchpointID) -> String { tr("There is no touchpoint %@ in the catalog.", id) }

    static func notAnAgent(_ login: String) -> String {
        tr("%@ is not an active agent in this store's roster; ask a supervisor to add you.", login)
    }
}
