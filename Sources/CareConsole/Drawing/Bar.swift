/// A horizontal bar of `width` cells for a share of the largest value, in
/// half cells: `████▌`. Negative shares draw nothing. `--ascii` draws the
/// blocks as `#` (`ASCIIDrawing`).
enum Bar {
    static func text(share: Double, width: Int) -> String {
        let halves = Int((min(1, max(0, share)) * Double(width * 2)).rounded())
        return String(repeating: "█", count: halves / 2) + (halves % 2 == 1 ? "▌" : "")
    }

    /// A loss, as a share of the largest magnitude, in light shade: `░░░`
    /// (`--ascii`: `-`), so a loss reads apart from a gain.
    static func loss(share: Double, width: Int) -> String {
        String(repeating: "░", count: max(1, Int((min(1, max(0, share)) * Double(width)).rounded())))
    }
}
