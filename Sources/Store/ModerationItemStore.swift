import Domain
import Foundation
import Postgres

/// A round's items: drawn when it opens, decided one by one, every decision kept.
public enum ModerationItemStore {
    static let columns = """
        id, trust_id, round_id, appraisal_id, reviewer_id, state, subject_digest, revision, version,
        created_at, updated_at
        """

    /// A digest of the subject's text, over an appraisal `a`: the current statement's sections,
    /// the objectives standing (not withdrawn), or the undecided pay recommendation. A revision
    /// changes it; signing or agreeing (which change neither) does not. NULL when there is
    /// nothing to moderate.
    static func digestSQL(_ subject: ModerationRound.Subject) -> String {
        switch subject {
        case .statements: """
            (SELECT md5(row(s.objectives_assessment, s.role_assessment, s.standards_assessment, s.evidence_summary,
                            s.cpd_and_impact, s.development_needs, s.recommended_action, s.absence_considered)::text)
               FROM statements s WHERE s.appraisal_id = a.id ORDER BY s.number DESC LIMIT 1)
            """
        case .objectives: """
            (SELECT md5(string_agg(row(o.id, o.title, o.description, o.success_criteria, o.milestones,
                                       o.due_date, o.links, o.standards)::text, ',' ORDER BY o.id))
               FROM objectives o WHERE o.appraisal_id = a.id AND o.state <> 'withdrawn')
            """
        // Not yet decided: moderation comes before the pay committee (003 §5.4.1).
        case .payRecommendations: """
            (SELECT md5(row(r.outcome, r.recommended_point, r.honorarium_amount, r.reasons)::text)
               FROM pay_recommendations r WHERE r.appraisal_id = a.id AND r.state <> 'decided')
            """
        }
    }

    /// Draws the round's items: in its scope, every appraisal with something to moderate — or,
    /// with a share, that share of each lead reviewer's (rounded up), in an order no one chose
    /// (the digest of the round and appraisal ids), so every reviewer is sampled alike.
    public static func draw(_ round: ModerationRound, at now: Date, on db: Connection) throws -> Int {
        let share = round.samplePercent ?? 100
        let rows = try db.query("""
            WITH scope AS (
                SELECT a.id AS appraisal_id, \(unsafeSQL: digestSQL(round.subject)) AS digest,
                       (SELECT m.person_id FROM reviewer_appointments ap
                          JOIN reviewer_appointment_members m ON m.appointment_id = ap.id
                         WHERE ap.appraisal_id = a.id AND ap.ended_at IS NULL
                         ORDER BY m.position LIMIT 1) AS reviewer_id
                FROM appraisals a
                WHERE a.cycle_id = \(round.cycleId) AND (\(round.unitId)::uuid IS NULL OR a.unit_id = \(round.unitId))
            ), ranked AS (
                SELECT *, row_number() OVER (PARTITION BY reviewer_id ORDER BY md5(\(round.id)::text || appraisal_id))
                            AS position,
                       count(*) OVER (PARTITION BY reviewer_id) AS drawn_from
                FROM scope WHERE digest IS NOT NULL
            )
            INSERT INTO moderation_items (trust_id, id, round_id, appraisal_id, reviewer_id, state, subject_digest,
                                          created_at, updated_at)
            SELECT \(round.trustId), md5(\(round.id)::text || appraisal_id)::uuid, \(round.id), appraisal_id,
                   reviewer_id, 'pending', digest, \(now), \(now)
            FROM ranked WHERE position <= ceil(drawn_from * \(share) / 100.0)
            RETURNING id
            """)
        return rows.count
    }

    public static func decode(_ row: Row) throws -> ModerationItem {
        ModerationItem(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                       roundId: try row.decode(UUID.self, "round_id"),
                       appraisalId: try row.decode(UUID.self, "appraisal_id"),
                       reviewerId: try row.decode(UUID?.self, "reviewer_id"),
                       state: try row.decode(String.self, "state").asEnum(ModerationItem.State.self),
                       subjectDigest: try row.decode(String.self, "subject_digest"),
                       revision: try row.decode(Int.self, "revision"), version: try row.decode(Int.self, "version"),
                       createdAt: try row.decode(Date.self, "created_at"),
                       updatedAt: try row.decode(Date.self, "updated_at"))
    }

