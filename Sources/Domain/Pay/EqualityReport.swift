import Foundation

/// Pay outcomes by protected characteristic and by unit (issue 15 §6; 002 §1.2; Equality Act
/// 2010), every table suppressed by `SmallCellSuppression`: no count under 5 is shown, and
/// none can be worked out from the totals.
public struct EqualityReport: Sendable {
    /// One decided outcome: where, what, and the employee's answers.
    public struct Entry: Sendable {
        public let unit: String
        public let outcome: PayRecommendation.Outcome
        public let answers: [ProtectedCharacteristic: String]
        public init(unit: String, outcome: PayRecommendation.Outcome, answers: [ProtectedCharacteristic: String]) {
            self.unit = unit; self.outcome = outcome; self.answers = answers
        }
    }

    /// A count as shown: the number, or hidden ("<5").
    public enum Cell: Sendable, Equatable {
        case count(Int)
        case suppressed
        public var text: String {
            switch self {
            case .count(let value): return String(value)
            case .suppressed: return "<\(SmallCellSuppression.threshold)"
            }
        }
    }

    public struct Row: Sendable {
        public let group: String
        /// One cell per outcome, in `EqualityReport.outcomes` order.
        public let cells: [Cell]
        public let total: Cell
    }

    public struct Table: Sendable {
        /// `unit` or a characteristic's name.
        public let by: String
        public let rows: [Row]
        /// The column totals and the grand total, as the last row.
        public let totals: Row
    }

    public static let outcomes = PayRecommendation.Outcome.allCases
    /// The group of an employee who did not answer.
    public static let notRecorded = "not_recorded"

    public let tables: [Table]

    public init(_ entries: [Entry]) {
        var tables = [Self.table(by: "unit", entries, group: \.unit)]
        for characteristic in ProtectedCharacteristic.allCases {
            tables.append(Self.table(by: characteristic.rawValue, entries) {
                $0.answers[characteristic] ?? Self.notRecorded
            })
        }
        self.tables = tables
    }

    static func table(by name: String, _ entries: [Entry], group: (Entry) -> String) -> Table {
        var counts: [String: [Int]] = [:]
        for entry in entries {
            let column = outcomes.firstIndex(of: entry.outcome)!
            counts[group(entry), default: Array(repeating: 0, count: outcomes.count)][column] += 1
        }
        let groups = counts.keys.sorted()
        let suppressed = SmallCellSuppression.suppress(groups.map { counts[$0]! }, columns: outcomes.count)
        func row(_ index: Int, _ label: String) -> Row {
            let cells = (0...outcomes.count).map { column in
                suppressed.shown(index, column).map(Cell.count) ?? .suppressed
            }
            return Row(group: label, cells: Array(cells.dropLast()), total: cells.last!)
        }
        return Table(by: name, rows: groups.indices.map { row($0, groups[$0]) },
                     totals: row(groups.count, "total"))
    }

    /// The report as CSV: one line per group of each table, then its totals.
    public var csv: String {
        var lines = ["by,group," + Self.outcomes.map(\.rawValue).joined(separator: ",") + ",total"]
        for table in tables {
            for row in table.rows + [table.totals] {
                let cells = row.cells.map(\.text) + [row.total.text]
                lines.append([table.by, CSV.field(row.group)].joined(separator: ",") + ","
                             + cells.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
