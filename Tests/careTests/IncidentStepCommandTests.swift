import CareDomain
import Foundation
import Testing

/// The incident steps as commands: waiting and resuming, what is owed
/// swept onto the record and declined, an approval asked, answered and used,
/// and the playbooks a supervisor keeps.
@Suite struct IncidentStepCommandTests {
    func care(_ arguments: [String], _ directory: String) throws -> CareProcess.Outcome {
        try CareProcess.run(arguments + ["--data", directory])
    }

    @Test func aWaitStopsTheClockUntilResumed() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let state = try FileStore(directory: directory).open()
            let open = try #require(state.incidents.summaries { $0.status == .inProgress }.min { $0.id < $1.id })
            let id = open.id.rawValue
            let waited = try care(["incident", "wait", id, "--on", "partner", "--note", "el taller"], directory)
            #expect(waited.status == 0, "\(waited.stderr)")
            #expect(waited.stdout.contains("waits on the partner"))
            let shown = try care(["incident", "show", id], directory)
            #expect(shown.stdout.contains("waiting on a partner") && shown.stdout.contains("clock stopped"))
            #expect(shown.stdout.contains("waiting on the partner: el taller"))
            let resumed = try care(["incident", "resume", id], directory)
            #expect(resumed.status == 0 && resumed.stdout.contains("is moving again, due"), "\(resumed.stderr)")
            let again = try care(["incident", "resume", id], directory)
            #expect(again.status != 0 && again.stderr.contains("is not waiting on anyone"))
            let bad = try care(["incident", "wait", id, "--on", "nobody"], directory)
            #expect(bad.status != 0)
        }
    }

    @Test func theSweepRecordsWhatIsOwedAndAResolveWithoutItNeedsAReason() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let swept = try care(["incident", "sweep"], directory)
            #expect(swept.status == 0 && swept.stdout.contains("Recorded what is owed on"), "\(swept.stderr)")
            #expect(try care(["incident", "sweep"], directory).stdout.contains("Nothing new is owed."))
            let state = try FileStore(directory: directory).open()
            let owing = try #require(state.incidents.summaries(where: \.owesPending).min { $0.id < $1.id })
            let id = owing.id.rawValue
            let listed = try care(["incident", "list", "--overdue", "--format", "csv"], directory)
            #expect(listed.stdout.contains("\(id),") && listed.stdout.contains("pending"))
            let refused = try care(["incident", "resolve", id], directory)
            #expect(refused.status != 0 && refused.stderr.contains("owes the customer a compensation"))
            let declined = try care(["incident", "resolve", id, "--decline", "no quiso nada"], directory)
            #expect(declined.status == 0 && declined.stdout.contains("declined, on record"), "\(declined.stderr)")
            let shown = try care(["incident", "show", id], directory)
            #expect(shown.stdout.contains("declined by") && shown.stdout.contains("no quiso nada"))
            let agents = try care(["report", "agents", "--format", "csv"], directory)
            #expect(agents.stdout.split(whereSeparator: \.isNewline).first?.hasSuffix(",owed_declined") == true)
            #expect(try care(["check"], directory).status == 0)
        }
    }

    @Test func anApprovalIsAskedAnsweredAndUsed() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let state = try FileStore(directory: directory).open()
            var found: (IncidentID, PlaybookID)?
            for summary in state.incidents.summaries(where: { $0.status.isOpen }).sorted(by: { $0.id < $1.id })
            where found == nil {
                guard let incident = state.incidents[summary.id] else { continue }
                for playbook in state.playbooks.sorted where playbook.touchpoint == incident.touchpoint {
                    let proposal = IncidentRules.proposal(for: incident, playbook: playbook, in: state, at: Date())
                    if (proposal?.compensation.value ?? .zero) > .euros(15), found == nil {
                        found = (incident.id, playbook.id)
                    }
                }
            }
            let (incident, playbook) = try #require(found)
            let id = incident.rawValue
            let asRaul = ["--as", "ralvarez"]
            let over = try care(
                ["incident", "resolve", id, "--playbook", playbook.rawValue, "--grant"] + asRaul, directory)
            #expect(over.status != 0 && over.stderr.contains("above your authority of 15.00 €"))
            let asked = try care(
                ["incident", "ask", id, "--playbook", playbook.rawValue, "--note", "cliente VIP"] + asRaul, directory)
            #expect(asked.status == 0, "\(asked.stderr)")
            let pending = try care(["incident", "list", "--approvals", "--format", "csv"], directory)
            #expect(
                pending.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.prefix(7) } == [Substring(id)])
            let agentAnswers = try care(["incident", "approve", id] + asRaul, directory)
            #expect(agentAnswers.status != 0 && agentAnswers.stderr.contains("Only a supervisor"))
            let noReason = try care(["incident", "refuse", id], directory)
            #expect(noReason.status != 0)
            let approved = try care(["incident", "approve", id, "--reason", "lleva diez años"], directory)
            #expect(approved.status == 0, "\(approved.stderr)")
            let resolved = try care(
                ["incident", "resolve", id, "--playbook", playbook.rawValue, "--grant", "--rating", "5"] + asRaul,
                directory)
            #expect(resolved.status == 0 && resolved.stdout.contains("granting"), "\(resolved.stderr)")
            let shown = try care(["incident", "show", id], directory)
            #expect(shown.stdout.contains("approved by") && shown.stdout.contains("lleva diez años"))
            #expect(try care(["check"], directory).status == 0)
        }
    }

    @Test func supervisorsKeepThePlaybooksCheckedLikeTouchpoints() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let listed = try care(["playbook", "list", "--format", "csv"], directory)
            #expect(listed.status == 0 && listed.stdout.hasPrefix("id,touchpoint,situation,solution"))
            let state = try FileStore(directory: directory).open()
            let first = try #require(state.playbooks.sorted.first)
            let shown = try care(["playbook", "show", first.id.rawValue], directory)
            #expect(shown.status == 0 && shown.stdout.contains("\"situation\""))
            var changed = first
            changed.solution = "Cambiar el producto en el acto"
            let file = directory + "/playbook.json"
            try CareJSON.encoder(pretty: true).encode(changed).write(to: URL(fileURLWithPath: file))
            let set = try care(["playbook", "set", file], directory)
            #expect(set.status == 0, "\(set.stderr)")
            #expect(try FileStore(directory: directory).open().playbooks[first.id]?.solution == changed.solution)
            let byAgent = try care(["playbook", "set", file, "--as", "ralvarez"], directory)
            #expect(byAgent.status != 0 && byAgent.stderr.contains("Only a supervisor"))
            var broken = first
            broken.touchpoint = "nowhere"
            broken.solution = " "
            broken.compensation = Compensation(kind: .coupon, discountPercent: 0, value: 500, description: "coupon")
            try CareJSON.encoder(pretty: true).encode(broken).write(to: URL(fileURLWithPath: file))
            let refused = try care(["playbook", "set", file], directory)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("touchpoint \"nowhere\" is not in the catalog"))
            #expect(refused.stderr.contains("It needs a solution"))
            #expect(refused.stderr.contains("discountPercent must be 1 to 100"))
            let unknown = try care(["playbook", "show", "nothing"], directory)
            #expect(unknown.status != 0 && unknown.stderr.contains("There is no playbook nothing"))
        }
    }
}
