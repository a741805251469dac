import Foundation

/// `care check` on `index/audit.bin`: an index that still describes the
/// journal must list, for every customer, exactly the transactions up to
/// its cursor that concern them, where they are. One of an older journal
/// (an erasure replaced a file since) is not used, so it is no problem.
enum AuditIndexCheck {
    static func problem(_ layout: StoreLayout, journal read: JournalRead) -> String? {
        let name = StoreLayout.indexDirectoryName + "/audit.bin"
        let mend = tr("it is derived, so `care reindex` makes it again")
        guard let file = try? layout.files.map(layout.auditIndex) else { return nil }
        guard file.withUnsafeBytes({ BinaryChecksum.holds($0) }) else {
            return tr("%@ cannot be read (cut or changed); %@.", name, mend)
        }
        guard let (data, header) = try? AuditIndex.current(layout) else { return nil }
        guard let held = AuditIndex.contents(of: data, header: header) else {
            return tr("%@ cannot be read (cut or changed); %@.", name, mend)
        }
        let covered = read.entries.prefix { $0.seq <= header.cursor.seq }.count
        var whole = JournalRead(cursor: header.cursor)
        whole.entries = Array(read.entries.prefix(covered))
        whole.places = Array(read.places.prefix(covered))
        var expected = AuditIndex.Contents()
        expected.add(whole)
        expected.cursor = header.cursor
        let customers = Set(held.rows.keys).union(expected.rows.keys).sorted()
        for customer in customers where places(held, customer) != places(expected, customer) {
            return tr(
                "%@ does not list the transactions of customer %@ as the journal has them; %@.", name, customer, mend)
        }
        return nil
    }

    /// A customer's rows by journal file name, offset, length and number.
    private static func places(_ contents: AuditIndex.Contents, _ customer: CustomerID) -> [String] {
        (contents.rows[customer] ?? []).map { row in
            let file = Int(row.file) < contents.files.count ? contents.files[Int(row.file)] : "?"
            return "\(file) \(row.offset) \(row.length) \(row.seq)"
        }
    }
}
