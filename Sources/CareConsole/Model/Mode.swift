/// What the console shows, as one value that input and drawing both read:
/// a screen, and at most one layer over it (an overlay, a dialog, or the
/// filter being typed). Keys go to the layer when there is one, else to the
/// screen; drawing puts the layer over the screen.
struct Mode: Sendable {
    var page = Page.main
    var layer: (any Layer)?
}

/// The screen under any layer.
enum Page: Sendable {
    /// The four panes.
    case main
    /// The scores screen (`S`), in place of the panes.
    case scores(ScoresView)
}
