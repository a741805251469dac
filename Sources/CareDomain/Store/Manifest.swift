import Foundation

/// `store.json`: marks a directory as a care store and says which format
/// wrote it. Written last when a store is created, so a directory without it
/// holds no store.
struct Manifest: Codable, Sendable, Equatable {
    static let format = 1

    var format: Int
    var createdAt: Date
    var createdBy: String
    var currency: String
    /// The snapshot files the store was made with (every one must be
    /// there); a collection a later care adds is read as empty until its
    /// first compaction. Absent in stores made before it was written down:
    /// they had every collection of format 1.
    var collections: [String]?

    /// Whether the store must hold `collection`'s snapshot.
    func requires(_ collection: Collection) -> Bool {
        collections.map { $0.contains(collection.rawValue) } ?? true
    }

    static func read(_ layout: StoreLayout) throws(StoreError) -> Manifest {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.directory, isDirectory: &isDirectory) else {
            throw .noStore(directory: layout.directory)
        }
        guard isDirectory.boolValue else { throw .notADirectory(path: layout.directory) }
        guard let data = try layout.files.read(layout.manifest) else { throw .noStore(directory: layout.directory) }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let found = object["format"] as? Int, found > format
        {
            throw .newerFormat(file: "store.json", found: found, supported: format)
        }
        do {
            return try CareJSON.decoder().decode(Manifest.self, from: data)
        } catch {
            if let (line, reason) = SnapshotFile.syntaxProblem(in: data) {
                throw .corrupt(file: "store.json", line: line, field: nil, reason: "not valid JSON (\(reason))")
            }
            let (field, reason) = CareJSON.explain(error)
            throw .corrupt(file: "store.json", line: nil, field: field, reason: reason)
        }
    }

    func write(_ layout: StoreLayout) throws(StoreError) {
        do {
            var data = try CareJSON.encoder(pretty: true).encode(self)
            data.append(0x0A)
            try layout.files.replace(layout.manifest, with: data)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidChange(tr("store.json could not be written: %@.", error))
        }
    }
}
