import Foundation

/// `care check` on the snapshots' indexes: an index that says it describes
/// its snapshot as it is now must say what a scan of it finds, record by
/// record. An index of an older or edited snapshot is not used, so it is no
/// problem; one that cannot be read is named.
enum IndexCheck {
    static func problems(in layout: StoreLayout) -> [String] {
        RecordKinds.all.compactMap { $0.indexProblem(layout) }
    }

    static func problem<R: Record>(_: R.Type, _ layout: StoreLayout) -> String? {
        let name = StoreLayout.indexDirectoryName + "/" + R.collection.rawValue + ".bin"
        let mend = tr("it is derived, so `care reindex` makes it again")
        guard let data = try? layout.files.map(layout.index(R.collection)) else { return nil }
        guard let header = SnapshotIndex.header(of: data) else {
            return tr("%@ cannot be read (cut or changed); %@.", name, mend)
        }
        guard let mapped = try? layout.files.mapped(layout.snapshot(R.collection), eager: true),
            header.snapshot == mapped.identity
        else { return nil }
        guard let indexed = SnapshotIndex.decode(R.self, data, snapshot: mapped.identity) else {
            return tr("%@ cannot be read (cut or changed); %@.", name, mend)
        }
        // The file's size and times are the ones care wrote, its bytes not:
        // a compaction then decodes it whole again, but something changed it.
        if let written = indexed.written, mapped.data.withUnsafeBytes({ BinaryChecksum.of($0) }) != written {
            return tr(
                "%@ is not as care wrote it, though its size and times are (damaged media?); compare it with a backup, then run care reindex.",
                R.collection.fileName)
        }
        // A snapshot that does not scan is reported with the store's damage.
        guard let (_, _, scanned) = try? SnapshotFile.scan(R.self, from: mapped.data, file: R.collection.fileName),
            let scanned
        else { return nil }
        guard indexed.lines.count == scanned.lines.count, indexed.headerLength == scanned.headerLength else {
            return tr(
                "%@ lists %@ records but %@ holds %@; %@.", name, indexed.lines.count, R.collection.fileName,
                scanned.lines.count, mend)
        }
        for index in scanned.lines.indices {
            let (mine, theirs) = (indexed.lines[index], scanned.lines[index])
            if mine.number != theirs.number || mine.range != theirs.range || indexed.ids[index] != scanned.ids[index]
                || indexed.versions[index] != scanned.versions[index]
                || indexed.summaries[index] != scanned.summaries[index]
            {
                return tr(
                    "%@ does not agree with %@ at line %@ (%@); %@.", name, R.collection.fileName, theirs.number,
                    scanned.ids[index], mend)
            }
        }
        return nil
    }
}
