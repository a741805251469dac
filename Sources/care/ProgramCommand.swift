import ArgumentParser
import CareDomain
import Foundation

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: tr("Show or change the loyalty program's rules (changing them is for supervisors)."),
        subcommands: [Show.self, Set.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print the program in force as JSON (edit it, then `care program set`)."))

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            guard var program = state.program else { throw LoyaltyRefusal.noProgram }
            // The thresholds in force, standard ones included, so they can be edited.
            program.lifecycle = program.lifecycleThresholds
            try printJSON(program)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Put a program from a JSON file in force, after checking it whole."),
            discussion: tr("Points already earned keep the expiry date they were given; new rules apply from now on."))

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp(tr("The program as JSON (as `care program show` prints it).")))
        var file: String

        @Flag(help: ArgumentHelp(tr("Check the file and say what is wrong, without changing anything.")))
        var check = false

        func run() throws {
            let program = try UserFile.decode(LoyaltyProgram.self, from: file)
            let store = try storeOptions.store()
            let state = try store.open()
            if check {
                let problems = ProgramRules.problems(program, in: state)
                guard problems.isEmpty else { throw LoyaltyRefusal.badProgram(problems) }
                print(tr("%@ is a valid program; nothing was changed.", file))
                return
            }
            let author = try storeOptions.author(in: state)
            let after = try store.transact(by: author) { current in
                try ProgramRules.set(program, in: current, by: author)
            }
            print(tr("The program \"%@\" is in force (version %@).", program.name, after.program?.version ?? 0))
        }
    }
}
