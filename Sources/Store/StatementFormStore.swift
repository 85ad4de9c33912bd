import Domain
import Foundation
import Postgres

/// What the printed statement needs beyond the statement row: names and dates (one query),
/// the objectives set for the year and the development recorded.
public enum StatementFormStore {
    public static func header(appraisal: UUID, issuedBy: UUID?, on db: Connection) throws -> StatementForm.Header? {
        try db.query("""
            SELECT t.name AS trust_name, u.name AS unit_name, p.given_name || ' ' || p.family_name AS reviewee_name,
                   e.job_title, a.period_start, a.period_end,
                   (SELECT coalesce(jsonb_agg(r.given_name || ' ' || r.family_name ORDER BY m.position), '[]')
                      FROM reviewer_appointments ap
                      JOIN reviewer_appointment_members m ON m.appointment_id = ap.id
                      JOIN people r ON r.id = m.person_id
                     WHERE ap.appraisal_id = a.id AND ap.ended_at IS NULL) AS reviewer_names,
                   (SELECT i.given_name || ' ' || i.family_name FROM people i WHERE i.id = \(issuedBy)) AS issued_by
              FROM appraisals a
              JOIN employments e ON e.id = a.employment_id
              JOIN people p ON p.id = a.person_id
              JOIN units u ON u.id = a.unit_id
              JOIN trusts t ON t.id = a.trust_id
             WHERE a.id = \(appraisal)
            """).first.map { row in
            StatementForm.Header(
                trustName: try row.decode(String.self, "trust_name"),
                unitName: try row.decode(String.self, "unit_name"),
                revieweeName: try row.decode(String.self, "reviewee_name"),
                jobTitle: try row.decode(String.self, "job_title"),
                reviewerNames: try SnakeCaseJSON.decode([String].self,
                                                        from: try row.decode(String.self, "reviewer_names")),
                period: AppraisalPeriod(startDate: try row.decode(CalendarDate.self, "period_start"),
                                        endDate: try row.decode(CalendarDate.self, "period_end")),
                issuedByName: try row.decode(String?.self, "issued_by"))
        }
    }

    /// The objectives that stand for the year (agreed or determined), oldest first.
    public static func setObjectives(appraisal: UUID, on db: Connection) throws -> [Objective] {
        try ObjectiveStore.live(appraisal: appraisal, on: db).filter { $0.state.isSet }
            .sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }
    }

    public static func development(appraisal: UUID, on db: Connection) throws -> [DevelopmentActivity] {
        try db.query(DevelopmentStore.listQuery(appraisal: appraisal)).map(DevelopmentStore.decode)
    }
}
