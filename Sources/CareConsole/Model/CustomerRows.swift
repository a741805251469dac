import CareDomain

/// One row of the customer list (its folded text, which the filter reads,
/// is in `SearchTexts`, row for row).
public struct CustomerRow: Sendable, Equatable {
    public var summary: CustomerSummary
}

/// The customer list's rows in list order: the store's summaries as the
/// state holds them (not copied: a million summaries copied is a million
/// names, phones and emails retained) and the order to read them in.
public struct CustomerRows: RandomAccessCollection, Sendable {
    private let summaries: [CustomerSummary]
    /// `order[place]`: the index in `summaries` of the row at `place`.
    private let order: [Int]

    public init() {
        summaries = []
        order = []
    }

    init(_ summaries: [CustomerSummary], order: [Int]) {
        self.summaries = summaries
        self.order = order
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(place: Int) -> CustomerRow { CustomerRow(summary: summaries[order[place]]) }
}
