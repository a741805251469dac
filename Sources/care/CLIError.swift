import CareDomain

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
    /// A command of the JSON store's own, asked of a store on PostgreSQL.
    case filesOnly(String)
    case storeAndData

    var description: String {
        switch self {
        case .noLogin: tr("Cannot tell who you are: your user id has no login in the password database.")
        case .notSupervisor(let login):
            tr("Only a supervisor may act as another agent; %@ is not one in this store's roster.", login)
        case .inactiveSupervisor(let login):
            tr(
                "Only an active supervisor may act as another agent; %@ is no longer active in this store's roster.",
                login)
        case .unknownAgent(let login): tr("%@ is not an agent in this store's roster.", login)
        case .badDay(let text): tr("\"%@\" is not a day; write it as YYYY-MM-DD.", text)
        case .outOfRange(let what): what
        case .unreadable(let path): tr("Cannot read %@: check the path and that you may read it.", path)
        case .badJSON(let path, let problem):
            "\(path)\(problem.field.map { ", field \($0)" } ?? ""): \(problem.reason)."
        case .unwritable(let path):
            tr("Cannot write %@: check the directory exists and that you may write there.", path)
        case .notInRoster(let login):
            tr(
                "%@ is not an active agent in this store's roster; a supervisor adds you with `care agent add %@ --name \"Your Name\"`.",
                login, login)
        case .supervisorsOnly(let what, let login): tr("Only a supervisor can %@; %@ is an agent.", what, login)
        case .filesOnly(let command):
            switch command {
            case "compact":
                tr(
                    "`care compact` works on a JSON store (--data) only: PostgreSQL keeps its own tables in order (autovacuum), and care keeps the figures current in every transaction."
                )
            case "seed":
                tr(
                    "`care seed` works on a JSON store (--data) only: seed a directory, then copy it with `care migrate --from DIR --to URL`."
                )
            default:
                tr(
                    "`care %@` works on a JSON store (--data) only; it is not there yet for a store on PostgreSQL (see README, \"The store on PostgreSQL\").",
                    command)
            }
        case .storeAndData: tr("--store and --data exclude each other: one store at a time.")
        case .badAmount(let text): tr("\"%@\" is not an amount; write it like 45,90, 45.90 or 1.234,50.", text)
        }
    }
}
