import Foundation

/// How far one appraisal has come (issue 13 §4): the furthest step it has reached. Under the
/// objectives model (000–003) a reviewer is appointed, objectives are set, the year runs and the
/// statement is drafted, issued and locked; under the conversations model (004 §6.1) the
/// year's conversations are due until each has been held.
public enum AppraisalStep: String, Sendable, Codable, CaseIterable {
    case noReviewer = "no_reviewer"
    case settingObjectives = "setting_objectives"
    case inYear = "in_year"
    case statementDrafted = "statement_drafted"
    case statementIssued = "statement_issued"
    case statementLocked = "statement_locked"
    case conversationsDue = "conversations_due"
    case conversationsHeld = "conversations_held"
}

/// What the progress rules read of one appraisal (one row of the cycle's progress query).
public struct AppraisalStanding: Sendable {
    public var appraisalId: UUID
    public var personId: UUID
    public var unitId: UUID
    public var staffGroup: Employment.StaffGroup
    public var model: AppraisalModel
    public var hasReviewer: Bool
    public var objectivesSet: Bool
    /// The current (latest) version of its statement, if any.
    public var statementState: Statement.State?
    public var commentDue: CalendarDate?
    public var interimReviewHeld: Bool
    /// The kinds of conversation recorded (004: `autumn`, `mid_year`).
    public var conversationKinds: Set<String>
    public var deadlines: [Deadline]

    public init(appraisalId: UUID, personId: UUID, unitId: UUID, staffGroup: Employment.StaffGroup,
                model: AppraisalModel, hasReviewer: Bool, objectivesSet: Bool, statementState: Statement.State?,
                commentDue: CalendarDate?, interimReviewHeld: Bool, conversationKinds: Set<String>,
                deadlines: [Deadline]) {
        self.appraisalId = appraisalId; self.personId = personId; self.unitId = unitId
        self.staffGroup = staffGroup; self.model = model; self.hasReviewer = hasReviewer
        self.objectivesSet = objectivesSet; self.statementState = statementState; self.commentDue = commentDue
        self.interimReviewHeld = interimReviewHeld; self.conversationKinds = conversationKinds
        self.deadlines = deadlines
    }
}

public enum ProgressRules {
    public static func step(_ standing: AppraisalStanding) -> AppraisalStep {
        guard standing.hasReviewer else { return .noReviewer }
        if standing.model == .conversations {
            return standing.deadlines.compactMap(\.conversationKind).allSatisfy(standing.conversationKinds.contains)
                ? .conversationsHeld : .conversationsDue
        }
        switch standing.statementState {
        case .locked: return .statementLocked
        case .issued: return .statementIssued
        case .draft: return .statementDrafted
        case nil: return standing.objectivesSet ? .inYear : .settingObjectives
        }
    }

    /// The deadlines passed (before `today`) with their step not done, earliest first.
    public static func overdue(_ standing: AppraisalStanding, today: CalendarDate) -> [Deadline] {
        var late = standing.deadlines.filter { $0.dueDate < today && !isDone($0, standing) }
        // The comment window (000 §7.3, 002 §2.2.7, 003 §5.3.3): an issued statement unanswered
        // after it is the reviewee's to answer, or the reviewer's to close.
        if standing.statementState == .issued, let due = standing.commentDue, due < today {
            late.append(Deadline(key: "statement_response", dueDate: due))
        }
        return late.sorted { ($0.dueDate, $0.key) < ($1.dueDate, $1.key) }
    }

    private static func isDone(_ deadline: Deadline, _ standing: AppraisalStanding) -> Bool {
        switch deadline.key {
        // 002 §2.2.5, 003 §5.3.2: the formal interim review was held.
        case "interim_review": return standing.interimReviewHeld
        // 000 §4, 003 §2.1, §5.3.3, 001 "Performance Management Review Meeting": the statement
        // is issued by the final deadline (under 004 there is none: the conversations close it).
        case "final_review", "annual_review_meeting":
            return standing.model == .conversations || standing.statementState == .issued
                || standing.statementState == .locked
        default:
            // 004 §6.1: each conversation by its own deadline.
            return deadline.conversationKind.map(standing.conversationKinds.contains) ?? true
        }
    }
}

/// A cycle's progress (issue 13 §4): per unit and staff group, how many appraisals are at each
/// step and how many are overdue, and each overdue appraisal with what is late.
public struct CycleProgress: Sendable {
    public struct Group: Sendable, Equatable {
        public var unitId: UUID?
        public var staffGroup: Employment.StaffGroup?
        public var total = 0
        public var steps: [AppraisalStep: Int] = [:]
        public var overdue = 0
        public init(unitId: UUID?, staffGroup: Employment.StaffGroup?) {
            self.unitId = unitId; self.staffGroup = staffGroup
        }
        mutating func count(_ step: AppraisalStep, late: Bool) {
            total += 1
            steps[step, default: 0] += 1
            if late { overdue += 1 }
        }
    }

    public struct Late: Sendable, Equatable {
        public var appraisalId: UUID
        public var personId: UUID
        public var unitId: UUID
        public var staffGroup: Employment.StaffGroup
        public var step: AppraisalStep
        public var deadlines: [Deadline]
    }

    public var asOf: CalendarDate
    public var totals: Group
    public var groups: [Group]
    public var overdue: [Late]

    public init(_ standings: [AppraisalStanding], today: CalendarDate) {
        asOf = today
        totals = Group(unitId: nil, staffGroup: nil)
        var byGroup: [String: Group] = [:]
        var late: [Late] = []
        for standing in standings {
            let step = ProgressRules.step(standing)
            let passed = ProgressRules.overdue(standing, today: today)
            let key = "\(standing.unitId)/\(standing.staffGroup.rawValue)"
            byGroup[key, default: Group(unitId: standing.unitId, staffGroup: standing.staffGroup)]
                .count(step, late: !passed.isEmpty)
            totals.count(step, late: !passed.isEmpty)
            if !passed.isEmpty {
                late.append(Late(appraisalId: standing.appraisalId, personId: standing.personId,
                                 unitId: standing.unitId, staffGroup: standing.staffGroup, step: step,
                                 deadlines: passed))
            }
        }
        groups = byGroup.values.sorted {
            ($0.unitId!.uuidString, $0.staffGroup!.rawValue) < ($1.unitId!.uuidString, $1.staffGroup!.rawValue)
        }
        overdue = late.sorted {
            ($0.deadlines[0].dueDate, $0.appraisalId.uuidString) < ($1.deadlines[0].dueDate, $1.appraisalId.uuidString)
        }
    }
}
