import App
import Domain
import Foundation

/// A concern as the API sends it (issue 14 §1).
struct ConcernResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let raisedBy: UUID?
    let raisedAs: String
    let raisedOn: CalendarDate
    let nature: String
    let seriousness: String
    let previousSupport: String?
    let response: String
    let responseNotes: String?
    let bypassReason: String?
    let bypassAdvice: String?
    let notified: [String]
    let relapseOf: UUID?
    let confirmedInWritingOn: CalendarDate?
    let receivedOn: CalendarDate?
    let employeeComment: String?
    let employeeCommentedAt: Date?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ c: Concern) {
        id = c.id; trustId = c.trustId; appraisalId = c.appraisalId; raisedBy = c.raisedBy
        raisedAs = c.raisedAs.rawValue; raisedOn = c.raisedOn; nature = c.nature
        seriousness = c.seriousness.rawValue; previousSupport = c.previousSupport; response = c.response.rawValue
        responseNotes = c.responseNotes; bypassReason = c.bypassReason; bypassAdvice = c.bypassAdvice
        notified = c.notified.map(\.rawValue); relapseOf = c.relapseOf
        confirmedInWritingOn = c.confirmedInWritingOn; receivedOn = c.receivedOn
        employeeComment = c.employeeComment; employeeCommentedAt = c.employeeCommentedAt
        version = c.version; createdAt = c.createdAt; updatedAt = c.updatedAt
    }
}

/// A support plan with every change to its period (issue 14 §3).
struct SupportPlanResponse: ResponseBody {
    struct Support: Encodable {
        let kind: String
        let detail: String?
    }
    struct Change: Encodable {
        let kind: String
        let onDate: CalendarDate
        let reason: String?
        let endsOn: CalendarDate
        let changedBy: UUID?
        let changedAt: Date
        let occupationalHealthReferralOn: CalendarDate?
    }
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let concernId: UUID
    let areasOfConcern: String
    let targets: [String]
    let support: [Support]
    let monitoredBy: UUID
    let monitoring: String
    let startsOn: CalendarDate
    let plannedEndOn: CalendarDate
    let endsOn: CalendarDate
    let reviewMeetings: [CalendarDate]
    let consequencesExplainedOn: CalendarDate?
    let extensionReason: String?
    let state: String
    let pausedSince: CalendarDate?
    let outcomeOn: CalendarDate?
    let sustainUntil: CalendarDate?
    let changes: [Change]
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ p: SupportPlan) {
        id = p.id; trustId = p.trustId; appraisalId = p.appraisalId; concernId = p.concernId
        areasOfConcern = p.areasOfConcern; targets = p.targets
        support = p.support.map { Support(kind: $0.kind.rawValue, detail: $0.detail) }
        monitoredBy = p.monitoredBy; monitoring = p.monitoring; startsOn = p.startsOn
        plannedEndOn = p.plannedEndOn; endsOn = p.endsOn; reviewMeetings = p.reviewMeetings
        consequencesExplainedOn = p.consequencesExplainedOn; extensionReason = p.extensionReason
        state = p.state.rawValue; pausedSince = p.pausedSince; outcomeOn = p.outcomeOn; sustainUntil = p.sustainUntil
        changes = p.changes.map {
            Change(kind: $0.kind.rawValue, onDate: $0.onDate, reason: $0.reason, endsOn: $0.endsOn,
                   changedBy: $0.changedBy, changedAt: $0.changedAt,
                   occupationalHealthReferralOn: $0.occupationalHealthReferralOn)
        }
        version = p.version; createdAt = p.createdAt; updatedAt = p.updatedAt
    }
}

/// A capability case as the API sends it (issue 14 §4).
struct CapabilityCaseResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let concernId: UUID
    let supportPlanId: UUID?
    let notifiedInWritingOn: CalendarDate
    let meetingOn: CalendarDate
    let rightToBeAccompaniedExplained: Bool
    let startedBy: UUID?
    let endedOn: CalendarDate?
    let suspendedDays: Int?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ c: CapabilityCase) {
        id = c.id; trustId = c.trustId; appraisalId = c.appraisalId; concernId = c.concernId
        supportPlanId = c.supportPlanId; notifiedInWritingOn = c.notifiedInWritingOn; meetingOn = c.meetingOn
        rightToBeAccompaniedExplained = c.rightToBeAccompaniedExplained; startedBy = c.startedBy
        endedOn = c.endedOn; suspendedDays = c.suspendedDays
        version = c.version; createdAt = c.createdAt; updatedAt = c.updatedAt
    }
}
