import Foundation

/// Why a campaign change was refused.
public enum CampaignRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case supervisorsOnly(String)
    case badID(String)
    case exists(CampaignID)
    case unknown(CampaignID)
    case emptyTitle
    case emptyNote
    case endsBeforeItStarts(from: Day, to: Day)
    case badObjective(Int)

    public var description: String {
        switch self {
        case .supervisorsOnly(let what): RefusalWording.supervisorsOnly(what)
        case .badID(let id): tr("\"%@\" cannot name a campaign: use letters, digits, - _ or . (like winter-2026).", id)
        case .exists(let id):
            tr("There is already a campaign %@; add notes to it with `care campaign note %@ …`.", id, id)
        case .unknown(let id): tr("There is no campaign %@; `care campaign list` shows them.", id)
        case .emptyTitle: tr("A campaign needs a title.")
        case .emptyNote: tr("A note needs some text.")
        case .endsBeforeItStarts(let from, let to): tr("The campaign ends (%@) before it starts (%@).", to, from)
        case .badObjective(let percent): tr("An objective of %@%% is out of range: use -100 to 1000.", percent)
        }
    }
}

/// Supervisors plan campaigns and write down what they learn.
public enum CampaignRules {
    public static func add(_ campaign: Campaign, in state: StoreState, by author: Author) throws(CampaignRefusal)
        -> Transaction
    {
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly(tr("plan a campaign")) }
        guard !state.campaigns.contains(campaign.id) else { throw .exists(campaign.id) }
        if let problem = problems(campaign).first { throw problem }
        var fresh = campaign
        fresh.version = 1
        return Transaction(summary: "plan campaign \(campaign.id)", changes: [.campaign(fresh)])
    }

    /// What is wrong with `campaign` on its own: what `add` refuses and
    /// `care check` reports in a hand-edited file.
    public static func problems(_ campaign: Campaign) -> [CampaignRefusal] {
        var problems: [CampaignRefusal] = []
        if !campaign.id.isSafeFileName || campaign.id.rawValue.isEmpty { problems.append(.badID(campaign.id.rawValue)) }
        if campaign.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.emptyTitle) }
        if campaign.from > campaign.to { problems.append(.endsBeforeItStarts(from: campaign.from, to: campaign.to)) }
        problems += campaign.objectives.filter { !(-100...1000).contains($0.changePercent) }.map {
            .badObjective($0.changePercent)
        }
        return problems
    }

    public static func note(_ id: CampaignID, text: String, in state: StoreState, by author: Author, at now: Date)
        throws(CampaignRefusal) -> Transaction
    {
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly(tr("note on a campaign")) }
        guard var campaign = state.campaigns[id] else { throw .unknown(id) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyNote }
        campaign = campaign.nextVersion()
        campaign.notes.append(Campaign.Note(at: now, by: author.agent, text: trimmed))
        return Transaction(summary: "note on campaign \(id)", changes: [.campaign(campaign)])
    }
}
