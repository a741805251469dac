import Foundation
import Testing

/// Shell completions and the manual come from the same definitions as the
/// commands: every command and option is in them, and each has its words.
@Suite struct CompletionAndManualTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func theCompletionScriptKnowsEveryCommand(shell: String) throws {
        let outcome = try CareProcess.run(["--generate-completion-script", shell])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for word in ["incident", "playbook", "resolve", "demo", "data"] {
            #expect(outcome.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
    }

    /// What `swift package generate-manual` reads: every command and
    /// subcommand with an abstract, so no page of the manual is empty.
    @Test func theManualsSourceGivesEveryCommandItsWords() throws {
        let outcome = try CareProcess.run(["--experimental-dump-help"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        var missing: [String] = []
        var names: [String] = []
        func walk(_ command: [String: Any], path: String) {
            let name = path + ((command["commandName"] as? String) ?? "?")
            names.append(name)
            if name != "care help", ((command["abstract"] as? String) ?? "").isEmpty { missing.append(name) }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path: name + " ") }
        }
        walk(command, path: "")
        #expect(missing.isEmpty, "no abstract: \(missing)")
        for expected in ["care incident wait", "care playbook set", "care report agents", "care check"] {
            #expect(names.contains(expected), "\(expected)")
        }
    }
}
