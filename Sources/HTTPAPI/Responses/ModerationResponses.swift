import App
import Domain
import Foundation

/// A moderation round; `outcome` counted now while it is open, fixed once it is closed.
struct ModerationRoundResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let cycleId: UUID
    let unitId: UUID?
    let subject: ModerationRound.Subject
    let samplePercent: Int?
    let moderators: [UUID]
    let state: ModerationRound.State
    let openedBy: UUID?
    let closedAt: Date?
    let closedBy: UUID?
    let items: Int?
    let outcome: ModerationOutcome?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ round: ModerationRound, items: Int? = nil) {
        id = round.id; trustId = round.trustId; cycleId = round.cycleId; unitId = round.unitId
        subject = round.subject; samplePercent = round.samplePercent; moderators = round.moderators
        state = round.state; openedBy = round.openedBy; closedAt = round.closedAt; closedBy = round.closedBy
        self.items = items; outcome = round.outcome; version = round.version
        createdAt = round.createdAt; updatedAt = round.updatedAt
    }
}

struct ModerationDecisionResponse: Encodable {
    let id: UUID
    let revision: Int
    let outcome: ModerationDecision.Outcome
    let comment: String?
    let decidedBy: UUID?
    let decidedAt: Date
    init(_ d: ModerationDecision) {
        id = d.id; revision = d.revision; outcome = d.outcome; comment = d.comment
        decidedBy = d.decidedBy; decidedAt = d.decidedAt
    }
}

/// An item of a round; a moderator also gets its subject (`statement` or `objectives`).
struct ModerationItemResponse: ResponseBody {
    let id: UUID
    let roundId: UUID
    let appraisalId: UUID
    let reviewerId: UUID?
    let state: ModerationItem.State
    let revision: Int
    let decisions: [ModerationDecisionResponse]
    let statement: StatementResponse?
    let objectives: [ObjectiveResponse]?
    let payRecommendation: PayRecommendationResponse?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ item: ModerationItem, statement: Statement? = nil, objectives: [Objective]? = nil,
         payRecommendation: PayRecommendation? = nil, now: Date) {
        id = item.id; roundId = item.roundId; appraisalId = item.appraisalId; reviewerId = item.reviewerId
        state = item.state; revision = item.revision; decisions = item.decisions.map(ModerationDecisionResponse.init)
        self.statement = statement.map { StatementResponse($0, now: now) }
        self.objectives = objectives?.map(ObjectiveResponse.init)
        self.payRecommendation = payRecommendation.map(PayRecommendationResponse.init)
        version = item.version; createdAt = item.createdAt; updatedAt = item.updatedAt
    }
}

/// A round with its items (without their subjects).
struct ModerationRoundDetailResponse: ResponseBody {
    let round: ModerationRoundResponse
    let items: [ModerationItemResponse]
}
