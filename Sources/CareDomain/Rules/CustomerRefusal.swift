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
        case .merged(let id, let kept): "Customer \(id) was merged into \(kept); work on \(kept)."
        case .noName: "A customer needs a name."
        case .badValue(let field, let problem): "The \(field.label) cannot be saved: \(problem)."
        case .nothingChanged(let id): "Nothing to change: customer \(id) already has these values."
        case .emptyReason: "Say why: setting a lifecycle stage by hand needs a reason."
        case .sameCustomer(let id): "Customer \(id) cannot be merged into itself."
        }
    }
}
