import ArgumentParser
import CareDomain

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: tr("Fold the journal into the snapshot files now."),
        discussion:
            tr(
                "The store does this by itself every 2,000 changes; run it from cron to keep opening fast. Safe while consoles are open."
            )
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.fileStore(for: "compact")
        let before = try store.open()
        try store.compact()
        print(tr("Compacted %@ through transaction %@.", store.layout.directory, before.seq))
    }
}
