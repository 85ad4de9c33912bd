import Domain
import Foundation

/// A report (issue 17 §1): its lines are the CSV's rows, field for field. Empty fields are
/// written as `null`, so every line has the same keys.
struct ReportResponse: ResponseBody {
    struct Line: Encodable {
        let unitId: UUID?
        let unitName: String?
        let staffGroup: String?
        let category: String
        let count: Int?
        let suppressed: Bool

        enum CodingKeys: String, CodingKey { case unitId, unitName, staffGroup, category, count, suppressed }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeOrNull(unitId, forKey: .unitId)
            try container.encodeOrNull(unitName, forKey: .unitName)
            try container.encodeOrNull(staffGroup, forKey: .staffGroup)
            try container.encode(category, forKey: .category)
            try container.encodeOrNull(count, forKey: .count)
            try container.encode(suppressed, forKey: .suppressed)
        }
    }

    struct Filters: Encodable {
        let cycleId: UUID?
        let year: Int?
        let unitId: UUID?
        let staffGroup: String?

        enum CodingKeys: String, CodingKey { case cycleId, year, unitId, staffGroup }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeOrNull(cycleId, forKey: .cycleId)
            try container.encodeOrNull(year, forKey: .year)
            try container.encodeOrNull(unitId, forKey: .unitId)
            try container.encodeOrNull(staffGroup, forKey: .staffGroup)
        }
    }

    let report: String
    let title: String
    /// What each count counts: appraisals, objectives, feedback owed, pay recommendations.
    let counting: String
    let asOf: CalendarDate
    let audience: String
    /// The smallest count an anonymised report shows; absent when nothing is suppressed.
    let suppressionThreshold: Int?
    let filters: Filters
    let categories: [String]
    let lines: [Line]

    init(_ table: ReportTable, filter: ReportFilter, asOf: CalendarDate) {
        report = table.kind.rawValue
        title = table.kind.title
        counting = table.kind.counts
        self.asOf = asOf
        audience = table.audience.rawValue
        suppressionThreshold = table.audience == .anonymised ? SmallCellSuppression.threshold : nil
        filters = Filters(cycleId: filter.cycleId, year: filter.year, unitId: filter.unitId,
                          staffGroup: filter.staffGroup?.rawValue)
        categories = table.categories
        lines = table.lines.map {
            Line(unitId: $0.unitId, unitName: $0.unitName, staffGroup: $0.staffGroup?.rawValue, category: $0.category,
                 count: $0.count, suppressed: $0.count == nil)
        }
    }
}

extension KeyedEncodingContainer {
    /// `null` for nil (synthesized encoding leaves the key out); a value as the response writer
    /// writes it (a UUID in lower case, unlike `Optional`'s own encoding).
    mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
