import App
import Documents
import Domain
import Foundation

/// The termly governors' report as printed (issue 17 §3): per report, a chart of the trust's
/// (or the unit's) totals by category, suppressed counts drawn as hidden; then the pay
/// equality tables where the reader reads them.
enum GovernorsReportPrint {
    static func document(_ pack: GovernorsReportService.Pack) -> PrintedDocument {
        let anonymised = pack.tables.contains { $0.audience == .anonymised }
        let scope = pack.tables.first?.lines.first?.unitName.map { pack.filter.unitId == nil ? "All units" : $0 }
        var blocks: [PrintedDocument.Block] = [
            .note("As of \(London.date(of: pack.asOf).spelledOut). "
                  + (anonymised ? "Anonymised: no count under 5 is shown, nor one a total would give away."
                                : "Every count shown: the reader may read them all.")),
        ]
        for table in pack.tables { blocks += chart(table) }
        blocks += equality(pack.equality)
        return PrintedDocument(
            title: "Performance management: termly report for governors",
            subtitle: (scope ?? "All units") + " · the cycle's appraisals, in counts only",
            marking: anonymised ? "ANONYMISED" : "CONFIDENTIAL",
            footer: "Appraise · governors' report", createdAt: StatementPrint.pdfDate(pack.asOf), blocks: blocks)
    }

    /// The table's closing totals (the trust's line per category) as bars.
    static func chart(_ table: ReportTable) -> [PrintedDocument.Block] {
        let totals = table.lines.filter { $0.unitId == nil && $0.category != ReportTable.total }
        let all = table.lines.first { $0.unitId == nil && $0.category == ReportTable.total }?.count
        let bars = table.categories.map { category in
            PrintedDocument.Bar(label: label(category),
                                value: totals.first { $0.category == category }.map { $0.count } ?? 0)
        }
        return [.bars(title: table.kind.title,
                      caption: "\(table.kind.counts.capitalizedFirst): \(all.map(String.init) ?? "hidden") in all",
                      bars)]
    }

    static func equality(_ report: EqualityReport?) -> [PrintedDocument.Block] {
        guard let report else {
            return [.section("Equality of pay outcomes"),
                    .note("Read by HR and the CEO (002 §1.2): ask them for the analysis of pay outcomes by "
                          + "protected characteristic.")]
        }
        var blocks: [PrintedDocument.Block] = [
            .section("Equality of pay outcomes"),
            .note("Decided pay outcomes by group; every table suppressed: no count under 5 is shown."),
        ]
        for table in report.tables {
            let heading = "By " + table.by.replacingOccurrences(of: "_", with: " ")
            let rows = (table.rows + [table.totals]).map { row in
                let cells = zip(EqualityReport.outcomes, row.cells).map { "\(label($0.rawValue)) \($1.text)" }
                    + ["total \(row.total.text)"]
                return PrintedDocument.Block.field(label: label(row.group), value: cells.joined(separator: " · "))
            }
            blocks.append(.text(label: heading, body: ""))
            blocks += rows
        }
        return blocks
    }

    /// `partly_met/progress` → "Partly met / progress".
    static func label(_ key: String) -> String {
        key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "/", with: " / ").capitalizedFirst
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
