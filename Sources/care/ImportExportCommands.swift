import ArgumentParser
import CareDomain
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr("Import customers from a spreadsheet's CSV (supervisors)."),
        subcommands: [Customers.self]
    )

    struct Customers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Add or update customers from a CSV file; every row is checked before anything is written."),
            discussion: """
                Comma or semicolon, UTF-8 with or without BOM, quoted fields with line breaks. Header names in Spanish or English, \
                accents and case ignored (nombre/name, apellidos, teléfono/phone, correo/email, fecha de nacimiento, cliente desde, \
                canal, ocupación, estado civil, consentimiento marketing, …). A row matches a customer by id, else email, else phone, \
                so importing the same file twice changes nothing. With any bad row nothing is written and every problem is listed.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp(tr("The CSV file.")))
        var file: String

        @Flag(help: ArgumentHelp(tr("Only report what would be done.")))
        var dryRun = false

        func run() throws {
            // Folded once at the end, not every 2 MiB of batches: each fold
            // rewrites the whole customers snapshot, which made an import
            // of 100,000 rows grow with the square of its size.
            let files: FileStore? =
                try storeOptions.location() != nil
                ? nil
                : FileStore(
                    directory: storeOptions.directory, compactAfter: .max, compactAfterBytes: .max,
                    notify: { printError($0.description) })
            let store: any CareStore = try files ?? storeOptions.store()
            let state = try store.open()
            let author = try storeOptions.supervisor(in: state, to: tr("import customers"))
            let plan = try CustomerImport(csv: UserFile.read(file))
            if !plan.ignoredColumns.isEmpty {
                print(tr("Columns not imported (not known): %@.", plan.ignoredColumns.joined(separator: ", ")))
            }
            let preview = plan.preview(against: state, at: Date())
            let problems = preview.problems
            guard problems.isEmpty else {
                printError(
                    tr(
                        "%@: %@ problem%@ in %@ of %@ rows; nothing was imported.", file, problems.count,
                        problems.count == 1 ? "" : "s", Set(problems.map(\.line)).count, plan.rowCount)
                )
                for problem in problems { printError("  \(problem)") }
                throw ExitStatus.refused
            }
            let total: CustomerImport.Outcome
            if dryRun {
                total = preview
            } else {
                do {
                    total = try TerminalProgress.run(tr("import")) { progress in
                        try plan.run(
                            on: store, by: author, source: URL(fileURLWithPath: file).lastPathComponent, at: Date(),
                            progress: progress)
                    }
                } catch let stopped as CustomerImport.Stopped {
                    printError(stopped.description)
                    // What went in is folded in now, as after a whole import.
                    try? files?.compact()
                    throw stopped.reason is WorkInterrupted ? ExitCode(130) : ExitStatus.refused
                }
                do {
                    try files?.compact()
                } catch {
                    printError(StoreNotice.compactionFailed(error).description)
                }
            }
            let verb = dryRun ? tr("Would import") : "Imported"
            print(
                tr(
                    "%@ %@ rows: %@ new customers, %@ updated, %@ unchanged.", verb, plan.rowCount, total.created,
                    total.updated, total.unchanged)
            )
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr("Export customers, incidents or moments as CSV or JSON (supervisors)."),
        discussion:
            tr(
                "CSV written to a file starts with a byte-order mark, so spreadsheets read it as UTF-8; to stdout it does not."
            )
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp(tr("customers, incidents or moments.")))
    var kind: StoreExport.Kind

    @Option(help: ArgumentHelp(tr("csv or json.")))
    var format: Tabular.Format = .csv

    @Option(name: .shortAndLong, help: ArgumentHelp(tr("Write to this file (mode 0600) instead of stdout.")))
    var output: String?

    @Flag(help: ArgumentHelp(tr("Overwrite the output file if it exists.")))
    var force = false

    func run() throws {
        guard format != .table else {
            throw CLIError.outOfRange(tr("Export as csv or json; a table is for reading on screen."))
        }
        let store = try storeOptions.store()
        let state = try store.open()
        _ = try storeOptions.supervisor(in: state, to: tr("export the store's data"))
        let text = try StoreExport.table(kind, state: state, history: store).rendered(as: format)
        guard let output else {
            print(text, terminator: "")
            return
        }
        let bom = format == .csv ? Data([0xEF, 0xBB, 0xBF]) : Data()
        try UserFile.write(bom + Data(text.utf8), to: output, force: force)
        print(tr("Wrote %@ to %@.", kind.rawValue, output))
    }
}

extension StoreExport.Kind: ExpressibleByArgument {}
