import Foundation

/// A formal interim review (issue 13 §1): 002 §2.2.5 (at least one), 003 §5.3.2 (half way
/// through the year), 001 "Regular Review Meetings" (termly), 000 §7.2 (formal reviews may take
/// place). The reviewer records progress against each objective, which objectives should change
/// (then revised through the objectives' own flow) and the support needed; the reviewee may
/// add a comment. Counted towards the statement's required interim reviews.
public struct InterimReview: Sendable, Equatable, Codable {
    public struct Progress: Sendable, Equatable, Codable {
        public var objectiveId: UUID
        public var progress: String
        public init(objectiveId: UUID, progress: String) { self.objectiveId = objectiveId; self.progress = progress }
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    /// The interim meeting it records, if it records one (it then counts once, as that meeting).
    public var meetingId: UUID?
    public var heldOn: CalendarDate
    public var progress: [Progress]
    public var objectivesToRevise: [UUID]
    public var supportNeeded: String?
    public var writtenBy: UUID?
    public var revieweeComment: String?
    public var revieweeCommentedAt: Date?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, input: InterimReviewInput, writtenBy: UUID?, at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.meetingId = input.meetingId
        self.heldOn = input.heldOn; self.progress = input.progress
        self.objectivesToRevise = input.objectivesToRevise ?? []
        self.supportNeeded = input.supportNeeded; self.writtenBy = writtenBy
        self.revieweeComment = nil; self.revieweeCommentedAt = nil
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct InterimReviewInput: Sendable, Equatable, Codable, ValidatedInput {
    public var heldOn: CalendarDate
    public var meetingId: UUID?
    public var progress: [InterimReview.Progress]
    public var objectivesToRevise: [UUID]?
    public var supportNeeded: String?

    public static let fields: Set<String> = ["held_on", "meeting_id", "progress", "objectives_to_revise",
                                             "support_needed"]

    public init(heldOn: CalendarDate, meetingId: UUID?, progress: [InterimReview.Progress],
                objectivesToRevise: [UUID]?, supportNeeded: String?) {
        self.heldOn = heldOn; self.meetingId = meetingId; self.progress = progress
        self.objectivesToRevise = objectivesToRevise; self.supportNeeded = supportNeeded
    }

    public func validate() throws {
        var check = Validator()
        check.check(progress.count <= 20, "progress", "max_items", "must have at most 20 items")
        for (index, item) in progress.enumerated() {
            check.text(item.progress, "progress[\(index)].progress", max: 4000)
        }
        let objectives = progress.map(\.objectiveId)
        check.check(Set(objectives).count == objectives.count, "progress", "unique", "must not repeat an objective")
        let revise = objectivesToRevise ?? []
        check.check(revise.count <= 20, "objectives_to_revise", "max_items", "must have at most 20 items")
        check.check(Set(revise).count == revise.count, "objectives_to_revise", "unique", "must not repeat an objective")
        check.optionalText(supportNeeded, "support_needed", max: 4000)
        try check.result()
    }
}

public enum InterimReviewRules {
    /// The reviewer writes the review (002 §2.2.5, 003 §5.3.2); only once it has taken place.
    public static func write(_ input: InterimReviewInput, by who: Participation, today: CalendarDate) throws {
        guard who.isReviewer else { throw NotAParticipant("Only the reviewer records an interim review.") }
        guard input.heldOn <= today else {
            throw ValidationFailure(field: "held_on", rule: "not_held", message: "must not be in the future")
        }
    }

    /// The reviewee's comment on their interim review.
    public static func comment(by who: Participation) throws {
        guard who.isReviewee else { throw NotAParticipant("Only the reviewee comments on their interim review.") }
    }
}
