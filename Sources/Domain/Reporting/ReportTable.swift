import Foundation

/// A report as one flat table (issue 17 §1), the same in JSON and in CSV: a line per unit and
/// staff group and category, a `total` line closing each group, and the trust's totals last
/// (unit and staff group empty). Read anonymised, it is suppressed by `SmallCellSuppression`:
/// no count under 5 shows, nor any that a total minus the shown counts would give away.
public struct ReportTable: Sendable, Equatable {
    public static let total = "total"

    public struct Line: Sendable, Equatable {
        /// nil on the trust's totals.
        public var unitId: UUID?
        public var unitName: String?
        public var staffGroup: Employment.StaffGroup?
        /// One of the report's categories, or `total`.
        public var category: String
        /// nil where suppressed.
        public var count: Int?
    }

    public let kind: ReportKind
    public let audience: ReportAccess.Audience
    public let categories: [String]
    public let lines: [Line]

    public init(_ kind: ReportKind, counts: [ReportCount], audience: ReportAccess.Audience) {
        self.kind = kind
        self.audience = audience
        let known = kind.categories
        let found = Set(counts.map(\.category)).subtracting(known).sorted()
        let categories = known + found
        self.categories = categories
        struct Group: Hashable { var unit: UUID; var name: String; var staffGroup: Employment.StaffGroup }
        var cells: [Group: [String: Int]] = [:]
        for count in counts {
            let group = Group(unit: count.unitId, name: count.unitName, staffGroup: count.staffGroup)
            cells[group, default: [:]][count.category, default: 0] += count.count
        }
        func order(_ group: Group) -> (String, String, String) {
            (group.name, group.unit.uuidString, group.staffGroup.rawValue)
        }
        let groups = cells.keys.sorted { order($0) < order($1) }
        let inner = groups.map { group in categories.map { cells[group]?[$0] ?? 0 } }
        let table = SmallCellSuppression.suppress(inner, columns: categories.count)
        let suppressed = audience == .anonymised
        func shown(_ row: Int, _ column: Int) -> Int? {
            suppressed ? table.shown(row, column) : table.counts[row][column]
        }
        var lines: [Line] = []
        let columns = categories + [Self.total]
        for (row, group) in groups.enumerated() {
            for (column, category) in columns.enumerated() {
                lines.append(Line(unitId: group.unit, unitName: group.name, staffGroup: group.staffGroup,
                                  category: category, count: shown(row, column)))
            }
        }
        for (column, category) in columns.enumerated() {
            lines.append(Line(unitId: nil, unitName: nil, staffGroup: nil, category: category,
                              count: shown(groups.count, column)))
        }
        self.lines = lines
    }

    /// The table as CSV (RFC 4180): the JSON's lines, column for column; a suppressed count is
    /// empty and marked in `suppressed`.
    public var csv: String {
        var text = "unit_id,unit_name,staff_group,category,count,suppressed\r\n"
        for line in lines {
            let fields = [line.unitId?.uuidString ?? "", line.unitName ?? "",
                          line.staffGroup?.rawValue ?? "", line.category, line.count.map(String.init) ?? "",
                          line.count == nil ? "true" : "false"]
            text += fields.map(CSV.field).joined(separator: ",") + "\r\n"
        }
        return text
    }
}
