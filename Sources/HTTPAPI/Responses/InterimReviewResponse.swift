import App
import Domain
import Foundation

/// A formal interim review as the API sends it.
struct InterimReviewResponse: ResponseBody {
    struct Progress: Encodable {
        let objectiveId: UUID
        let progress: String
    }
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let meetingId: UUID?
    let heldOn: CalendarDate
    let progress: [Progress]
    let objectivesToRevise: [UUID]
    let supportNeeded: String?
    let writtenBy: UUID?
    let revieweeComment: String?
    let revieweeCommentedAt: Date?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ review: InterimReview) {
        id = review.id; trustId = review.trustId; appraisalId = review.appraisalId; meetingId = review.meetingId
        heldOn = review.heldOn
        progress = review.progress.map { Progress(objectiveId: $0.objectiveId, progress: $0.progress) }
        objectivesToRevise = review.objectivesToRevise; supportNeeded = review.supportNeeded
        writtenBy = review.writtenBy; revieweeComment = review.revieweeComment
        revieweeCommentedAt = review.revieweeCommentedAt; version = review.version
        createdAt = review.createdAt; updatedAt = review.updatedAt
    }
}
