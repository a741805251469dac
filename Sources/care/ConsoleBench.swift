import CareConsole
import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The console's figures for `care bench`: bytes sent to an 80×24 terminal
/// per frame, and key-to-screen latency while filtering every customer.
enum ConsoleBench {
    static func measure(store: any CareStore, state storeState: StoreState, agent: String) throws -> [BenchCommand.Row]
    {
        var rows: [BenchCommand.Row] = []
        let (built, buildTime) = Measure.time { AppState(store: storeState, now: Date(), agent: agent) }
        var state = built
        rows.append(("console list built (fold + sort)", String(format: "%.1f ms", buildTime.milliseconds), ""))

        // A real ncurses session writing to a file instead of a tty.
        try BenchConsole.withCursesOnFile("frames") { terminal, output in
            let size = Size(width: 80, height: 24)
            func bytes(_ frame: () -> Void) -> Int {
                fflush(output)
                let before = ftell(output)
                frame()
                fflush(output)
                return ftell(output) - before
            }
            _ = update(&state, .resize(size))
            _ = update(&state, .storeChanged(storeState))
            let first = bytes { terminal.draw(render(state)) }
            let unchanged = bytes { terminal.draw(render(state)) }
            _ = update(&state, .key(.character("j")))
            let move = bytes { terminal.draw(render(state)) }
            rows.append(("bytes: first frame 80×24", "\(first)", ""))
            rows.append(("bytes: unchanged frame", "\(unchanged)", "0"))
            rows.append(("bytes: one selection move", "\(move)", "< 400"))

            // Another session notes an incident: what the console redoes.
            if let incident = storeState.incidents.ids.first {
                let author = Author(login: agent)
                let changed = try store.transact(by: author) { current in
                    try IncidentRules.note(
                        in: current, incident: incident, text: "from another counter", by: author, at: Date())
                }
                // As the console does it: the queue's lists off the loop, the rest on it.
                let (prepared, preparing) = Measure.time { Message.storeChanged(changed).preparing(after: state) }
                let (_, reloadTime) = Measure.time { _ = update(&state, prepared) }
                rows.append(
                    (
                        "console reload after another session's change",
                        String(
                            format: "%.1f ms on the loop (%.1f ms before it, off the loop)", reloadTime.milliseconds,
                            preparing.milliseconds),
                        ""
                    ))
            }

            // The scores screen: open it, step the period, close it.
            let (_, scoresOpen) = Measure.time {
                _ = update(&state, .key(.character("S")))
                terminal.draw(render(state))
            }
            let (_, scoresStep) = Measure.time {
                _ = update(&state, .key(.character("<")))
                terminal.draw(render(state))
            }
            _ = update(&state, .key(.escape))
            rows.append(
                ("scores screen: S to first frame", String(format: "%.1f ms", scoresOpen.milliseconds), "< 1 s"))
            rows.append(("scores screen: previous period", String(format: "%.1f ms", scoresStep.milliseconds), "< 1 s"))

            // Typing names and erasing them, as an agent searching would.
            var latencies: [Duration] = []
            var random = SeedRandom(seed: 11)
            let names = state.rows.map(\.summary.name)
            _ = update(&state, .key(.character("/")))
            for _ in 0..<20 {
                let word = Folding.fold(random.pick(names)).split(separator: " ").first.map(String.init) ?? "a"
                let keys = word.map { Key.character($0) } + Array(repeating: .backspace, count: word.count)
                for key in keys {
                    let (_, elapsed) = Measure.time {
                        _ = update(&state, .key(key))
                        terminal.draw(render(state))
                    }
                    latencies.append(elapsed)
                }
            }
            rows.append(
                (
                    "key-to-screen while filtering",
                    String(
                        format: "%.1f ms median, %.1f ms p99 (%d keys over %d customers)",
                        Measure.percentile(latencies, 0.5).milliseconds,
                        Measure.percentile(latencies, 0.99).milliseconds,
                        latencies.count, names.count),
                    "< 16 ms p99"
                ))
        }
        return rows
    }
}
