import CareDomain

/// A report as the command line prints it, in a pane: the header, then the
/// rows around the selected one; numbers right-aligned, each column as wide
/// as its widest cell up to 20 columns (a longer text ends with "…"). The
/// columns come in the order that matters; those that do not fit whole are
/// left out, and their number is returned for the note under the table.
@discardableResult
func drawTable(_ table: Tabular, selected: Int, _ screen: inout Screen, _ rect: Rect) -> Int {
    let numeric = table.header.indices.map { column in
        table.rows.allSatisfy { column >= $0.count || $0[column].isNumeric }
    }
    let widths = table.header.indices.map { column in
        min(
            20,
            max(
                DisplayWidth.of(table.header[column]),
                table.rows.map { column < $0.count ? DisplayWidth.of($0[column].plain) : 0 }.max() ?? 0))
    }
    // As many columns as fit whole, two spaces apart.
    var shown = 0
    var used = 0
    while shown < widths.count, used + widths[shown] + (shown == 0 ? 0 : 2) <= rect.width - 2 {
        used += widths[shown] + (shown == 0 ? 0 : 2)
        shown += 1
    }
    func line(_ cells: [String]) -> String {
        cells.prefix(shown).enumerated().map { column, text in
            let width = widths[column]
            return numeric[column] && DisplayWidth.of(text) <= width
                ? String(repeating: " ", count: width - DisplayWidth.of(text)) + text : fit(text, width)
        }.joined(separator: "  ")
    }
    screen.put(line(table.header), x: rect.x + 1, y: rect.y, limit: rect.width - 2, style: Style(.title))
    if table.rows.isEmpty {
        screen.put(tr("Nothing in this period."), x: rect.x + 1, y: rect.y + 1, style: Style(.muted))
    }
    for (offset, index) in scrollWindow(count: table.rows.count, selected: selected, height: rect.height - 1)
        .enumerated()
    {
        screen.row(
            line(table.rows[index].map(\.plain)), x: rect.x + 1, y: rect.y + 1 + offset, width: rect.width - 2,
            style: Style(index == selected ? .selection : .normal))
    }
    return table.header.count - shown
}

extension Tabular {
    /// The table with a bar for the column headed `name` after it: each
    /// row's value as a share of the largest magnitude; a loss in light shade.
    func barred(after name: String, width: Int = 10) -> Tabular {
        guard let column = header.firstIndex(of: name) else { return self }
        func value(_ row: [Cell]) -> Double {
            guard column < row.count else { return 0 }
            switch row[column] {
            case .number(let number): return Double(number)
            case .decimal(let value, _): return value
            default: return Double(row[column].plain.replacingOccurrences(of: ",", with: ".")) ?? 0
            }
        }
        let top = rows.map { abs(value($0)) }.max() ?? 0
        var barred = self
        barred.header.insert("", at: column + 1)
        barred.rows = rows.map { row in
            var row = row
            let figure = value(row)
            let bar =
                top <= 0 || figure == 0
                ? ""
                : figure < 0
                    ? Bar.loss(share: -figure / top, width: width) : Bar.text(share: figure / top, width: width)
            row.insert(.text(bar), at: min(column + 1, row.count))
            return row
        }
        return barred
    }

    /// Some of the columns, by header, under shorter headers: what fits a
    /// pane of the figures `care report` prints in full.
    func columns(_ wanted: KeyValuePairs<String, String>) -> Tabular {
        let picked = wanted.compactMap { name, title in header.firstIndex(of: name).map { ($0, title) } }
        return Tabular(
            header: picked.map(\.1), rows: rows.map { row in picked.map { $0.0 < row.count ? row[$0.0] : .empty } })
    }
}

extension ScoresView.Tab {
    /// The columns the console shows of the tab's report.
    func shown(_ report: Tabular) -> Tabular {
        switch self {
        case .agents: report
        case .segments:
            report.columns([
                "segment": tr("short|segment"), "strategy": tr("short|strategy"), "customers": tr("short|customers"),
                "share_pct": tr("short|share%"),
                "avg_recency_days": tr("short|recency"),
                "purchases_per_year": tr("short|per year"), "avg_spend": tr("short|avg spend"),
                "profit": tr("short|profit"),
                "incentive": tr("short|incentive"),
            ]).barred(after: tr("short|share%"))
        case .profitability:
            report.columns([
                "customer": tr("short|customer"), "name": tr("short|name"), "profit": tr("short|profit"),
                "segment": tr("short|segment"), "purchases": tr("short|buys"),
                "revenue": tr("short|revenue"),
                "moment_costs": tr("short|moments"), "compensations": tr("short|comp."), "rewards": tr("short|rewards"),
            ]).barred(after: tr("short|profit"))
        case .touchpoints:
            report.columns([
                "name": tr("short|touchpoint"), "attention": tr("short|attention"), "impact": tr("short|impact"),
                "moments": tr("short|moments"),
                "cost": tr("short|cost"),
                "service_level_pct": tr("short|SLA%"), "satisfaction": tr("short|sat"),
                "incidents": tr("short|incidents"),
                "incidents_on_time_pct": tr("short|on time%"), "owner": tr("short|owner"),
            ]).barred(after: tr("short|attention"))
        }
    }
}
