import Domain
import Foundation

// Units, people and employments (issue 2), as the API sends them.

struct UnitResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let name: String
    let kind: OrganisationUnit.Kind
    let urn: String?
    let phase: OrganisationUnit.Phase?
    let externalId: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ unit: OrganisationUnit) {
        id = unit.id
        trustId = unit.trustId
        name = unit.name
        kind = unit.kind
        urn = unit.urn
        phase = unit.phase
        externalId = unit.externalId
        version = unit.version
        createdAt = unit.createdAt
        updatedAt = unit.updatedAt
    }
}

struct PersonResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let givenName: String
    let familyName: String
    let email: String?
    let externalId: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ person: Person) {
        id = person.id
        trustId = person.trustId
        givenName = person.givenName
        familyName = person.familyName
        email = person.email
        externalId = person.externalId
        version = person.version
        createdAt = person.createdAt
        updatedAt = person.updatedAt
    }
}

struct EmploymentResponse: DirectJSON {
    let id: UUID
    let trustId: UUID
    let personId: UUID
    let unitId: UUID
    let staffGroup: Employment.StaffGroup
    let jobTitle: String
    let lineManagerId: UUID?
    let contractType: Employment.ContractType
    let contractEndDate: CalendarDate?
    let startDate: CalendarDate
    let endDate: CalendarDate?
    let probationEndDate: CalendarDate?
    let inductionStatus: Employment.InductionStatus
    let qts: Bool
    let fte: Decimal
    var payPoint: String?
    let workingPattern: Employment.WorkingPattern
    let underCapability: Bool
    let externalId: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ employment: Employment) {
        id = employment.id
        trustId = employment.trustId
        personId = employment.personId
        unitId = employment.unitId
        staffGroup = employment.staffGroup
        jobTitle = employment.jobTitle
        lineManagerId = employment.lineManagerId
        contractType = employment.contractType
        contractEndDate = employment.contractEndDate
        startDate = employment.startDate
        endDate = employment.endDate
        probationEndDate = employment.probationEndDate
        inductionStatus = employment.inductionStatus
        qts = employment.qts
        fte = employment.fte
        payPoint = employment.payPoint
        workingPattern = employment.workingPattern
        underCapability = employment.underCapability
        externalId = employment.externalId
        version = employment.version
        createdAt = employment.createdAt
        updatedAt = employment.updatedAt
    }

    /// Pay is confidential (issue 15 §1): `pay_point` goes to the employee, HR and the HR
    /// system's keys (and the platform administrator); everyone else reads pay, if the policy
    /// lets them, at `/v1/employments/{id}/pay-points`.
    init(_ employment: Employment, for context: Context) {
        self.init(employment)
        if !PayDataAccess.seesPayPoint(on: employment.personId, caller: context.actor?.caller) { payPoint = nil }
    }

    /// In `JSON.encoder`'s key order (DirectJSON.swift).
    func write(to object: inout JSONObjectWriter) {
        object.field("contract_end_date", contractEndDate)
        object.field("contract_type", contractType)
        object.field("created_at", createdAt)
        object.field("end_date", endDate)
        object.field("external_id", externalId)
        object.field("fte", fte)
        object.field("id", id)
        object.field("induction_status", inductionStatus)
        object.field("job_title", jobTitle)
        object.field("line_manager_id", lineManagerId)
        object.field("pay_point", payPoint)
        object.field("person_id", personId)
        object.field("probation_end_date", probationEndDate)
        object.field("qts", qts)
        object.field("staff_group", staffGroup)
        object.field("start_date", startDate)
        object.field("trust_id", trustId)
        object.field("under_capability", underCapability)
        object.field("unit_id", unitId)
        object.field("updated_at", updatedAt)
        object.field("version", version)
        object.field("working_pattern", workingPattern)
    }
}
