import Domain
import Foundation
import Postgres

/// Calendar feeds (migration 0025, issue 16 §5): the token's hash, and what a feed lists.
public enum CalendarFeedStore {
    /// Revokes the person's live feed, if any; whether there was one.
    @discardableResult
    public static func revoke(person: UUID, at now: Date, on db: Connection) throws -> Bool {
        try !db.query("""
            UPDATE calendar_feeds SET revoked_at = \(now) WHERE person_id = \(person) AND revoked_at IS NULL
            RETURNING id
            """).isEmpty
    }

    public static func insert(id: UUID, trust: UUID, person: UUID, tokenHash: String, at now: Date,
                              on db: Connection) throws {
        try db.query("""
            INSERT INTO calendar_feeds (trust_id, id, person_id, token_hash, created_at)
            VALUES (\(trust), \(id), \(person), \(tokenHash), \(now))
            """)
    }

    /// The live feed a token opens (run with `app.calendar_token_hash` set to its hash).
    public static func ownerQuery(tokenHash: String) -> SQL {
        """
        SELECT trust_id, person_id FROM calendar_feeds WHERE token_hash = \(tokenHash) AND revoked_at IS NULL
        """
    }

    public static func decodeOwner(_ row: Row) throws -> (trust: UUID, person: UUID) {
        (try row.decode(UUID.self, "trust_id"), try row.decode(UUID.self, "person_id"))
    }

    /// Everything dated in the person's appraisal year: the deadlines of their own appraisals
    /// and of those they review (in cycles not closed), the meetings of both, and observations
    /// of them or by them. Kinds and names only.
    public static func entriesQuery(person me: UUID) -> SQL {
        """
        WITH mine AS (
            SELECT a.id, a.person_id = \(me) AS own, a.person_id, a.deadlines FROM appraisals a
            JOIN cycles c ON c.id = a.cycle_id
            WHERE c.state IN ('open', 'closing') AND a.state IN ('active', 'suspended')
              AND (a.person_id = \(me) OR EXISTS (
                  SELECT 1 FROM reviewer_appointments r
                  JOIN reviewer_appointment_members m ON m.trust_id = r.trust_id AND m.appointment_id = r.id
                  WHERE r.appraisal_id = a.id AND r.ended_at IS NULL AND m.person_id = \(me)))
        )
        SELECT 'deadline' AS entry, x.id::text || '-' || d.key AS uid, d.key AS name, d.due_date AS day,
               NULL::timestamptz AS at, NULL::int AS minutes, x.own, p.given_name, p.family_name
        FROM mine x JOIN people p ON p.id = x.person_id,
             jsonb_to_recordset(x.deadlines) AS d(key text, due_date date)
        UNION ALL
        SELECT 'meeting', mt.id::text, mt.kind, mt.held_on, NULL, NULL, x.own, p.given_name, p.family_name
        FROM meetings mt JOIN mine x ON x.id = mt.appraisal_id JOIN people p ON p.id = x.person_id
        UNION ALL
        SELECT 'meeting_record', mt.id::text || '-record', mt.kind, mt.record_due, NULL, NULL, x.own,
               p.given_name, p.family_name
        FROM meetings mt JOIN mine x ON x.id = mt.appraisal_id JOIN people p ON p.id = x.person_id
        WHERE mt.record_due IS NOT NULL AND mt.record IS NULL
        UNION ALL
        SELECT 'observation', o.id::text, o.kind, NULL, o.observed_at, o.duration_minutes, a.person_id = \(me),
               p.given_name, p.family_name
        FROM observations o JOIN appraisals a ON a.id = o.appraisal_id JOIN cycles c ON c.id = a.cycle_id
        JOIN people p ON p.id = a.person_id
        WHERE c.state IN ('open', 'closing') AND (a.person_id = \(me) OR o.observer_id = \(me))
        ORDER BY 4, 5
        """
    }

    /// One row of `entriesQuery` as a calendar entry, its title naming the other person when
    /// the appraisal is not the reader's own.
    public static func decodeEntry(_ row: Row) throws -> CalendarEntry {
        let entry = try row.decode(String.self, "entry")
        let name = CalendarEntry.label(try row.decode(String.self, "name"))
        let own = try row.decode(Bool.self, "own")
        let person = "\(try row.decode(String.self, "given_name")) \(try row.decode(String.self, "family_name"))"
        let whose = own ? "" : " (\(person))"
        let uid = "\(entry)-\(try row.decode(String.self, "uid"))@appraise"
        switch entry {
        case "observation":
            return CalendarEntry(uid: uid, when: .time(try row.decode(Date.self, "at"),
                                                       minutes: try row.decode(Int.self, "minutes")),
                                 title: "Observation: \(name)\(whose)")
        case "meeting":
            return CalendarEntry(uid: uid, when: .day(try row.decode(CalendarDate.self, "day")),
                                 title: "Appraisal meeting: \(name)\(whose)")
        case "meeting_record":
            return CalendarEntry(uid: uid, when: .day(try row.decode(CalendarDate.self, "day")),
                                 title: "Meeting record due: \(name)\(whose)")
        default:
            return CalendarEntry(uid: uid, when: .day(try row.decode(CalendarDate.self, "day")),
                                 title: "Appraisal deadline: \(name)\(whose)")
        }
    }
}
