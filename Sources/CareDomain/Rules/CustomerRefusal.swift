/// Why a step on a customer's profile was refused, in words for the agent.
public enum CustomerRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnAgent(String)
    case supervisorsOnly(String)
    case unknownCustomer(CustomerID)
    case blocked(CustomerID)
    case merged(CustomerID, into: CustomerID)
    case noName
    case badValue(CustomerField, String)
    case nothingChanged(CustomerID)
    case emptyReason
    case sameCustomer(CustomerID)

    public var description: String {
        switch self {
        case .notAnAgent(let login): RefusalWording.notAnAgent(login)
        case .supervisorsOnly(let what): RefusalWording.supervisorsOnly(what)
        case .unknownCustomer(let id): RefusalWording.unknownCustomer(id)
        case .blocked(let id): RefusalWording.blocked(id)
        case .merged(let id, let kept): tr("Customer %@ was merged into %@; work on %@.", id, kept, kept)
        case .noName: tr("A customer needs a name.")
        case .badValue(let field, let problem): tr("The %@ cannot be saved: %@.", field.shown, problem)
        case .nothingChanged(let id): tr("Nothing to change: customer %@ already has these values.", id)
        case .emptyReason: tr("Say why: setting a lifecycle stage by hand needs a reason.")
        case .sameCustomer(let id): tr("Customer %@ cannot be merged into itself.", id)
        }
    }
}
