/// The targets `care bench` prints beside each figure: those of the issue
/// "Figures at scale" for 100,000 customers, and for the next size up
/// (1,000,000 customers, 20,000,000 moments) where it sets its own.
struct BenchTargets {
    let customers: Int

    private var large: Bool { customers >= 1_000_000 }

    var seed: String { large ? "" : "≤ 30 s" }
    var firstScreen: String { large ? "≤ 1 s" : "≤ 0.3 s" }
    var report: String { large ? "≤ 5 s" : "≤ 1 s" }
    var quietExpiry: String { large ? "" : "≤ 0.5 s" }
    var dueExpiry: String { large ? "" : "≤ 3 s" }
    var check: String { large ? "" : "≤ 10 s" }
    var consolePeak: String { large ? "≤ 1 GB" : "≤ 300 MB" }
    var filterKeystroke: String { "≤ 16 ms p99" }
    var durableChange: String { "≤ 10 ms median" }
    var customerAudit: String { "≤ 50 ms at 1,000,000 transactions" }
}
