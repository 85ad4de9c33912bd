import Domain
import Foundation
import Postgres

/// Formal interim reviews (migration 0015).
public enum InterimReviewStore {
    static let columns = """
        id, trust_id, appraisal_id, meeting_id, held_on, progress, objectives_to_revise, support_needed, written_by,
        reviewee_comment, reviewee_commented_at, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> InterimReview {
        let input = InterimReviewInput(
            heldOn: try row.decode(CalendarDate.self, "held_on"), meetingId: try row.decode(UUID?.self, "meeting_id"),
            progress: try SnakeCaseJSON.decode([InterimReview.Progress].self,
                                               from: try row.decode(String.self, "progress")),
            objectivesToRevise: try SnakeCaseJSON.decode([UUID].self,
                                                         from: try row.decode(String.self, "objectives_to_revise")),
            supportNeeded: try row.decode(String?.self, "support_needed"))
        var review = InterimReview(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                                   appraisalId: try row.decode(UUID.self, "appraisal_id"), input: input,
                                   writtenBy: try row.decode(UUID?.self, "written_by"),
                                   at: try row.decode(Date.self, "created_at"))
        review.revieweeComment = try row.decode(String?.self, "reviewee_comment")
        review.revieweeCommentedAt = try row.decode(Date?.self, "reviewee_commented_at")
        review.version = try row.decode(Int.self, "version")
        review.updatedAt = try row.decode(Date.self, "updated_at")
        return review
    }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> InterimReview? {
        try db.query("SELECT \(unsafeSQL: columns) FROM interim_reviews WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM interim_reviews WHERE appraisal_id = \(appraisal) ORDER BY held_on, id"
    }

    public static func insert(_ r: InterimReview, on db: Connection) throws {
        try db.query("""
            INSERT INTO interim_reviews (trust_id, id, appraisal_id, meeting_id, held_on, progress,
                objectives_to_revise, support_needed, written_by, version, created_at, updated_at)
            VALUES (\(r.trustId), \(r.id), \(r.appraisalId), \(r.meetingId), \(r.heldOn),
                \(JSONText(try SnakeCaseJSON.encode(r.progress)))::jsonb,
                \(JSONText(try SnakeCaseJSON.encode(r.objectivesToRevise)))::jsonb, \(r.supportNeeded), \(r.writtenBy),
                \(r.version), \(r.createdAt), \(r.updatedAt))
            """)
    }

    public static func comment(_ id: UUID, _ text: String, at now: Date, on db: Connection) throws -> InterimReview? {
        try db.query("""
            UPDATE interim_reviews SET reviewee_comment = \(text), reviewee_commented_at = \(now),
                version = version + 1, updated_at = \(now)
            WHERE id = \(id) RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }

    /// Whether `meeting` is an interim meeting of `appraisal`.
    public static func isInterimMeeting(_ meeting: UUID, appraisal: UUID, on db: Connection) throws -> Bool {
        try !db.query("""
            SELECT 1 FROM meetings WHERE id = \(meeting) AND appraisal_id = \(appraisal) AND kind = 'interim'
            """).isEmpty
    }

    /// The objectives of `ids` that are not this appraisal's.
    public static func foreignObjectives(_ ids: [UUID], appraisal: UUID, on db: Connection) throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let mine = try db.query("""
            SELECT id FROM objectives WHERE appraisal_id = \(appraisal) AND id = ANY (\(UUIDArray(ids))::uuid[])
            """).map { try $0.decode(UUID.self, "id") }
        return Set(ids).subtracting(mine)
    }
}
