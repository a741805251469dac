/// `index` moved by a motion over `count` rows.
func moved(_ index: Int, count: Int, by action: Action, page: Int) -> Int {
    guard count > 0 else { return 0 }
    let target: Int
    switch action {
    case .down: target = index + 1
    case .up: target = index - 1
    case .top: target = 0
    case .bottom: target = count - 1
    case .pageDown: target = index + page
    case .pageUp: target = index - page
    default: target = index
    }
    return min(max(0, target), count - 1)
}
