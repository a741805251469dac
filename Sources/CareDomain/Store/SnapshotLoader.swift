import Foundation

/// Reads the snapshots when a store is opened, one record kind at a time
/// (`RecordKinds`): what it found (the state and its damage), the journal
/// position each snapshot folds in, and those positions already checked.
struct SnapshotLoader {
    let layout: StoreLayout
    let manifest: Manifest
    /// The collections to read (nil: all); the others are left empty.
    let wanted: Set<Collection>?
    var loaded: FileStore.Loaded
    var throughs: [Collection: Int] = [:]
    var cursors: [JournalCursor] = []
    /// Snapshots compacted together share one position: it is looked up once.
    var checkedPositions: [JournalCursor] = []

    init(layout: StoreLayout, manifest: Manifest, wanted: Set<Collection>?, loaded: FileStore.Loaded) {
        self.layout = layout
        self.manifest = manifest
        self.wanted = wanted
        self.loaded = loaded
    }

    // Specialised for the big collections: reached through `any
    // AnyRecordKind`, the generic code would otherwise look up type
    // metadata for every record of 200,000 (a third of the opening).
    @_specialize(exported:false,where R == Customer)
    @_specialize(exported:false,where R == Incident)
    @_specialize(exported:false,where R == Coupon)
    mutating func take<R: Record>(_ type: R.Type, into keyPath: WritableKeyPath<StoreState, Table<R>>)
        throws(StoreError)
    {
        if let wanted, !wanted.contains(R.collection) {
            // Left empty: the journal's changes to it are passed over too.
            throughs[R.collection] = .max
            return
        }
        let path = layout.snapshot(R.collection)
        // What cannot be read is damage, never an empty collection: an
        // empty one would be written back by the next compaction.
        // The index, when it describes this very file, spares the scan.
        let indexData = try? layout.files.map(layout.index(R.collection))
        guard let mapped = try layout.files.mapped(path, eager: indexData == nil) else {
            if manifest.requires(R.collection) {
                loaded.state.fileDamage.append(.missingFile(file: R.collection.fileName))
            }
            cursors.append(.start)
            return
        }
        do throws(StoreError) {
            let index = indexData.flatMap { SnapshotIndex.decode(R.self, $0, snapshot: mapped.identity) }
            let (header, table) = try SnapshotFile.decode(
                type, from: mapped.data, file: R.collection.fileName, index: index, pages: mapped.pages)
            guard header.collection == R.collection else {
                throw .corrupt(
                    file: R.collection.fileName, line: 1, field: "collection",
                    reason: "holds \(header.collection.rawValue), not \(R.collection.rawValue)")
            }
            if !checkedPositions.contains(header.journal) {
                if let problem = try Journal.verify(header.journal, layout) {
                    throw .corrupt(file: R.collection.fileName, line: 1, field: "journal", reason: problem)
                }
                checkedPositions.append(header.journal)
            }
            loaded.state[keyPath: keyPath] = table
            throughs[R.collection] = header.journal.seq
            cursors.append(header.journal)
        } catch {
            if case .newerFormat = error { throw error }
            loaded.state.fileDamage.append(error)
            cursors.append(.start)
        }
    }
}
