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
        public init(personId: UUID? = nil, unitId: UUID? = nil, lineManagerId: UUID? = nil,
                    staffGroup: Employment.StaffGroup? = nil, externalId: String? = nil) {
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
        working_pattern, external_id, version, created_at, updated_at
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
            externalId: try row.decode(String?.self, "external_id"))
        return Employment(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                          input: input, version: try row.decode(Int.self, "version"),
                          createdAt: try row.decode(Date.self, "created_at"),
                          updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func insert(_ e: Employment, on db: Connection) throws {
        try db.query("""
            INSERT INTO employments (trust_id, id, person_id, unit_id, staff_group, job_title, line_manager_id,
                contract_type, contract_end_date, start_date, end_date, probation_end_date, induction_status, qts,
                fte, pay_point, working_pattern, external_id, version, created_at, updated_at)
            VALUES (\(e.trustId), \(e.id), \(e.personId), \(e.unitId), \(e.staffGroup.rawValue), \(e.jobTitle),
                \(e.lineManagerId), \(e.contractType.rawValue), \(e.contractEndDate), \(e.startDate), \(e.endDate),
                \(e.probationEndDate), \(e.inductionStatus.rawValue), \(e.qts), \(e.fte), \(e.payPoint),
                \(e.workingPattern.rawValue), \(e.externalId), \(e.version), \(e.createdAt), \(e.updatedAt))
            """)
    }

    public static func listQuery(_ filter: Filter, page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let personId = filter.personId { conditions.add("person_id = \(personId)") }
        if let unitId = filter.unitId { conditions.add("unit_id = \(unitId)") }
        if let lineManagerId = filter.lineManagerId { conditions.add("line_manager_id = \(lineManagerId)") }
        if let staffGroup = filter.staffGroup { conditions.add("staff_group = \(staffGroup.rawValue)") }
        if let externalId = filter.externalId { conditions.add("external_id = \(externalId)") }
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
                pay_point = \(i.payPoint), working_pattern = \(i.workingPattern.rawValue),
                external_id = \(i.externalId), version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        return resolveMissedUpdate(try find(id, on: db))
    }
}
