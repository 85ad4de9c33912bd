import App
import Domain
import Foundation

/// A pay recommendation with its approval, decision and appeal (issue 15 §2–4).
struct PayRecommendationResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let employmentId: UUID
    let statementId: UUID?
    let state: String
    let outcome: String
    let currentRange: String?
    let currentPoint: String?
    let recommendedPoint: String?
    let honorariumAmount: Decimal?
    let reasons: String
    let recommendedBy: UUID?
    let recommendedAs: String
    let recommendedOn: CalendarDate
    let approvalNeeded: Bool
    let approvedBy: UUID?
    let approvedOn: CalendarDate?
    let referredOn: CalendarDate?
    let decisionDueOn: CalendarDate?
    let decidedOutcome: String?
    let decidedPoint: String?
    let decidedBy: UUID?
    let decidedOn: CalendarDate?
    let effectiveFrom: CalendarDate?
    let finalOutcome: String?
    let appeal: PayAppealResponse?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ r: PayRecommendation) {
        id = r.id; trustId = r.trustId; appraisalId = r.appraisalId; employmentId = r.employmentId
        statementId = r.statementId; state = r.state.rawValue; outcome = r.outcome.rawValue
        currentRange = r.currentRange?.rawValue; currentPoint = r.currentPoint; recommendedPoint = r.recommendedPoint
        honorariumAmount = r.honorariumAmount; reasons = r.reasons; recommendedBy = r.recommendedBy
        recommendedAs = r.recommendedAs.rawValue; recommendedOn = r.recommendedOn; approvalNeeded = r.approvalNeeded
        approvedBy = r.approvedBy; approvedOn = r.approvedOn; referredOn = r.referredOn
        decisionDueOn = r.decisionDueOn; decidedOutcome = r.decidedOutcome?.rawValue; decidedPoint = r.decidedPoint
        decidedBy = r.decidedBy; decidedOn = r.decidedOn; effectiveFrom = r.effectiveFrom
        finalOutcome = r.finalOutcome?.rawValue; appeal = r.appeal.map(PayAppealResponse.init)
        version = r.version; createdAt = r.createdAt; updatedAt = r.updatedAt
    }
}

struct PayAppealResponse: ResponseBody {
    let id: UUID
    let recommendationId: UUID
    let appraisalId: UUID
    let lodgedBy: UUID?
    let lodgedOn: CalendarDate
    let grounds: String
    let hearingOn: CalendarDate?
    let outcome: String?
    let outcomeOn: CalendarDate?
    let heardBy: UUID?
    let changedOutcome: String?
    let changedPoint: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ a: PayAppeal) {
        id = a.id; recommendationId = a.recommendationId; appraisalId = a.appraisalId; lodgedBy = a.lodgedBy
        lodgedOn = a.lodgedOn; grounds = a.grounds; hearingOn = a.hearingOn; outcome = a.outcome?.rawValue
        outcomeOn = a.outcomeOn; heardBy = a.heardBy; changedOutcome = a.changedOutcome?.rawValue
        changedPoint = a.changedPoint; version = a.version; createdAt = a.createdAt; updatedAt = a.updatedAt
    }
}

/// An application to the upper pay range and its decision (004 §8.4).
struct UpperPayRangeApplicationResponse: ResponseBody {
    let id: UUID
    let appraisalId: UUID
    let employmentId: UUID
    let appliedBy: UUID?
    let appliedOn: CalendarDate
    let evidence: String
    let outcome: String?
    let reasons: String?
    let point: String?
    let decidedBy: UUID?
    let decidedOn: CalendarDate?
    let effectiveFrom: CalendarDate?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ a: UpperPayRangeApplication) {
        id = a.id; appraisalId = a.appraisalId; employmentId = a.employmentId; appliedBy = a.appliedBy
        appliedOn = a.appliedOn; evidence = a.evidence; outcome = a.outcome?.rawValue; reasons = a.reasons
        point = a.point; decidedBy = a.decidedBy; decidedOn = a.decidedOn; effectiveFrom = a.effectiveFrom
        version = a.version; createdAt = a.createdAt; updatedAt = a.updatedAt
    }
}

/// 004's computed progression, with the clause that decides it.
struct PayProgressionResponse: ResponseBody {
    let appraisalId: UUID
    let outcome: String
    let reason: String
    let policyRef: PolicyRef?
}

struct PayPointResponse: ResponseBody {
    let id: UUID
    let employmentId: UUID
    let payRange: String
    let point: String
    let effectiveFrom: CalendarDate
    let source: String
    let recommendationId: UUID?
    let recordedBy: UUID?
    let recordedAt: Date

    init(_ p: PayPoint) {
        id = p.id; employmentId = p.employmentId; payRange = p.payRange.rawValue; point = p.point
        effectiveFrom = p.effectiveFrom; source = p.source.rawValue; recommendationId = p.recommendationId
        recordedBy = p.recordedBy; recordedAt = p.recordedAt
    }
}

/// The point in effect today and every change, oldest first.
struct PayHistoryResponse: ResponseBody {
    let employmentId: UUID
    let current: PayPointResponse?
    let history: [PayPointResponse]

    init(_ h: PayHistory) {
        employmentId = h.employmentId; current = h.current.map(PayPointResponse.init)
        history = h.history.map(PayPointResponse.init)
    }
}

struct ProtectedCharacteristicsResponse: ResponseBody {
    let personId: UUID
    let answers: [String: String]
    let version: Int
    let updatedAt: Date?

    init(_ c: ProtectedCharacteristics) {
        personId = c.personId
        answers = Dictionary(uniqueKeysWithValues: c.answers.map { ($0.key.rawValue, $0.value) })
        version = c.version; updatedAt = c.version == 0 ? nil : c.updatedAt
    }
}

/// The equality report: each count a number, or "<5" where suppressed.
struct EqualityReportResponse: ResponseBody {
    struct Row: Encodable {
        let group: String
        let counts: [String: CellValue]
        let total: CellValue
    }
    struct Table: Encodable {
        let by: String
        let rows: [Row]
        let totals: Row
    }
    enum CellValue: Encodable {
        case count(Int), hidden(String)
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .count(let value): try container.encode(value)
            case .hidden(let text): try container.encode(text)
            }
        }
    }
    let cycleId: UUID
    let unitId: UUID?
    let threshold: Int
    let outcomes: [String]
    let tables: [Table]

    init(_ report: EqualityReport, cycle: UUID, unit: UUID?) {
        cycleId = cycle; unitId = unit; threshold = SmallCellSuppression.threshold
        let outcomes = EqualityReport.outcomes.map(\.rawValue)
        self.outcomes = outcomes
        func value(_ cell: EqualityReport.Cell) -> CellValue {
            switch cell {
            case .count(let n): return .count(n)
            case .suppressed: return .hidden(cell.text)
            }
        }
        func row(_ r: EqualityReport.Row) -> Row {
            Row(group: r.group, counts: Dictionary(uniqueKeysWithValues: zip(outcomes, r.cells.map(value))),
                total: value(r.total))
        }
        tables = report.tables.map { Table(by: $0.by, rows: $0.rows.map(row), totals: row($0.totals)) }
    }
}
