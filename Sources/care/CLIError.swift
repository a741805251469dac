/// Refusals of the command line itself, each one sentence with what to do.
enum CLIError: Error, CustomStringConvertible {
    case noLogin
    case notSupervisor(String)
    case inactiveSupervisor(String)
    case unknownAgent(String)
    case badDay(String)
    case outOfRange(String)
    case unreadable(String)
    case badJSON(String, (field: String?, reason: String))
    case badAmount(String)
    case notInRoster(String)
    case unwritable(String)
    case supervisorsOnly(String, String)

    var description: String {
        switch self {
        case .noLogin: "Cannot tell who you are: your user id has no login in the password database."
        case .notSupervisor(let login):
            "Only a supervisor may act as another agent; \(login) is not one in this store's roster."
        case .inactiveSupervisor(let login):
            "Only an active supervisor may act as another agent; \(login) is no longer active in this store's roster."
        case .unknownAgent(let login): "\(login) is not an agent in this store's roster."
        case .badDay(let text): "\"\(text)\" is not a day; write it as YYYY-MM-DD."
        case .outOfRange(let what): what
        case .unreadable(let path): "Cannot read \(path): check the path and that you may read it."
        case .badJSON(let path, let problem):
            "\(path)\(problem.field.map { ", field \($0)" } ?? ""): \(problem.reason)."
        case .unwritable(let path): "Cannot write \(path): check the directory exists and that you may write there."
        case .notInRoster(let login):
            "\(login) is not an active agent in this store's roster; a supervisor adds you with `care agent add \(login) --name \"Your Name\"`."
        case .supervisorsOnly(let what, let login): "Only a supervisor can \(what); \(login) is an agent."
        case .badAmount(let text): "\"\(text)\" is not an amount; write it like 45,90, 45.90 or 1.234,50."
        }
    }
}
