import Domain
import Foundation
import Postgres

public enum EmploymentStore: TenantStore {
    public static let resourceName = "employment"
    public static let table = "employments"
    public struct Filter: Sendable, Equatable {
        public var personId: UUID?
        public var unitId: UUID?
        public var lineManagerId: UUID?
        public var staffGroup: Employment.StaffGroup?
        public var externalId: String?
        /// Issue 16 §2: only records changed at or after this instant (a nightly pull).
        public var updatedSince: Date?
        /// Only the employments this person may see by relationship: their own, those below them
        /// in the line-management chain, those of units they head.
        public var visibleTo: UUID?
        public init(personId: UUID? = nil, unitId: UUID? = nil, lineManagerId: UUID? = nil,
                    staffGroup: Employment.StaffGroup? = nil, externalId: String? = nil, visibleTo: UUID? = nil,
                    updatedSince: Date? = nil) {
            self.visibleTo = visibleTo
            self.updatedSince = updatedSince
            self.personId = personId
            self.unitId = unitId
            self.lineManagerId = lineManagerId
            self.staffGroup = staffGroup
            self.externalId = externalId
        }
    }

    public static let columns = """
        id, trust_id, person_id, unit_id, staff_group, job_title, line_manager_id, contract_type, \
        contract_end_date, start_date, end_date, probation_end_date, induction_status, qts, fte, pay_point, \
        working_pattern, under_capability, external_id, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> Employment {
        let input = EmploymentInput(
            personId: try row.decode(UUID.self, "person_id"), unitId: try row.decode(UUID.self, "unit_id"),
            staffGroup: try row.decode(String.self, "staff_group").asEnum(Employment.StaffGroup.self),
            jobTitle: try row.decode(String.self, "job_title"),
            lineManagerId: try row.decode(UUID?.self, "line_manager_id"),
            contractType: try row.decode(String.self, "contract_type").asEnum(Employment.ContractType.self),
            contractEndDate: try row.decode(CalendarDate?.self, "contract_end_date"),
            startDate: try row.decode(CalendarDate.self, "start_date"),
            endDate: try row.decode(CalendarDate?.self, "end_date"),
            probationEndDate: try row.decode(CalendarDate?.self, "probation_end_date"),
            inductionStatus: try row.decode(String.self, "induction_status").asEnum(Employment.InductionStatus.self),
            qts: try row.decode(Bool.self, "qts"), fte: try row.decode(Decimal.self, "fte"),
            payPoint: try row.decode(String?.self, "pay_point"),
            workingPattern: try row.decode(String.self, "working_pattern").asEnum(Employment.WorkingPattern.self),
            underCapability: try row.decode(Bool.self, "under_capability"),
            externalId: try row.decode(String?.self, "external_id"))
        return Employment(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                          input: input, version: try row.decode(Int.self, "version"),
                          createdAt: try row.decode(Date.self, "created_at"),
                          updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func values(_ e: Employment) -> [String?] {
        [e.id.postgresText, e.trustId.postgresText, e.personId.postgresText, e.unitId.postgresText,
         e.staffGroup.rawValue, e.jobTitle, e.lineManagerId?.postgresText, e.contractType.rawValue,
         e.contractEndDate?.postgresText, e.startDate.postgresText, e.endDate?.postgresText,
         e.probationEndDate?.postgresText, e.inductionStatus.rawValue, e.qts.postgresText, e.fte.postgresText,
         e.payPoint, e.workingPattern.rawValue, e.underCapability.postgresText, e.externalId,
         e.version.postgresText, e.createdAt.postgresText, e.updatedAt.postgresText]
    }

    public static func listQuery(_ filter: Filter, page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let personId = filter.personId { conditions.add("person_id = \(personId)") }
        if let unitId = filter.unitId { conditions.add("unit_id = \(unitId)") }
        if let lineManagerId = filter.lineManagerId { conditions.add("line_manager_id = \(lineManagerId)") }
        if let staffGroup = filter.staffGroup { conditions.add("staff_group = \(staffGroup.rawValue)") }
        if let externalId = filter.externalId { conditions.add("external_id = \(externalId)") }
        if let since = filter.updatedSince { conditions.add("updated_at >= \(since)") }
        if let me = filter.visibleTo {
            // The line-management chain is followed at most 50 levels, so a cycle cannot loop.
            conditions.add(visibleEmployments(to: me))
        }
        conditions.page(page)
        return conditions.query(select: columns, from: "employments", page: page)
    }

    public static func update(_ id: UUID, to i: EmploymentInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<Employment> {
        let rows = try db.query("""
            UPDATE employments SET person_id = \(i.personId), unit_id = \(i.unitId),
                staff_group = \(i.staffGroup.rawValue), job_title = \(i.jobTitle), line_manager_id = \(i.lineManagerId),
                contract_type = \(i.contractType.rawValue), contract_end_date = \(i.contractEndDate),
                start_date = \(i.startDate), end_date = \(i.endDate), probation_end_date = \(i.probationEndDate),
                induction_status = \(i.inductionStatus.rawValue), qts = \(i.qts), fte = \(i.fte),
                pay_point = \(i.payPoint), working_pattern = \(i.workingPattern.rawValue), under_capability = \(i.underCapability),
                external_id = \(i.externalId), version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        return resolveMissedUpdate(try find(id, on: db))
    }

    /// How `me` stands to the person behind the target employments (one employment, or all of
    /// a person's): flags for each `Relationship` but `otherUnit` (what is left).
    public static func relationshipsQuery(employment: UUID? = nil, person: UUID? = nil, me: UUID) -> SQL {
        var sql: SQL = "WITH RECURSIVE target AS (SELECT id, person_id, unit_id, line_manager_id FROM employments WHERE "
        if let employment { sql.append("id = \(employment)") } else { sql.append("person_id = \(person ?? UUID())") }
        sql.append("""
            ), chain AS (
                SELECT e.id, e.person_id, e.line_manager_id, 1 AS depth FROM employments e JOIN target t ON e.id = t.line_manager_id
                UNION ALL
                SELECT e.id, e.person_id, e.line_manager_id, c.depth + 1 FROM employments e JOIN chain c ON e.id = c.line_manager_id
                WHERE c.depth < 50
            )
            SELECT EXISTS (SELECT 1 FROM target WHERE person_id = \(me)) AS own,
                   EXISTS (SELECT 1 FROM chain WHERE person_id = \(me)) AS line_manager,
                   EXISTS (SELECT 1 FROM grants g JOIN target t ON g.unit_id = t.unit_id
                           WHERE g.person_id = \(me) AND g.role = 'headteacher') AS head_of_unit,
                   EXISTS (SELECT 1 FROM employments e JOIN target t ON e.unit_id = t.unit_id WHERE e.person_id = \(me)) AS same_unit,
                   EXISTS (SELECT 1 FROM employments WHERE person_id = \(me)) AS employed,
                   EXISTS (SELECT 1 FROM appraisals a JOIN target t ON a.employment_id = t.id WHERE a.id IN (
            """)
        sql.append(currentlyReviewedQuery(by: me))
        sql.append(")) AS reviewer, EXISTS (SELECT 1 FROM target t WHERE ")
        sql.append(headOfCommitteeUnit(t: "t", me: me))
        sql.append(") AS committee_member")
        return sql
    }

    public static func relationshipsQuery(record: UUID, me: UUID) -> SQL? { relationshipsQuery(employment: record, me: me) }

    public static let listsByRelationship = true

    public static func restrict(_ filter: inout Filter, visibleTo me: UUID) -> Bool {
        filter.visibleTo = me
        return true
    }

    public static func decodeRelationships(_ row: Row) throws -> Set<Relationship> {
        var relationships: Set<Relationship> = []
        if try row.decode(Bool.self, "own") { relationships.insert(.own) }
        if try row.decode(Bool.self, "line_manager") { relationships.insert(.lineManager) }
        if try row.decode(Bool.self, "head_of_unit") { relationships.insert(.headOfUnit) }
        if try row.decode(Bool.self, "reviewer") { relationships.insert(.reviewer) }
        if try row.decode(Bool.self, "committee_member") { relationships.insert(.committeeMember) }
        if try row.decode(Bool.self, "same_unit") { relationships.insert(.sameUnit) }
        else if try row.decode(Bool.self, "employed") { relationships.insert(.otherUnit) }
        return relationships
    }

    /// The employments below `me` in the line-management chain (at most 50 levels).
    public static func reportsQuery(of me: UUID) -> SQL {
        reportsSubquery(of: me) + " ORDER BY id"
    }

    /// The same, unordered, for `… IN (…)` (employment lists, appraisals a manager may read).
    /// The chain is followed at most 50 levels, so a cycle in line management cannot loop.
    static func reportsSubquery(of me: UUID) -> SQL {
        """
        WITH RECURSIVE reports AS (
            SELECT e.id, 1 AS depth FROM employments e
            WHERE e.line_manager_id IN (SELECT id FROM employments WHERE person_id = \(me))
            UNION ALL
            SELECT e.id, r.depth + 1 FROM employments e JOIN reports r ON e.line_manager_id = r.id WHERE r.depth < 50)
        SELECT DISTINCT id FROM reports
        """
    }

    /// The employments a user without a trust-wide role may list: their own, those they
    /// line-manage down the chain, those of units they head, those they review, and the heads
    /// whose committee they sit on — the same relationships `relationshipsQuery` reports.
    static func visibleEmployments(to me: UUID) -> SQL {
        var sql: SQL = """
            (person_id = \(me)
             OR unit_id IN (SELECT unit_id FROM grants WHERE person_id = \(me) AND role = 'headteacher')
             OR id IN (SELECT employment_id FROM appraisals WHERE id IN (
            """
        sql.append(currentlyReviewedQuery(by: me))
        sql.append(")) OR ")
        sql.append(headOfCommitteeUnit(t: "employments", me: me))
        sql.append(" OR id IN (")
        sql.append(reportsSubquery(of: me))
        sql.append("))")
        return sql
    }

    /// The appraisals `me` currently reviews, sits on the panel of, or advises on
    /// (the current appointment only: a replaced reviewer loses access, 001 "Appointing Reviewers").
    /// Starts from the member's index rather than scanning every appointment for an adviser.
    static func currentlyReviewedQuery(by me: UUID) -> SQL {
        """
        SELECT rap.appraisal_id FROM reviewer_appointment_members rm
        JOIN reviewer_appointments rap ON rap.id = rm.appointment_id
        WHERE rm.person_id = \(me) AND rap.ended_at IS NULL
        UNION SELECT rap.appraisal_id FROM reviewer_appointments rap
        WHERE rap.external_adviser_id = \(me) AND rap.ended_at IS NULL
        """
    }

    /// Whether the employment aliased `t` is a head's, in a unit whose headteacher performance
    /// management committee `me` sits on (003 §3.2). A committee grant without a unit covers
    /// every unit of the trust.
    static func headOfCommitteeUnit(t: String, me: UUID) -> SQL {
        var sql = SQL(unsafeSQL: """
            (EXISTS (SELECT 1 FROM grants h WHERE h.role = 'headteacher' AND h.person_id = \(t).person_id AND h.unit_id = \(t).unit_id)
             AND EXISTS (SELECT 1 FROM grants c WHERE c.role = 'committee_member' AND c.person_id =
            """)
        sql.append(" \(me)")
        sql.append(SQL(unsafeSQL: " AND (c.unit_id IS NULL OR c.unit_id = \(t).unit_id)))"))
        return sql
    }

    /// The appraisals `me` currently reviews, as ids (for `/v1/me`).
    public static func reviewsQuery(of me: UUID) -> SQL { currentlyReviewedQuery(by: me) + " ORDER BY 1" }

    public static func ownQuery(of me: UUID) -> SQL {
        "SELECT id FROM employments WHERE person_id = \(me) ORDER BY id"
    }
}
