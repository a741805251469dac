import Foundation
import Testing

/// The same exit statuses from every command (the README lists them), and
/// `--demo` on any command.
@Suite struct ExitStatusTests {
    @Test func everyCommandSaysDoneRefusedCannotRunOrWrongUsageTheSameWay() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let nowhere = directory + "/nowhere"
            let cases: [([String], Int32)] = [
                (["check", "--data", directory], 0),
                (["incident", "show", "I999999", "--data", directory], 1),
                (["customer", "find", "zzzz-no-one", "--data", directory], 1),
                (["playbook", "show", "nothing", "--data", directory], 1),
                (["check", "--data", nowhere], 2),
                (["customer", "find", "x", "--data", nowhere], 2),
                (["incident", "list", "--data", nowhere], 2),
                (["report", "agents", "--data", nowhere], 2),
                (["incident", "list", "--no-such-option", "--data", directory], 64),
                (["incident", "wait", "I000001", "--on", "nobody", "--data", directory], 64),
            ]
            for (arguments, expected) in cases {
                let outcome = try CareProcess.run(arguments)
                #expect(outcome.status == expected, "\(arguments.joined(separator: " ")): \(outcome.stderr)")
                if expected != 0 { #expect(!outcome.stderr.isEmpty, "\(arguments.joined(separator: " "))") }
            }
        }
    }

    @Test func demoWorksWithEveryCommandAndSaysWhereItIs() throws {
        try withTemporaryDirectory { directory in
            // The demo store is made in the temporary directory: this test's own.
            let environment = ["TMPDIR": directory]
            let checked = try CareProcess.run(["--demo", "check"], environment: environment)
            #expect(checked.status == 0, "\(checked.stderr)")
            #expect(checked.stdout.contains("Store \(directory)/care-demo-"), "\(checked.stdout)")
            let after = try CareProcess.run(
                ["report", "agents", "--demo", "--format", "csv"], environment: environment)
            #expect(after.status == 0 && after.stdout.hasPrefix("agent,name,"), "\(after.stderr)")
            let both = try CareProcess.run(["check", "--demo", "--data", directory], environment: environment)
            #expect(both.status == 64 && both.stderr.contains("--demo and --data exclude each other."))
            let console = try CareProcess.run(["--demo"], environment: environment)
            #expect(console.status == 2)
            #expect(console.stdout.contains("The demo store is \(directory)/care-demo-"), "\(console.stdout)")
        }
    }
}

/// `care seed` writes the demo catalog in the language in force.
@Suite struct DemoCatalogLanguageTests {
    @Test func aSpanishSeedWritesTheCatalogInSpanishAndAnEnglishOneInEnglish() throws {
        try withTemporaryDirectory { directory in
            let spanish = directory + "/es"
            let english = directory + "/en"
            let seededInSpanish = try CareProcess.run(
                ["seed", "--customers", "5", "--data", spanish], environment: ["LANG": "es_ES.UTF-8"])
            #expect(seededInSpanish.status == 0, "\(seededInSpanish.stderr)")
            let seededInEnglish = try CareProcess.run(
                ["seed", "--customers", "5", "--data", english, "--lang", "en"], environment: ["LANG": "es_ES.UTF-8"])
            #expect(seededInEnglish.status == 0, "\(seededInEnglish.stderr)")
            let es = try CareProcess.run(["touchpoint", "list", "--format", "csv", "--data", spanish])
            #expect(es.stdout.contains("Compra en tienda") && es.stdout.contains("Mostrador"), "\(es.stdout)")
            let en = try CareProcess.run(["touchpoint", "list", "--format", "csv", "--data", english])
            #expect(en.stdout.contains("Purchase in store") && !en.stdout.contains("Compra en tienda"))
            let tiers = try CareProcess.run(["program", "show", "--data", spanish])
            #expect(tiers.stdout.contains("\"Oro\"") && tiers.stdout.contains("\"Platino\""), "\(tiers.stdout)")
        }
    }

    @Test func aSpanishInitWritesTheCatalogInSpanishAndSaysSoInSpanish() throws {
        try withTemporaryDirectory { directory in
            let store = directory + "/init"
            let created = try CareProcess.run(["init", "--data", store], environment: ["LANG": "es_ES.UTF-8"])
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("Creado un almacén vacío en"), "\(created.stdout)")
            let points = try CareProcess.run(["touchpoint", "list", "--format", "csv", "--data", store])
            #expect(points.stdout.contains("Compra en tienda"), "\(points.stdout)")
        }
    }
}

/// Refusals, help and the incident sheet speak the language in force.
@Suite struct CommandLanguageTests {
    @Test func aRefusalAndTheHelpAreInSpanishUnderASpanishLocale() throws {
        try withTemporaryDirectory { directory in
            let store = directory + "/store"
            let seeded = try CareProcess.run(["seed", "--customers", "5", "--data", store])
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let refused = try CareProcess.run(
                ["customer", "show", "NOPE", "--data", store], environment: ["LANG": "es_ES.UTF-8"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("No hay cliente con id NOPE en este almacén"), "\(refused.stderr)")
            let english = try CareProcess.run(["customer", "show", "NOPE", "--data", store, "--lang", "en"])
            #expect(english.stderr.contains("There is no customer with id NOPE"), "\(english.stderr)")
            let help = try CareProcess.run(["check", "--help", "--lang", "es"])
            #expect(help.stdout.contains("Comprueba el almacén"), "\(help.stdout)")
        }
    }
}
