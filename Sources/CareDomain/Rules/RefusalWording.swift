/// Sentences more than one kind of refusal says, written once.
enum RefusalWording {
    static func unknownCustomer(_ id: CustomerID) -> String {
        "There is no customer with id \(id) in this store; check the id (the demo's look like C000123)."
    }

    static func blocked(_ id: CustomerID) -> String {
        "Customer \(id) is blocked on an erasure request; their data is kept only for legal claims."
    }

    static func supervisorsOnly(_ what: String) -> String { "Only a supervisor can \(what)." }

    static func unknownTouchpoint(_ id: TouchpointID) -> String { "There is no touchpoint \(id) in the catalog." }

    static func notAnAgent(_ login: String) -> String {
        "\(login) is not an active agent in this store's roster; ask a supervisor to add you."
    }
}
