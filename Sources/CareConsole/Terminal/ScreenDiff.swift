/// The runs of cells that differ between two frames: what a backend writes.
/// A run is on one row and has one style, so it is one attribute change and
/// one write.
struct ScreenDiff: Equatable, Sendable {
    struct Run: Equatable, Sendable {
        var x: Int
        var y: Int
        var text: String
        var style: Style
    }

    let runs: [Run]

    /// Everything, when there is no previous frame or the size changed.
    init(from previous: Screen?, to next: Screen) {
        var runs: [Run] = []
        let full = previous?.size != next.size
        for y in 0..<next.size.height {
            var x = 0
            while x < next.size.width {
                let cell = next[x, y]
                guard full || previous?[x, y] != cell else {
                    x += 1
                    continue
                }
                // A wide character's right half is written with it.
                if cell.text.isEmpty, x > 0 {
                    x += 1
                    continue
                }
                var run = Run(x: x, y: y, text: cell.text, style: cell.style)
                x += 1
                while x < next.size.width {
                    let following = next[x, y]
                    let changed = full || previous?[x, y] != following
                    guard following.style == run.style, changed || following.text.isEmpty else { break }
                    run.text += following.text
                    x += 1
                }
                runs.append(run)
            }
        }
        self.runs = runs
    }
}
