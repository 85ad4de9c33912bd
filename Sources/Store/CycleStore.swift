import Domain
import Foundation
import Postgres

/// Cycles, their enrolment and exclusions (migration 0007).
public enum CycleStore {
    static let columns = """
        c.id, c.trust_id, c.name, c.year, c.unit_id, c.staff_group, c.state, c.policy_version_id, p.version AS policy_version, \
        c.enrolled_count, c.excluded_count, c.opened_at, c.version, c.created_at, c.updated_at, c.close_reason, \
        c.unlocked_statements_at_close
        """
    static let from = "cycles c JOIN policy_versions p ON p.id = c.policy_version_id"

    public static func decode(_ row: Row) throws -> Cycle {
        var cycle = try decodeCore(row)
        cycle.closeReason = try row.decode(String?.self, "close_reason")
        cycle.unlockedStatementsAtClose = try row.decode(Int?.self, "unlocked_statements_at_close")
        return cycle
    }

    private static func decodeCore(_ row: Row) throws -> Cycle {
        Cycle(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"), name: try row.decode(String.self, "name"),
              year: try row.decode(Int.self, "year"), unitId: try row.decode(UUID?.self, "unit_id"),
              staffGroup: try row.decode(String?.self, "staff_group").map { try $0.asEnum(Employment.StaffGroup.self) },
              state: try row.decode(String.self, "state").asEnum(Cycle.State.self),
              policyVersionId: try row.decode(UUID.self, "policy_version_id"), policyVersion: try row.decode(Int.self, "policy_version"),
              enrolledCount: try row.decode(Int.self, "enrolled_count"), excludedCount: try row.decode(Int.self, "excluded_count"),
              openedAt: try row.decode(Date?.self, "opened_at"), version: try row.decode(Int.self, "version"),
              createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func insert(_ c: Cycle, on db: Connection) throws {
        try db.query("""
            INSERT INTO cycles (trust_id, id, name, year, unit_id, staff_group, state, policy_version_id, version, created_at, updated_at)
            VALUES (\(c.trustId), \(c.id), \(c.name), \(c.year), \(c.unitId), \(c.staffGroup?.rawValue), \(c.state.rawValue),
                    \(c.policyVersionId), \(c.version), \(c.createdAt), \(c.updatedAt))
            """)
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM \(unsafeSQL: from) WHERE c.id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Cycle? {
        var sql = findQuery(id)
        if forUpdate { sql.append(" FOR UPDATE OF c") }
        return try db.query(sql).first.map(decode)
    }

    public static func listQuery(year: Int?, state: Cycle.State?, updatedSince: Date? = nil,
                                 page: PageRequest) -> SQL {
        var sql: SQL = "SELECT \(unsafeSQL: columns) FROM \(unsafeSQL: from) WHERE true"
        if let year { sql.append(" AND c.year = \(year)") }
        if let state { sql.append(" AND c.state = \(state.rawValue)") }
        // Issue 16 §2: a nightly pull of what changed.
        if let updatedSince { sql.append(" AND c.updated_at >= \(updatedSince)") }
        if let after = page.after { sql.append(" AND c.id > \(after)") }
        sql.append(" ORDER BY c.id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return sql
    }

    /// Appraisals of the cycle whose current statement is not locked (none, a draft, issued).
    public static func unlockedStatements(cycle: UUID, on db: Connection) throws -> Int {
        try db.query("""
            SELECT count(*) AS unlocked FROM appraisals a
            WHERE a.cycle_id = \(cycle) AND NOT EXISTS (
                SELECT 1 FROM statements s
                WHERE s.appraisal_id = a.id AND s.state = 'locked' AND s.superseded_by_id IS NULL)
            """).first?.decode(Int.self, "unlocked") ?? 0
    }

    /// Records why a cycle closed with statements unlocked.
    public static func recordClose(_ id: UUID, reason: String, unlocked: Int, on db: Connection) throws {
        try db.query("""
            UPDATE cycles SET close_reason = \(reason), unlocked_statements_at_close = \(unlocked) WHERE id = \(id)
            """)
    }

    public static func move(_ id: UUID, to state: Cycle.State, policyVersionId: UUID? = nil, counts: (Int, Int)? = nil,
                            opened: Date? = nil, at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE cycles SET state = \(state.rawValue), version = version + 1, updated_at = \(now),
                policy_version_id = coalesce(\(policyVersionId), policy_version_id),
                enrolled_count = coalesce(\(counts?.0), enrolled_count), excluded_count = coalesce(\(counts?.1), excluded_count),
                opened_at = coalesce(opened_at, \(opened))
            WHERE id = \(id)
            """)
    }

    /// Employments in a cycle's scope with the facts eligibility needs, and whether another
    /// cycle of the same year already appraises them.
    public static func candidatesQuery(year: Int, unit: UUID?, staffGroup: Employment.StaffGroup?, cycle: UUID) -> SQL {
        var sql: SQL = """
            SELECT e.id, e.person_id, e.unit_id, u.kind AS unit_kind, e.staff_group, e.job_title, e.contract_type, e.contract_end_date,
                   e.start_date, e.end_date, e.probation_end_date, e.induction_status, e.under_capability,
                   EXISTS (SELECT 1 FROM appraisals a WHERE a.employment_id = e.id AND a.year = \(year) AND a.cycle_id <> \(cycle)) AS already
            FROM employments e JOIN units u ON u.id = e.unit_id WHERE true
            """
        if let unit { sql.append(" AND e.unit_id = \(unit)") }
        if let staffGroup { sql.append(" AND e.staff_group = \(staffGroup.rawValue)") }
        return sql
    }

    public struct Candidate: Sendable {
        public var facts: EnrolmentCandidate
        public var personId: UUID
        public var unitKind: OrganisationUnit.Kind
        public var jobTitle: String
        public var alreadyEnrolled: Bool
    }

    public static func decodeCandidate(_ row: Row) throws -> Candidate {
        Candidate(
            facts: EnrolmentCandidate(
                employmentId: try row.decode(UUID.self, "id"), unitId: try row.decode(UUID.self, "unit_id"),
                staffGroup: try row.decode(String.self, "staff_group").asEnum(Employment.StaffGroup.self),
                contractType: try row.decode(String.self, "contract_type").asEnum(Employment.ContractType.self),
                contractEndDate: try row.decode(CalendarDate?.self, "contract_end_date"), startDate: try row.decode(CalendarDate.self, "start_date"),
                endDate: try row.decode(CalendarDate?.self, "end_date"), probationEndDate: try row.decode(CalendarDate?.self, "probation_end_date"),
                inductionStatus: try row.decode(String.self, "induction_status").asEnum(Employment.InductionStatus.self),
                underCapability: try row.decode(Bool.self, "under_capability")),
            personId: try row.decode(UUID.self, "person_id"),
            unitKind: try row.decode(String.self, "unit_kind").asEnum(OrganisationUnit.Kind.self),
            jobTitle: try row.decode(String.self, "job_title"), alreadyEnrolled: try row.decode(Bool.self, "already"))
    }

    public struct NewAppraisal: Encodable, Sendable {
        public var id: UUID, employmentId: UUID, personId: UUID, unitId: UUID, category: String
        public var periodStart: String, periodEnd: String, adjustments: [Adjustment], deadlines: [Deadline]
        public init(id: UUID, employmentId: UUID, personId: UUID, unitId: UUID, category: String, periodStart: String, periodEnd: String,
                    adjustments: [Adjustment], deadlines: [Deadline]) {
            self.id = id; self.employmentId = employmentId; self.personId = personId; self.unitId = unitId; self.category = category
            self.periodStart = periodStart; self.periodEnd = periodEnd; self.adjustments = adjustments; self.deadlines = deadlines
        }
    }

    public struct NewExclusion: Encodable, Sendable {
        public var employmentId: UUID, personId: UUID, unitId: UUID, reason: String, detail: String
        public init(employmentId: UUID, personId: UUID, unitId: UUID, reason: String, detail: String) {
            self.employmentId = employmentId; self.personId = personId; self.unitId = unitId; self.reason = reason; self.detail = detail
        }
    }

    /// Thousands of rows in two statements: the rows travel as one JSON document.
    public static func insertEnrolment(cycle: Cycle, appraisals: [NewAppraisal], exclusions: [NewExclusion], at now: Date,
                                       on db: Connection) throws {
        if !appraisals.isEmpty {
            let rows = JSONText(try SnakeCaseJSON.encode(appraisals))
            try db.query("""
                INSERT INTO appraisals (trust_id, id, cycle_id, employment_id, person_id, unit_id, category, year, period_start, period_end,
                                        adjustments, deadlines, state, version, created_at, updated_at)
                SELECT \(cycle.trustId), r.id, \(cycle.id), r.employment_id, r.person_id, r.unit_id, r.category, \(cycle.year),
                       r.period_start, r.period_end, r.adjustments, r.deadlines, 'active', 1, \(now), \(now)
                FROM jsonb_to_recordset(\(rows)::jsonb) AS r(id uuid, employment_id uuid, person_id uuid, unit_id uuid, category text,
                                                           period_start date, period_end date, adjustments jsonb, deadlines jsonb)
                """)
        }
        if !exclusions.isEmpty {
            let rows = JSONText(try SnakeCaseJSON.encode(exclusions))
            try db.query("""
                INSERT INTO cycle_exclusions (trust_id, cycle_id, employment_id, person_id, unit_id, reason, detail)
                SELECT \(cycle.trustId), \(cycle.id), r.employment_id, r.person_id, r.unit_id, r.reason, r.detail
                FROM jsonb_to_recordset(\(rows)::jsonb) AS r(employment_id uuid, person_id uuid, unit_id uuid, reason text, detail text)
                """)
        }
    }

    /// Who is in and who is out, one list ordered by employment; units narrow it for a head.
    public static func enrolmentQuery(cycle: UUID, status: String?, units: [UUID]?, page: PageRequest) -> SQL {
        var sql: SQL = """
            SELECT * FROM (
                SELECT employment_id, person_id, unit_id, 'enrolled' AS status, id AS appraisal_id, NULL AS reason, NULL AS detail,
                       period_start, period_end, adjustments
                FROM appraisals WHERE cycle_id = \(cycle)
                UNION ALL
                SELECT employment_id, person_id, unit_id, 'excluded', NULL, reason, detail, NULL, NULL, NULL
                FROM cycle_exclusions WHERE cycle_id = \(cycle)) x WHERE true
            """
        if let status { sql.append(" AND status = \(status)") }
        if let units { sql.append(" AND unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        if let after = page.after { sql.append(" AND employment_id > \(after)") }
        sql.append(" ORDER BY employment_id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return sql
    }

    /// How many current appraisals each reviewer holds in a cycle (004 §5.2).
    public static func reviewerLoadQuery(cycle: UUID, units: [UUID]?) -> SQL {
        var sql: SQL = """
            SELECT m.person_id, count(*)::int AS appraisals
            FROM reviewer_appointment_members m
            JOIN reviewer_appointments ap ON ap.id = m.appointment_id AND ap.ended_at IS NULL
            JOIN appraisals a ON a.id = ap.appraisal_id
            WHERE a.cycle_id = \(cycle)
            """
        if let units { sql.append(" AND a.unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        sql.append(" GROUP BY m.person_id ORDER BY appraisals DESC, m.person_id")
        // A whole cycle's appointments: planned for the trust in hand (`SQL.plannedEachRun`).
        return sql.plannedEachRun()
    }

    /// Units where the person holds the headteacher role.
    public static func headedUnitsQuery(_ person: UUID) -> SQL {
        "SELECT unit_id FROM grants WHERE person_id = \(person) AND role = 'headteacher' AND unit_id IS NOT NULL ORDER BY unit_id"
    }
}
