/// Where the store lives: `--data DIR`, else `$CARE_DATA`, else
/// `$XDG_DATA_HOME/care`, else `~/.local/share/care`. Empty variables count
/// as unset, and a relative `XDG_DATA_HOME` is ignored, as the XDG spec says.
public enum DataDirectory {
    public static func resolve(explicit: String?, environment: [String: String], home: String) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let care = environment["CARE_DATA"], !care.isEmpty { return care }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/care" }
        return home + "/.local/share/care"
    }
}
