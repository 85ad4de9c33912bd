import Foundation

/// The reports of issue 17 §1: each counts one population of a trust's appraisals (or of their
/// objectives, feedback, pay recommendations) in categories that split it, so every row's
/// categories add up to its total — the property small-cell suppression relies on.
public enum ReportKind: String, Sendable, CaseIterable {
    /// Appraisals by the furthest step each has reached (`AppraisalStep`).
    case completion
    /// Appraisals by the earliest of their deadlines passed with its step not done, or `none`.
    case overdue
    /// Agreed or determined objectives by their assessment (000 §7.2, 003 §5.3.3).
    case objectiveOutcomes = "objective-outcomes"
    /// Feedback owed after observations, given on time, given late, overdue, or not yet due
    /// (000 §6.5, 002 §2.3.4, 003 §5.2.5).
    case observationFeedback = "observation-feedback"
    /// Appraisals with a final review deadline, by when their statement was first issued.
    case statementsOnTime = "statements-on-time"
    /// Appraisals by the support they are under: informal support, its outcome, or capability.
    /// Always anonymised, whoever reads it (issue 17 §1: "support and capability counts
    /// (anonymised)").
    case support
    /// Pay recommendations by the decided outcome, or pending (issue 15).
    case payOutcomes = "pay-outcomes"
    /// Appraisals by the load of their busiest current reviewer (004 §5.2: the head monitors it).
    case reviewerLoad = "reviewer-load"
    /// Appraisals with a decided pay recommendation, by their objectives' outcome and the pay
    /// decision together: "the most recent performance management outcomes and their
    /// relationship to salary progression" that governors and Ofsted may ask for (003 §1.8).
    case outcomesAndPay = "outcomes-and-pay"

    /// The categories in the order a table shows them; `overdue` adds the deadline keys it finds.
    public var categories: [String] {
        switch self {
        case .completion: return AppraisalStep.allCases.map(\.rawValue)
        case .overdue: return ["none"]
        case .objectiveOutcomes: return ["met", "partly_met", "not_met", "not_assessed"]
        case .observationFeedback: return ["on_time", "given_late", "overdue", "not_yet_due"]
        case .statementsOnTime: return ["on_time", "late", "overdue", "not_yet_due"]
        case .support: return ["none", "support_active", "support_improved", "support_not_improved", "capability"]
        case .payOutcomes: return ["progress", "no_progression", "honorarium", "withhold_increment", "pending"]
        case .reviewerLoad: return ReviewerLoadBand.allCases.map(\.rawValue)
        case .outcomesAndPay:
            return ["all_met", "partly_met", "some_not_met", "not_assessed"].flatMap { outcome in
                PayRules.Recommendation.allCases.map { outcome + "/" + $0.rawValue }
            }
        }
    }

    public var title: String {
        switch self {
        case .completion: return "Completion by step"
        case .overdue: return "Overdue deadlines"
        case .objectiveOutcomes: return "Objective outcomes"
        case .observationFeedback: return "Observation feedback on time"
        case .statementsOnTime: return "Statements issued on time"
        case .support: return "Support and capability"
        case .payOutcomes: return "Pay outcomes"
        case .reviewerLoad: return "Reviewer load"
        case .outcomesAndPay: return "Outcomes and pay progression"
        }
    }

    /// What one counted thing is, for the reader of a table.
    public var counts: String {
        switch self {
        case .objectiveOutcomes: return "objectives"
        case .observationFeedback: return "feedback owed"
        case .payOutcomes: return "pay recommendations"
        default: return "appraisals"
        }
    }
}

/// The load bands of the reviewer-load report: an appraisal's band is the number of current
/// appraisals (within the report's filters) held by the busiest of its reviewers
/// (`ReportStore.reviewerLoadBand` sorts them).
public enum ReviewerLoadBand: String, Sendable, CaseIterable {
    case noReviewer = "no_reviewer"
    case upTo3 = "1_to_3"
    case upTo6 = "4_to_6"
    case upTo9 = "7_to_9"
    case tenOrMore = "10_or_more"
}

/// What a report reads: one cycle or one year's cycles, narrowed to a unit or a staff group.
public struct ReportFilter: Sendable, Equatable {
    public var cycleId: UUID?
    public var year: Int?
    public var unitId: UUID?
    public var staffGroup: Employment.StaffGroup?

    public init(cycleId: UUID?, year: Int?, unitId: UUID?, staffGroup: Employment.StaffGroup?) {
        self.cycleId = cycleId; self.year = year; self.unitId = unitId; self.staffGroup = staffGroup
    }

    /// The filters given, by their query names (for the audit event: names, never values).
    public var names: [String] {
        [cycleId.map { _ in "cycle_id" }, year.map { _ in "year" }, unitId.map { _ in "unit_id" },
         staffGroup.map { _ in "staff_group" }].compactMap { $0 }
    }
}

/// One count read from the database: the things of one unit and staff group in one category.
public struct ReportCount: Sendable, Equatable {
    public var unitId: UUID
    public var unitName: String
    public var staffGroup: Employment.StaffGroup
    public var category: String
    public var count: Int

    public init(unitId: UUID, unitName: String, staffGroup: Employment.StaffGroup, category: String, count: Int) {
        self.unitId = unitId; self.unitName = unitName; self.staffGroup = staffGroup
        self.category = category; self.count = count
    }
}
