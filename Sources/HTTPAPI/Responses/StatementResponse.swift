import App
import Domain
import Foundation

/// A written statement as the API sends it: its sections at the top level, beside its state,
/// who issued it and when, the comment window, the reviewee's answer and what it corrects.
struct StatementResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let number: Int
    let correctsId: UUID?
    let correctionReason: String?
    let supersededById: UUID?
    let state: Statement.State
    let objectivesAssessment: String?
    let roleAssessment: String?
    let standardsAssessment: String?
    let evidenceSummary: String?
    let cpdAndImpact: String?
    let developmentNeeds: String?
    let recommendedAction: String?
    let absenceConsidered: String?
    let adviserConsultedOn: CalendarDate?
    let interimExceptionReason: String?
    let nextCycleObjectives: [ObjectiveContent]?
    let nextCycleDevelopmentNeeds: String?
    let nextCycleMonitoring: String?
    let interimReviewsRequired: Int?
    let interimReviewsHeld: Int?
    let draftedBy: UUID?
    let issuedAt: Date?
    let issuedBy: UUID?
    let commentDue: CalendarDate?
    /// Issued, not yet answered, and the last day to comment not yet past (London time).
    let commentWindowOpen: Bool
    let revieweeComment: String?
    let revieweeCommentedAt: Date?
    let revieweeResponse: Statement.Response?
    let respondedAt: Date?
    let lockedAt: Date?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ statement: Statement, now: Date) {
        id = statement.id; trustId = statement.trustId; appraisalId = statement.appraisalId
        number = statement.number; correctsId = statement.correctsId; correctionReason = statement.correctionReason
        supersededById = statement.supersededById; state = statement.state
        let content = statement.content
        objectivesAssessment = content.objectivesAssessment; roleAssessment = content.roleAssessment
        standardsAssessment = content.standardsAssessment; evidenceSummary = content.evidenceSummary
        cpdAndImpact = content.cpdAndImpact; developmentNeeds = content.developmentNeeds
        recommendedAction = content.recommendedAction; absenceConsidered = content.absenceConsidered
        adviserConsultedOn = content.adviserConsultedOn; interimExceptionReason = content.interimExceptionReason
        nextCycleObjectives = content.nextCycleObjectives
        nextCycleDevelopmentNeeds = content.nextCycleDevelopmentNeeds; nextCycleMonitoring = content.nextCycleMonitoring
        interimReviewsRequired = statement.interimReviewsRequired; interimReviewsHeld = statement.interimReviewsHeld
        draftedBy = statement.draftedBy; issuedAt = statement.issuedAt; issuedBy = statement.issuedBy
        commentDue = statement.commentDue
        let today = London.date(of: now)
        commentWindowOpen = statement.state == .issued && statement.commentDue.map { today <= $0 } == true
        revieweeComment = statement.revieweeComment; revieweeCommentedAt = statement.revieweeCommentedAt
        revieweeResponse = statement.revieweeResponse; respondedAt = statement.respondedAt
        lockedAt = statement.lockedAt; version = statement.version
        createdAt = statement.createdAt; updatedAt = statement.updatedAt
    }
}
