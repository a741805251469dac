import ArgumentParser
import CareDomain

/// `--lang es|en`: the language of every text, over what the locale asks
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`). Read from the command line before it
/// is parsed, so that help and usage errors are in it too; declared here so
/// the parser takes it.
struct LanguageChoice: ParsableArguments {
    @Option(
        name: .customLong("lang"), help: ArgumentHelp(tr("es or en (default: from the locale)."), valueName: "es|en"))
    var language: String?

    mutating func validate() throws {
        if let language, Language(argument: language) == nil {
            throw ValidationError(tr("--lang is es or en, not \"%@\".", language))
        }
    }

    /// The language `--lang X` or `--lang=X` asks for, if any.
    static func scan(_ arguments: [String]) -> Language? {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Language(argument: String(argument.dropFirst(7))) }
            if argument == "--lang", index + 1 < arguments.count { return Language(argument: arguments[index + 1]) }
        }
        return nil
    }
}
