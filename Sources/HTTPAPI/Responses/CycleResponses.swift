import App
import Domain
import Foundation

// Cycles, their enrolment and the appraisals they open (issue 4), as the API sends them.

struct CycleResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let name: String
    let year: Int
    let unitId: UUID?
    let staffGroup: Employment.StaffGroup?
    let state: Cycle.State
    let policyVersionId: UUID
    let policyVersion: Int
    let enrolledCount: Int
    let excludedCount: Int
    let openedAt: Date?
    let closeReason: String?
    let unlockedStatementsAtClose: Int?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ cycle: Cycle) {
        id = cycle.id
        trustId = cycle.trustId
        name = cycle.name
        year = cycle.year
        unitId = cycle.unitId
        staffGroup = cycle.staffGroup
        state = cycle.state
        policyVersionId = cycle.policyVersionId
        policyVersion = cycle.policyVersion
        enrolledCount = cycle.enrolledCount
        excludedCount = cycle.excludedCount
        openedAt = cycle.openedAt
        closeReason = cycle.closeReason
        unlockedStatementsAtClose = cycle.unlockedStatementsAtClose
        version = cycle.version
        createdAt = cycle.createdAt
        updatedAt = cycle.updatedAt
    }
}

/// A deadline and the clause that sets it, so a front can answer "why this date?".
struct DeadlineResponse: Encodable {
    let key: String
    let dueDate: CalendarDate
    let policyRef: PolicyRef?

    init(_ deadline: Deadline) {
        key = deadline.key
        dueDate = deadline.dueDate
        policyRef = deadline.policyRef
    }
}

/// Who reviews an appraisal, since when, appointed by whom and why.
struct AppointmentResponse: ResponseBody {
    let id: UUID
    let appraisalId: UUID
    let reviewers: [UUID]
    let externalAdviserId: UUID?
    let consultedPersonId: UUID?
    let appointedBy: UUID
    let reason: AppointmentReason
    let startedAt: Date
    let endedAt: Date?

    init(_ appointment: ReviewerAppointment) {
        id = appointment.id
        appraisalId = appointment.appraisalId
        reviewers = appointment.reviewers
        externalAdviserId = appointment.externalAdviserId
        consultedPersonId = appointment.consultedPersonId
        appointedBy = appointment.appointedBy
        reason = appointment.reason
        startedAt = appointment.startedAt
        endedAt = appointment.endedAt
    }
}

struct AppraisalResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let cycleId: UUID
    let employmentId: UUID
    let personId: UUID
    let unitId: UUID
    let category: RevieweeCategory
    let periodStart: CalendarDate
    let periodEnd: CalendarDate
    let adjustments: [Adjustment]
    let deadlines: [DeadlineResponse]
    let state: String
    let reviewerAppointment: AppointmentResponse?
    let version: Int
    let createdAt: Date
    let updatedAt: Date
    /// Issue 17 §7: present once the record is destroyed (the appraisal itself is kept).
    let recordsDestroyedAt: Date?

    init(_ appraisal: Appraisal) {
        id = appraisal.id
        trustId = appraisal.trustId
        cycleId = appraisal.cycleId
        employmentId = appraisal.employmentId
        personId = appraisal.personId
        unitId = appraisal.unitId
        category = appraisal.category
        periodStart = appraisal.periodStart
        periodEnd = appraisal.periodEnd
        recordsDestroyedAt = appraisal.recordsDestroyedAt
        adjustments = appraisal.adjustments
        deadlines = appraisal.deadlines.map(DeadlineResponse.init)
        state = appraisal.state
        reviewerAppointment = appraisal.reviewerAppointment.map(AppointmentResponse.init)
        version = appraisal.version
        createdAt = appraisal.createdAt
        updatedAt = appraisal.updatedAt
    }
}

/// One employment's place in a cycle: enrolled (with its appraisal) or excluded (and why).
struct EnrolmentResponse: ResponseBody {
    let employmentId: UUID
    let personId: UUID
    let unitId: UUID
    let status: String
    let appraisalId: UUID?
    let reason: String?
    let detail: String?
    let periodStart: CalendarDate?
    let periodEnd: CalendarDate?
    let adjustments: [Adjustment]?

    init(_ row: CycleService.EnrolmentRow) {
        employmentId = row.employmentId
        personId = row.personId
        unitId = row.unitId
        status = row.status
        appraisalId = row.appraisalId
        reason = row.reason
        detail = row.detail
        periodStart = row.periodStart
        periodEnd = row.periodEnd
        adjustments = row.adjustments
    }
}

/// How many appraisals one reviewer holds in a cycle.
struct ReviewerLoadResponse: ResponseBody {
    let personId: UUID
    let appraisals: Int

    init(_ load: CycleService.Load) {
        personId = load.personId
        appraisals = load.appraisals
    }
}

/// GET /v1/cycles/{id}/progress (issue 13 §4).
struct CycleProgressResponse: ResponseBody {
    struct Group: ResponseBody {
        let unitId: UUID?
        let staffGroup: String?
        let total: Int
        /// Every step, zero included, so a table's columns never move.
        let steps: [String: Int]
        let overdue: Int
        init(_ group: CycleProgress.Group) {
            unitId = group.unitId
            staffGroup = group.staffGroup?.rawValue
            total = group.total
            steps = Dictionary(uniqueKeysWithValues: AppraisalStep.allCases.map { ($0.rawValue, group.steps[$0] ?? 0) })
            overdue = group.overdue
        }
    }

    struct Late: ResponseBody {
        let appraisalId: UUID
        let personId: UUID
        let unitId: UUID
        let staffGroup: String
        let step: String
        let overdue: [DeadlineResponse]
        init(_ late: CycleProgress.Late) {
            appraisalId = late.appraisalId; personId = late.personId; unitId = late.unitId
            staffGroup = late.staffGroup.rawValue; step = late.step.rawValue
            overdue = late.deadlines.map(DeadlineResponse.init)
        }
    }

    let cycleId: UUID
    let asOf: CalendarDate
    let totals: Group
    let groups: [Group]
    let overdue: [Late]

    init(cycle: UUID, _ progress: CycleProgress) {
        cycleId = cycle
        asOf = progress.asOf
        totals = Group(progress.totals)
        groups = progress.groups.map(Group.init)
        overdue = progress.overdue.map(Late.init)
    }
}
