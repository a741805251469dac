import Foundation
import Testing

@testable import CareDomain

@Suite struct CampaignTests {
    let boss = Author(login: "boss")

    /// C1's only purchase in the year before 1 November is 200 € of hogar in
    /// June: one family, bought within 180 days, so a one-family buyer; C2
    /// never bought (dormant).
    func campaign(_ segment: Segment, id: CampaignID = "nov") -> Campaign {
        Campaign(
            id: id, title: "Second family", segment: segment, from: Day("2026-11-01") ?? Fixture.today,
            to: Day("2026-11-15") ?? Fixture.today,
            goal: "a second family", objectives: [.init(measure: .purchases, changePercent: 20)], cost: .euros(20))
    }

    @Test func theTargetIsMeasuredBeforeDuringAndAfter() throws {
        try withTemporaryDirectory { directory in
            let store = try ValueData.makeStore(in: directory)
            let state = try store.transact(by: boss) { state in
                try CampaignRules.add(campaign(.crossSell), in: state, by: boss)
            }
            let report = CampaignReport.run(
                try #require(state.campaigns["nov"]), state: state, figures: try store.figures(), today: Fixture.today)
            #expect(report.target == 1)
            #expect(report.phases.map(\.name) == ["before", "during", "after"])
            #expect(report.phases[0].from == Day("2026-10-17") && report.phases[0].to == Day("2026-10-31"))
            #expect(report.phases[0].purchases == 0)
            #expect(
                report.phases[1].purchases == 1 && report.phases[1].spend == .euros(100)
                    && report.phases[1].revenue == .euros(50))
            // After runs from the 16th, cut at today (the 22nd).
            #expect(
                report.phases[2].from == Day("2026-11-16") && report.phases[2].to == Fixture.today
                    && report.phases[2].purchases == 0)
            #expect(report.objectives == [.init(measure: .purchases, wantedPercent: 20, actualPercent: nil, met: true)])
            #expect(report.extraRevenue == .euros(50))
            #expect(
                report.text.contains(
                    "Extra margin during the campaign: 50.00 € against a cost of 20.00 € (paid for itself)."))
            let csv = report.phasesTable.rendered(as: .csv)
            #expect(csv.hasPrefix("phase,from,to,days,target,buyers,purchases"))
            let decoded = try CareJSON.decoder().decode(CampaignReport.self, from: CareJSON.encoder().encode(report))
            #expect(decoded == report)
        }
    }

    @Test func aCampaignWithoutBuyersMissesItsObjectiveAndKeepsItsNotes() throws {
        try withTemporaryDirectory { directory in
            let store = try ValueData.makeStore(in: directory)
            _ = try store.transact(by: boss) { state in
                try CampaignRules.add(campaign(.dormant, id: "wake"), in: state, by: boss)
            }
            let later = Fixture.now.addingTimeInterval(60)
            let state = try store.transact(by: boss) { state in
                try CampaignRules.note("wake", text: " Nobody answered the emails ", in: state, by: boss, at: later)
            }
            let report = CampaignReport.run(
                try #require(state.campaigns["wake"]), state: state, figures: try store.figures(), today: Fixture.today)
            #expect(report.target == 1)  // C2
            #expect(report.phases.allSatisfy { $0.purchases == 0 })
            #expect(report.objectives.first?.met == false)
            #expect(report.notes == [Campaign.Note(at: later, by: "boss", text: "Nobody answered the emails")])
            #expect(report.text.contains("did not pay for itself"))
        }
    }

    @Test func onlySupervisorsPlanCampaignsAndBadOnesAreRefused() throws {
        try withTemporaryDirectory { directory in
            let store = try ValueData.makeStore(in: directory)
            let state = try store.open()
            #expect(throws: CampaignRefusal.supervisorsOnly("plan a campaign")) {
                try CampaignRules.add(campaign(.dormant), in: state, by: Fixture.ana)
            }
            var backwards = campaign(.dormant)
            backwards.to = Day("2026-10-01") ?? Fixture.today
            #expect(throws: CampaignRefusal.endsBeforeItStarts(from: backwards.from, to: backwards.to)) {
                try CampaignRules.add(backwards, in: state, by: boss)
            }
            #expect(throws: CampaignRefusal.badID("a/b")) {
                try CampaignRules.add(campaign(.dormant, id: "a/b"), in: state, by: boss)
            }
            #expect(throws: CampaignRefusal.unknown("nope")) {
                try CampaignRules.note("nope", text: "x", in: state, by: boss, at: Fixture.now)
            }
            let after = try store.transact(by: boss) { state in
                try CampaignRules.add(campaign(.dormant), in: state, by: boss)
            }
            #expect(throws: CampaignRefusal.exists("nov")) {
                try CampaignRules.add(campaign(.dormant), in: after, by: boss)
            }
            // The campaigns snapshot round-trips through a compaction.
            try store.compact()
            #expect(try FileStore(directory: directory).open().campaigns["nov"] == after.campaigns["nov"])
            #expect(FileManager.default.fileExists(atPath: directory + "/campaigns.json"))
        }
    }

    @Test func checkFindsACampaignOrRecognitionEditedOutOfTheRules() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var backwards = campaign(.dormant)
            backwards.to = Day("2026-10-01") ?? Fixture.today
            backwards.objectives = [.init(measure: .spend, changePercent: 5000)]
            var ana = try #require(try store.open().agents["ana"]).nextVersion()
            ana.recognitions = [Agent.Recognition(at: Fixture.now, by: "ghost", reason: "x")]
            // Written around the rules, as a hand edit of the files would be.
            _ = try store.commit(
                Transaction(summary: "hand edit", changes: [.campaign(backwards), .agent(ana)]), by: boss)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems.contains("Campaign nov: The campaign ends (2026-10-01) before it starts (2026-11-01)."))
            #expect(problems.contains("Campaign nov: An objective of 5000% is out of range: use -100 to 1000."))
            #expect(problems.contains("Agent ana was recognised by ghost, who is not in the roster."))
        }
    }
}
