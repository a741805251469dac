import CareDomain
import Foundation

/// The files a user names on the command line: read, decoded and written
/// with one sentence for each way it can fail.
enum UserFile {
    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.unreadable(path) }
        return data
    }

    /// A JSON file in the store's format (`care program show` and
    /// `care touchpoint show` print them).
    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        let data = try read(path)
        do {
            return try CareJSON.decoder().decode(type, from: data)
        } catch {
            throw CLIError.badJSON(path, CareJSON.explain(error))
        }
    }

    /// A file of personal data (`-o`): 0600, never through a link.
    static func write(_ data: Data, to path: String, force: Bool) throws {
        try PrivateFile.write(data, to: path, overwrite: force)
    }
}
