import ArgumentParser
import CareDomain
import CarePostgres

/// The exit statuses every command shares, listed in the README:
/// - 0: done;
/// - 1: refused or not found (a rule said no, nobody matches, `care check`
///   found problems, a file to import has errors): nothing was changed;
/// - 2: cannot run here (no store, a store damaged, newer or unwritable, a
///   full disk, a server that cannot be reached or refuses, a terminal the
///   console cannot use);
/// - 64: the command line is wrong (an unknown option, a bad value).
enum ExitStatus {
    static let refused = ExitCode(1)
    static let cannotRun = ExitCode(2)
    static let usage = ExitCode(64)

    /// The status for an error a command threw: the store's own faults are
    /// "cannot run here"; ArgumentParser's usage errors keep 64; the rest
    /// (refusals, which describe themselves) are 1.
    static func code(for error: any Error, parsed: ExitCode) -> ExitCode {
        if error is PostgresLocationError { return usage }
        // A command of the JSON store's own, asked of a store on PostgreSQL.
        if case .filesOnly? = error as? CLIError { return cannotRun }
        guard let store = error as? StoreError else { return parsed }
        switch store {
        case .noStore, .notADirectory, .notWritable, .diskFull, .symbolicLink, .io, .missingFile, .damaged, .corrupt,
            .newerFormat, .olderSchema, .newerChange, .unreachable, .server, .inDoubt:
            return cannotRun
        case .stale, .missing, .notEmpty, .invalidChange:
            return refused
        }
    }
}