    /// The round's items with their decisions, in the order they were drawn.
    public static func items(round: UUID, on db: Connection) throws -> [ModerationItem] {
        let items = try db.query("""
            SELECT \(unsafeSQL: columns) FROM moderation_items WHERE round_id = \(round) ORDER BY id
            """).map(decode)
        let decisions = Dictionary(grouping: try db.query("""
            SELECT d.item_id, \(unsafeSQL: decisionColumns) FROM moderation_decisions d
              JOIN moderation_items i ON i.id = d.item_id
             WHERE i.round_id = \(round) ORDER BY d.decided_at, d.id
            """).map { (try $0.decode(UUID.self, "item_id"), try decodeDecision($0)) }, by: \.0)
        return items.map { item in
            var item = item
            item.decisions = decisions[item.id]?.map(\.1) ?? []
            return item
        }
    }

    public static func item(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> ModerationItem? {
        guard var item = try db.query("SELECT \(unsafeSQL: columns) FROM moderation_items WHERE id = \(id)"
                                      + (forUpdate ? " FOR UPDATE" : "")).first.map(decode) else { return nil }
        item.decisions = try db.query("""
            SELECT \(unsafeSQL: decisionColumns) FROM moderation_decisions d
             WHERE d.item_id = \(id) ORDER BY d.decided_at, d.id
            """).map(decodeDecision)
        return item
    }

    public static func update(_ item: ModerationItem, at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE moderation_items SET state = \(item.state.rawValue), subject_digest = \(item.subjectDigest),
                revision = \(item.revision), version = version + 1, updated_at = \(now)
            WHERE id = \(item.id)
            """)
    }

    static let decisionColumns = "d.id, d.revision, d.outcome, d.comment, d.decided_by, d.decided_at"

    static func decodeDecision(_ row: Row) throws -> ModerationDecision {
        ModerationDecision(id: try row.decode(UUID.self, "id"), revision: try row.decode(Int.self, "revision"),
                           outcome: try row.decode(String.self, "outcome").asEnum(ModerationDecision.Outcome.self),
                           comment: try row.decode(String?.self, "comment"),
                           decidedBy: try row.decode(UUID?.self, "decided_by"),
                           decidedAt: try row.decode(Date.self, "decided_at"))
    }

    public static func insert(_ d: ModerationDecision, item: ModerationItem, on db: Connection) throws {
        try db.query("""
            INSERT INTO moderation_decisions (trust_id, id, item_id, revision, outcome, comment, decided_by, decided_at)
            VALUES (\(item.trustId), \(d.id), \(item.id), \(d.revision), \(d.outcome.rawValue), \(d.comment),
                \(d.decidedBy), \(d.decidedAt))
            """)
    }

    /// The subject's digest now, for a resubmission.
    public static func currentDigest(appraisal: UUID, subject: ModerationRound.Subject, on db: Connection)
        throws -> String? {
        try db.query("""
            SELECT \(unsafeSQL: digestSQL(subject)) AS digest FROM appraisals a WHERE a.id = \(appraisal)
            """).first?.decode(String?.self, "digest")
    }

    /// The objectives' assessment outcomes of the round's appraisals, for its outcome.
    public static func assessments(round: UUID, on db: Connection) throws -> [UUID: [String]] {
        let rows = try db.query("""
            SELECT o.appraisal_id, o.assessment_outcome FROM objectives o
              JOIN moderation_items i ON i.appraisal_id = o.appraisal_id
             WHERE i.round_id = \(round) AND o.assessment_outcome IS NOT NULL AND o.state <> 'withdrawn'
            """)
        var outcomes: [UUID: [String]] = [:]
        for row in rows {
            outcomes[try row.decode(UUID.self, "appraisal_id"), default: []]
                .append(try row.decode(String.self, "assessment_outcome"))
        }
        return outcomes
    }

    /// The reviewee and the current reviewers of an appraisal.
    public static func sides(appraisal: UUID, on db: Connection) throws -> (reviewee: UUID?, reviewers: [UUID]) {
        guard let row = try db.query("""
            SELECT a.person_id, \(unsafeSQL: RecordStore.currentReviewers) AS reviewers
            FROM appraisals a WHERE a.id = \(appraisal)
            """).first else { return (nil, []) }
        return (try row.decode(UUID.self, "person_id"),
                try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "reviewers")))
    }

    /// How many of these are people of the trust.
    public static func peopleFound(_ people: [UUID], on db: Connection) throws -> Int {
        try db.query("SELECT count(*) AS n FROM people WHERE id = ANY (\(UUIDArray(people))::uuid[])")
            .first?.decode(Int.self, "n") ?? 0
    }
}
