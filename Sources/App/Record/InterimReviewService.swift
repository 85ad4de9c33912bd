import Domain
import Foundation
import Postgres
import Store

/// Formal interim reviews (issue 13 §1): written by the reviewer, commented on by the reviewee,
/// read by whoever reads the record; every read and write audited with field names only.
public struct InterimReviewService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [InterimReview] {
        try await environment.readRecord(.appraisal(appraisal), as: "interim_reviews", in: trust, caller: caller) {
            try $0.query(InterimReviewStore.listQuery(appraisal: appraisal)).map(InterimReviewStore.decode)
        }
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> InterimReview {
        try await environment.readRecord(.item(.interimReview, id), as: "interim_review", in: trust, caller: caller) {
            try InterimReviewStore.find(id, on: $0)
        }
    }

    /// Records the review; its objectives must be the appraisal's, its meeting an interim one.
    public func create(_ input: InterimReviewInput, appraisal: UUID, in trust: UUID,
                       caller: RecordCaller) async throws -> InterimReview {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.write], action: "create_interim_review",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            // 004 §6: the conversations model reviews the year in its mid-year conversation.
            try ObjectiveLifecycle.requireObjectivesModel(context.policy)
            try InterimReviewRules.write(input, by: context.participation, today: London.date(of: now))
            try Self.checkReferences(input, appraisal: appraisal, on: db)
            let review = InterimReview(id: id, trustId: trust, appraisalId: appraisal, input: input,
                                       writtenBy: caller.person, at: now)
            try InterimReviewStore.insert(review, on: db)
            try environment.audit(.init(trustId: trust, action: "create_interim_review", resourceType: "interim_review",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return review
        }
    }

    /// The reviewee's comment (replacing an earlier one of theirs).
    public func comment(_ id: UUID, _ input: StatementCommentInput, in trust: UUID,
                        caller: RecordCaller) async throws -> InterimReview {
        try input.validate()
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.interimReview, id), [.write], action: "comment_interim_review",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            try InterimReviewRules.comment(by: context.participation)
            guard let review = try InterimReviewStore.comment(id, input.comment, at: now, on: db) else {
                throw RecordNotFound(resource: "interim review")
            }
            try environment.audit(.init(trustId: trust, action: "comment_interim_review",
                                        resourceType: "interim_review", resourceId: id,
                                        subjectPersonId: context.facts.personId,
                                        changedFields: ["reviewee_comment"]), caller.audit, at: now, on: db)
            return review
        }
    }

    private static func checkReferences(_ input: InterimReviewInput, appraisal: UUID, on db: Connection) throws {
        var check = Validator()
        if let meeting = input.meetingId {
            check.check(try InterimReviewStore.isInterimMeeting(meeting, appraisal: appraisal, on: db), "meeting_id",
                        "exists", "must be an interim meeting of this appraisal")
        }
        let progress = input.progress.map(\.objectiveId)
        let foreign = try InterimReviewStore.foreignObjectives(progress + (input.objectivesToRevise ?? []),
                                                               appraisal: appraisal, on: db)
        for (index, objective) in progress.enumerated() where foreign.contains(objective) {
            check.fail("progress[\(index)].objective_id", "exists", "must be an objective of this appraisal")
        }
        for (index, objective) in (input.objectivesToRevise ?? []).enumerated() where foreign.contains(objective) {
            check.fail("objectives_to_revise[\(index)]", "exists", "must be an objective of this appraisal")
        }
        try check.result()
    }
}
