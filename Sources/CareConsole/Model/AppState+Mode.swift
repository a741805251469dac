/// Views of the one mode value, for what reads one part of it.
extension AppState {
    /// The scores screen, when it is the page; nil puts the panes back.
    var scores: ScoresView? {
        get {
            if case .scores(let view) = mode.page { view } else { nil }
        }
        set { mode.page = newValue.map(Page.scores) ?? .main }
    }

    /// The open dialog, if the layer is one.
    var dialog: (any Layer)? { mode.layer is any Dialog ? mode.layer : nil }

    /// Whether the customer on screen is still being read: the profile and
    /// timeline held are someone else's, and are not drawn; or none is
    /// held yet and the customers' records are still coming (a console
    /// opened on their summaries).
    public var readingProfile: Bool {
        guard customer == nil else { return customer?.id != subjectCustomerID }
        return subjectCustomerID != nil && !store.customers.holdsRecords
    }

    /// Whether the terminal is large enough for the console's screens.
    public var fitsTerminal: Bool { size.width >= minimumSize.width && size.height >= minimumSize.height }

    var showingHelp: Bool { mode.layer is HelpOverlay }
    var editingFilter: Bool { mode.layer is FilterEditing }
    var audit: AuditView? { mode.layer as? AuditView }
}
