import CareDomain
import Foundation

/// The smallest terminal the four panes fit.
public let minimumSize = Size(width: 80, height: 24)

/// State in, screen out: the whole screen for `state`, at its size.
public func render(_ state: AppState) -> Screen {
    let size = state.size
    var screen = Screen(size: size)
    guard state.fitsTerminal else {
        drawTooSmall(&screen)
        return screen
    }
    let body = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
    switch state.mode.page {
    case .scores(let scores): drawScores(scores, state: state, &screen, body)
    case .main: drawPanes(state, &screen, body)
    }
    drawStatus(state, &screen, y: size.height - 1)
    state.mode.layer?.draw(state, &screen)
    return screen
}

/// The four panes: customers over the queue on the left, the profile over
/// the timeline on the right.
private func drawPanes(_ state: AppState, _ screen: inout Screen, _ body: Rect) {
    let layout = MainLayout(size: state.size)
    drawCustomers(state, &screen, layout.customers)
    drawQueue(state, &screen, layout.queue)
    drawProfile(state, &screen, layout.profile)
    drawTimeline(state, &screen, layout.timeline)
}

/// Where the four panes are for a terminal size (all but the status bar):
/// drawing uses it, and so do keys that scroll a pane by its height.
struct MainLayout {
    let customers: Rect
    let queue: Rect
    let profile: Rect
    let timeline: Rect

    init(size: Size) {
        let body = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        let leftWidth = max(38, body.width * 2 / 5)
        let customersHeight = body.height * 3 / 5
        let profileHeight = body.height / 2
        customers = Rect(x: 0, y: 0, width: leftWidth, height: customersHeight)
        queue = Rect(x: 0, y: customersHeight, width: leftWidth, height: body.height - customersHeight)
        profile = Rect(x: leftWidth, y: 0, width: body.width - leftWidth, height: profileHeight)
        timeline = Rect(
            x: leftWidth, y: profileHeight, width: body.width - leftWidth, height: body.height - profileHeight)
    }
}

private func drawTooSmall(_ screen: inout Screen) {
    let lines = [
        tr("Terminal too small: %@×%@.", screen.size.width, screen.size.height),
        tr("care needs at least %@×%@; enlarge the window.", minimumSize.width, minimumSize.height),
        tr("q quits."),
    ]
    let top = max(0, screen.size.height / 2 - 1)
    for (offset, line) in lines.enumerated() {
        let x = max(0, (screen.size.width - DisplayWidth.of(line)) / 2)
        screen.put(line, x: x, y: top + offset, style: Style(offset == 0 ? .warning : .normal))
    }
}

private func drawStatus(_ state: AppState, _ screen: inout Screen, y: Int) {
    var x = 0
    x += screen.put(" \(state.agent) ", x: x, y: y, style: Style(.key, reverse: true))
    if state.isDemo { x += screen.put(" " + tr("demo") + " ", x: x, y: y, style: Style(.warning, reverse: true)) }
    if state.overdueCount > 0 {
        x += screen.put(" " + tr("%@ overdue", state.overdueCount) + " ", x: x, y: y, style: Style(.overdue))
    }
    if state.approvalsWaiting > 0, state.isSupervisor {
        x += screen.put(" " + tr("%@ to approve", state.approvalsWaiting) + " ", x: x, y: y, style: Style(.warning))
    }
    if state.saving > 0 {
        x += screen.put(" " + tr("saving…") + " ", x: x, y: y, style: Style(.warning))
    }
    if !state.store.holdsEveryRecord {
        x += screen.put(" " + tr("reading…") + " ", x: x, y: y, style: Style(.warning))
    }
    if state.offline != nil {
        x += screen.put(
            " " + tr("offline: reconnecting, nothing can be saved") + " ", x: x, y: y,
            style: Style(.error, reverse: true))
    }
    if let message = state.message {
        say(message, title: tr("Not done"), style: Style(.error), from: x, &screen, y: y)
        return
    }
    if let notice = state.notice {
        say(notice, title: tr("Done"), style: Style(.ok), from: x, &screen, y: y)
        return
    }
    // Read once a frame: it looks the agent up in the roster.
    let supervisor = state.isSupervisor
    for binding in state.scores == nil ? KeyMap.bindings : KeyMap.scoresBindings {
        guard let hint = binding.hint else { continue }
        // What an agent may not do is not offered to them.
        if !supervisor, binding.requires.supervisorsOnly { continue }
        // Only whole hints; the rest are in ? and the palette.
        guard x + DisplayWidth.of(" \(binding.label) \(hint)") <= screen.size.width else { break }
        x += screen.put(" " + binding.label, x: x, y: y, style: Style(.key))
        x += screen.put(" " + hint, x: x, y: y, style: Style(.hint))
    }
}

/// A message in the status bar; one longer than the bar is shown whole,
/// wrapped in a panel just above it, until the next key.
private func say(_ text: String, title: String, style: Style, from x: Int, _ screen: inout Screen, y: Int) {
    guard x + 1 + DisplayWidth.of(text) > screen.size.width else {
        screen.put(" " + text, x: x, y: y, style: style)
        return
    }
    let lines = wrap(text, width: screen.size.width - 4)
    let height = min(lines.count + 2, y)
    let rect = Rect(x: 0, y: y - height, width: screen.size.width, height: height)
    screen.fill(rect)
    let inside = screen.box(rect, title: title, focused: true)
    for (offset, line) in lines.prefix(inside.height).enumerated() {
        screen.put(line, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 1, style: style)
    }
    screen.put(" " + tr("any key closes"), x: x, y: y, style: Style(.muted))
}
