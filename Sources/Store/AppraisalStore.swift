import Domain
import Foundation
import Postgres

/// Appraisals and their reviewer appointments (migration 0007).
public enum AppraisalStore {
    /// Each appraisal with its current appointment (members in the order given).
    static let select = """
        SELECT a.id, a.trust_id, a.cycle_id, a.employment_id, a.person_id, a.unit_id, a.category, a.period_start, a.period_end,
               a.adjustments, a.deadlines, a.state, a.version, a.created_at, a.updated_at, a.records_destroyed_at,
               ap.id AS appointment_id, ap.appointed_by, ap.reason, ap.external_adviser_id, ap.consulted_person_id, ap.started_at,
               (SELECT coalesce(jsonb_agg(m.person_id ORDER BY m.position), '[]') FROM reviewer_appointment_members m
                 WHERE m.appointment_id = ap.id) AS reviewers
        FROM appraisals a LEFT JOIN reviewer_appointments ap ON ap.appraisal_id = a.id AND ap.ended_at IS NULL
        """

    public static func decode(_ row: Row) throws -> Appraisal {
        let id = try row.decode(UUID.self, "id")
        let appointment = try row.decode(UUID?.self, "appointment_id").map { appointmentID in
            ReviewerAppointment(id: appointmentID, appraisalId: id,
                                reviewers: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "reviewers")),
                                externalAdviserId: try row.decode(UUID?.self, "external_adviser_id"),
                                consultedPersonId: try row.decode(UUID?.self, "consulted_person_id"),
                                appointedBy: try row.decode(UUID.self, "appointed_by"),
                                reason: try row.decode(String.self, "reason").asEnum(AppointmentReason.self),
                                startedAt: try row.decode(Date.self, "started_at"), endedAt: nil)
        }
        return Appraisal(id: id, trustId: try row.decode(UUID.self, "trust_id"), cycleId: try row.decode(UUID.self, "cycle_id"),
                         employmentId: try row.decode(UUID.self, "employment_id"), personId: try row.decode(UUID.self, "person_id"),
                         unitId: try row.decode(UUID.self, "unit_id"),
                         category: try row.decode(String.self, "category").asEnum(RevieweeCategory.self),
                         periodStart: try row.decode(CalendarDate.self, "period_start"), periodEnd: try row.decode(CalendarDate.self, "period_end"),
                         adjustments: try SnakeCaseJSON.decode([Adjustment].self, from: try row.decode(String.self, "adjustments")),
                         deadlines: try SnakeCaseJSON.decode([Deadline].self, from: try row.decode(String.self, "deadlines")),
                         state: try row.decode(String.self, "state"), reviewerAppointment: appointment,
                         version: try row.decode(Int.self, "version"), createdAt: try row.decode(Date.self, "created_at"),
                         updatedAt: try row.decode(Date.self, "updated_at"),
                         recordsDestroyedAt: try row.decode(Date?.self, "records_destroyed_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { SQL(unsafeSQL: select) + " WHERE a.id = \(id)" }

    public static func find(_ id: UUID, on db: Connection) throws -> Appraisal? { try db.query(findQuery(id)).first.map(decode) }

    public struct Filter: Sendable {
        public var cycleId: UUID?, personId: UUID?, unitId: UUID?, employmentId: UUID?, visibleTo: UUID?
        /// Issue 16 §2: changed at or after this instant — the appraisal's own fields or its reviewers.
        public var updatedSince: Date?
        public init(cycleId: UUID? = nil, personId: UUID? = nil, unitId: UUID? = nil, employmentId: UUID? = nil, visibleTo: UUID? = nil) {
            self.cycleId = cycleId; self.personId = personId; self.unitId = unitId; self.employmentId = employmentId; self.visibleTo = visibleTo
        }
    }

    public static func listQuery(_ filter: Filter, page: PageRequest) -> SQL {
        var sql = SQL(unsafeSQL: select) + " WHERE true"
        if let cycle = filter.cycleId { sql.append(" AND a.cycle_id = \(cycle)") }
        if let person = filter.personId { sql.append(" AND a.person_id = \(person)") }
        if let unit = filter.unitId { sql.append(" AND a.unit_id = \(unit)") }
        if let employment = filter.employmentId { sql.append(" AND a.employment_id = \(employment)") }
        if let since = filter.updatedSince {
            sql.append("""
                 AND (a.updated_at >= \(since) OR EXISTS (SELECT 1 FROM reviewer_appointments r
                      WHERE r.appraisal_id = a.id AND (r.started_at >= \(since) OR r.ended_at >= \(since))))
                """)
        }
        if let me = filter.visibleTo { sql.append(" AND "); sql.append(AppraisalVisibility.statusVisible(to: me)) }
        if let after = page.after { sql.append(" AND a.id > \(after)") }
        sql.append(" ORDER BY a.id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return sql
    }

    /// What the appointment rules need about an appraisal: its employment's unit, group, title.
    /// The standing of each named person relative to a reviewee (grants trust-wide or in the
    /// reviewee's unit; whether they are the employment's own line manager), and whether they exist.
    public static func standingsQuery(people: [UUID], unit: UUID, employment: UUID) -> SQL {
        """
            WITH named AS (SELECT unnest(\(UUIDArray(people))::uuid[]) AS person_id)
            SELECT n.person_id, EXISTS (SELECT 1 FROM people p WHERE p.id = n.person_id) AS exists,
                   coalesce((SELECT jsonb_agg(g.role) FROM grants g WHERE g.person_id = n.person_id
                              AND (g.unit_id IS NULL OR g.unit_id = \(unit))), '[]') AS roles,
                   EXISTS (SELECT 1 FROM employments r JOIN employments m ON m.id = r.line_manager_id
                           WHERE r.id = \(employment) AND m.person_id = n.person_id) AS line_manager
            FROM named n
            """
    }

    public static func endCurrentAppointment(appraisal: UUID, at now: Date, on db: Connection) throws -> Bool {
        !(try db.query("UPDATE reviewer_appointments SET ended_at = \(now) WHERE appraisal_id = \(appraisal) AND ended_at IS NULL RETURNING id")).isEmpty
    }

    public static func insert(_ appointment: ReviewerAppointment, trust: UUID, on db: Connection) throws {
        try db.query("""
            INSERT INTO reviewer_appointments (trust_id, id, appraisal_id, appointed_by, reason, external_adviser_id, consulted_person_id, started_at)
            VALUES (\(trust), \(appointment.id), \(appointment.appraisalId), \(appointment.appointedBy), \(appointment.reason.rawValue),
                    \(appointment.externalAdviserId), \(appointment.consultedPersonId), \(appointment.startedAt))
            """)
        try db.query("""
            INSERT INTO reviewer_appointment_members (trust_id, appointment_id, person_id, position)
            SELECT \(trust), \(appointment.id), m.person_id, m.position::int
            FROM unnest(\(UUIDArray(appointment.reviewers))::uuid[]) WITH ORDINALITY AS m(person_id, position)
            """)
    }

    /// Every appointment of an appraisal, oldest first: the re-delegation history (003 §3.5).
    public static func appointments(of appraisal: UUID, on db: Connection) throws -> [ReviewerAppointment] {
        try db.query(appointmentsQuery(appraisal: appraisal)).map(decodeAppointment)
    }

    public static func appointmentsQuery(appraisal: UUID) -> SQL {
        """
        SELECT ap.id, ap.appraisal_id, ap.appointed_by, ap.reason, ap.external_adviser_id, ap.consulted_person_id, ap.started_at, ap.ended_at,
               (SELECT coalesce(jsonb_agg(m.person_id ORDER BY m.position), '[]') FROM reviewer_appointment_members m
                 WHERE m.appointment_id = ap.id) AS reviewers
        FROM reviewer_appointments ap WHERE ap.appraisal_id = \(appraisal) ORDER BY ap.started_at, ap.id
        """
    }

    public static func decodeAppointment(_ row: Row) throws -> ReviewerAppointment {
        ReviewerAppointment(id: try row.decode(UUID.self, "id"), appraisalId: try row.decode(UUID.self, "appraisal_id"),
                            reviewers: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "reviewers")),
                            externalAdviserId: try row.decode(UUID?.self, "external_adviser_id"),
                            consultedPersonId: try row.decode(UUID?.self, "consulted_person_id"),
                            appointedBy: try row.decode(UUID.self, "appointed_by"),
                            reason: try row.decode(String.self, "reason").asEnum(AppointmentReason.self),
                            startedAt: try row.decode(Date.self, "started_at"), endedAt: try row.decode(Date?.self, "ended_at"))
    }
}
