import ArgumentParser
import CareDomain
import Foundation

/// The playbooks: the anticipated cases and what the counter offers for
/// each (changes are for supervisors, checked like touchpoints).
struct PlaybookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: tr("Anticipated cases and their answers (changes are for supervisors)."),
        subcommands: [List.self, Show.self, Set.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the playbooks with their touchpoint, situation, solution and compensation."))
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp(tr("Only this touchpoint's."))) var touchpoint: String?
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            var table = Tabular(header: [
                "id", "touchpoint", "situation", "solution", "compensation", "kind", "value",
            ])
            table.rows = state.playbooks.sorted.filter { touchpoint == nil || $0.touchpoint.rawValue == touchpoint }
                .map { playbook in
                    [
                        .text(playbook.id.rawValue), .text(playbook.touchpoint.rawValue), .text(playbook.situation),
                        .text(playbook.solution), .text(playbook.compensation?.description ?? ""),
                        .text(playbook.compensation?.kind.rawValue ?? ""),
                        .text(playbook.compensation?.value.description ?? ""),
                    ]
                }
            printTable(table, format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print one playbook as JSON (edit it, then `care playbook set`)."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The playbook's id."))) var id: String

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            guard let playbook = state.playbooks[PlaybookID(id)] else {
                throw RosterRefusal.unknownPlaybook(PlaybookID(id))
            }
            try printJSON(playbook)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Add or replace a playbook from a JSON file, checked first."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The playbook as JSON."))) var file: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.supervisor(in: store.open(), to: tr("change the playbooks"))
            let playbook = try UserFile.decode(Playbook.self, from: file)
            _ = try store.transact(by: author) { state in
                try RosterRules.setPlaybook(playbook, in: state, by: author)
            }
            print(tr("Playbook %@ is in the catalog.", playbook.id))
        }
    }
}
