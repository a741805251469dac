import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who is at the keyboard: the Unix login of the real user id, read from the
/// password database, not from `$USER` (which anyone can set).
enum SystemLogin {
    static func current() -> (login: String, name: String)? {
        guard let entry = getpwuid(getuid()), let namePointer = entry.pointee.pw_name else {
            return nil
        }
        let login = String(cString: namePointer)
        var name = login
        if let gecos = entry.pointee.pw_gecos {
            let full =
                String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false).first.map(String.init)
                ?? ""
            if !full.isEmpty { name = full }
        }
        return (login, name)
    }

    static var home: String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }
}
