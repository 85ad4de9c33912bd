import Foundation

/// A person's job in a unit. Eligibility for appraisal (000 §2, 001, 003 "Application",
/// 004 §3) is decided later from these facts: contract type and length, probation, induction.
public struct Employment: Sendable, Equatable, Codable, TenantRecord {
    /// PRODUCT.md "Organisation": the staff groups policies distinguish.
    public enum StaffGroup: String, Sendable, Codable, CaseIterable {
        case teacher, support, leadership, headteacher, ceo, central
    }

    public enum ContractType: String, Sendable, Codable, CaseIterable {
        case permanent
        case fixedTerm = "fixed_term"
    }

    /// Early career teacher induction (000 §2 and 003 "Application" exclude teachers serving it).
    public enum InductionStatus: String, Sendable, Codable, CaseIterable {
        case notApplicable = "not_applicable"
        case inProgress = "in_progress"
        case completed, failed
    }

    /// Whose working days: term-time staff do not work in school holidays; all-year staff do
    /// (PRODUCT.md "Policy as configuration").
    public enum WorkingPattern: String, Sendable, Codable, CaseIterable {
        case termTime = "term_time"
        case allYear = "all_year"
    }

    public var id: UUID
    public var trustId: UUID
    public var personId: UUID
    public var unitId: UUID
    public var staffGroup: StaffGroup
    public var jobTitle: String
    public var lineManagerId: UUID?
    public var contractType: ContractType
    public var contractEndDate: CalendarDate?
    public var startDate: CalendarDate
    public var endDate: CalendarDate?
    public var probationEndDate: CalendarDate?
    public var inductionStatus: InductionStatus
    public var qts: Bool
    public var fte: Decimal
    public var payPoint: String?
    public var workingPattern: WorkingPattern
    /// 003 "Application": subject to the capability procedure, so out of appraisal cycles.
    public var underCapability: Bool
    public var externalId: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, input: EmploymentInput, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.trustId = trustId
        self.personId = input.personId
        self.unitId = input.unitId
        self.staffGroup = input.staffGroup
        self.jobTitle = input.jobTitle
        self.lineManagerId = input.lineManagerId
        self.contractType = input.contractType
        self.contractEndDate = input.contractEndDate
        self.startDate = input.startDate
        self.endDate = input.endDate
        self.probationEndDate = input.probationEndDate
        self.inductionStatus = input.inductionStatus
        self.qts = input.qts
        self.fte = input.fte
        self.payPoint = input.payPoint
        self.workingPattern = input.workingPattern
        self.underCapability = input.underCapability
        self.externalId = input.externalId
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var subjectPersonId: UUID? { personId }

    public var input: EmploymentInput {
        EmploymentInput(personId: personId, unitId: unitId, staffGroup: staffGroup, jobTitle: jobTitle,
                        lineManagerId: lineManagerId, contractType: contractType, contractEndDate: contractEndDate,
                        startDate: startDate, endDate: endDate, probationEndDate: probationEndDate,
                        inductionStatus: inductionStatus, qts: qts, fte: fte, payPoint: payPoint,
                        workingPattern: workingPattern, underCapability: underCapability, externalId: externalId)
    }
}

public struct EmploymentInput: Sendable, Equatable, Codable, ValidatedInput {
    public var personId: UUID
    public var unitId: UUID
    public var staffGroup: Employment.StaffGroup
    public var jobTitle: String
    public var lineManagerId: UUID?
    public var contractType: Employment.ContractType
    public var contractEndDate: CalendarDate?
    public var startDate: CalendarDate
    public var endDate: CalendarDate?
    public var probationEndDate: CalendarDate?
    public var inductionStatus: Employment.InductionStatus
    public var qts: Bool
    public var fte: Decimal
    public var payPoint: String?
    public var workingPattern: Employment.WorkingPattern
    public var underCapability: Bool
    public var externalId: String?

    public static let fields: Set<String> = [
        "person_id", "unit_id", "staff_group", "job_title", "line_manager_id", "contract_type",
        "contract_end_date", "start_date", "end_date", "probation_end_date", "induction_status", "qts",
        "fte", "pay_point", "working_pattern", "under_capability", "external_id",
    ]

    public init(personId: UUID, unitId: UUID, staffGroup: Employment.StaffGroup, jobTitle: String,
                lineManagerId: UUID? = nil, contractType: Employment.ContractType = .permanent,
                contractEndDate: CalendarDate? = nil, startDate: CalendarDate, endDate: CalendarDate? = nil,
                probationEndDate: CalendarDate? = nil, inductionStatus: Employment.InductionStatus = .notApplicable,
                qts: Bool = false, fte: Decimal = 1, payPoint: String? = nil,
                workingPattern: Employment.WorkingPattern = .termTime, underCapability: Bool = false, externalId: String? = nil) {
        self.personId = personId
        self.unitId = unitId
        self.staffGroup = staffGroup
        self.jobTitle = jobTitle
        self.lineManagerId = lineManagerId
        self.contractType = contractType
        self.contractEndDate = contractEndDate
        self.startDate = startDate
        self.endDate = endDate
        self.probationEndDate = probationEndDate
        self.inductionStatus = inductionStatus
        self.qts = qts
        self.fte = fte
        self.payPoint = payPoint
        self.workingPattern = workingPattern
        self.underCapability = underCapability
        self.externalId = externalId
    }

    enum CodingKeys: String, CodingKey {
        case personId, unitId, staffGroup, jobTitle, lineManagerId, contractType, contractEndDate, startDate
        case endDate, probationEndDate, inductionStatus, qts, fte, payPoint, workingPattern, underCapability, externalId
    }

    /// Optional facts default to the common case: permanent, full-time, term-time, no QTS.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, referencesResolvedLater: false)
    }

    /// With `referencesResolvedLater` the ids are placeholders: a sync row names the person,
    /// unit and line manager by external id (`EmploymentSyncRow`).
    init(from decoder: any Decoder, referencesResolvedLater: Bool) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if referencesResolvedLater {
            personId = Self.unresolved
            unitId = Self.unresolved
            lineManagerId = nil
        } else {
            personId = try c.decode(UUID.self, forKey: .personId)
            unitId = try c.decode(UUID.self, forKey: .unitId)
            lineManagerId = try c.decodeIfPresent(UUID.self, forKey: .lineManagerId)
        }
        staffGroup = try c.decode(Employment.StaffGroup.self, forKey: .staffGroup)
        jobTitle = try c.decode(String.self, forKey: .jobTitle)
        contractType = try c.decodeIfPresent(Employment.ContractType.self, forKey: .contractType) ?? .permanent
        contractEndDate = try c.decodeIfPresent(CalendarDate.self, forKey: .contractEndDate)
        startDate = try c.decode(CalendarDate.self, forKey: .startDate)
        endDate = try c.decodeIfPresent(CalendarDate.self, forKey: .endDate)
        probationEndDate = try c.decodeIfPresent(CalendarDate.self, forKey: .probationEndDate)
        inductionStatus = try c.decodeIfPresent(Employment.InductionStatus.self, forKey: .inductionStatus) ?? .notApplicable
        qts = try c.decodeIfPresent(Bool.self, forKey: .qts) ?? false
        fte = try c.decodeIfPresent(Decimal.self, forKey: .fte) ?? 1
        payPoint = try c.decodeIfPresent(String.self, forKey: .payPoint)
        workingPattern = try c.decodeIfPresent(Employment.WorkingPattern.self, forKey: .workingPattern) ?? .termTime
        underCapability = try c.decodeIfPresent(Bool.self, forKey: .underCapability) ?? false
        externalId = try c.decodeIfPresent(String.self, forKey: .externalId)
    }

    static let unresolved = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    public func validate() throws {
        var check = Validator()
        check.text(jobTitle, "job_title", max: 200)
        check.optionalText(payPoint, "pay_point", max: 20)
        check.optionalText(externalId, "external_id", max: 100)
        // FTE is a fraction of a full-time contract: above 0, at most 1, four decimal places at most.
        check.check(fte > 0 && fte <= 1, "fte", "range", "must be greater than 0 and at most 1")
        var scaled = fte * 10_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        check.check(rounded == scaled, "fte", "precision", "must have at most 4 decimal places")
        switch contractType {
        case .fixedTerm:
            if let contractEndDate {
                check.check(contractEndDate >= startDate, "contract_end_date", "after_start",
                            "must not be before start_date")
            } else {
                check.fail("contract_end_date", "required", "is required for a fixed-term contract")
            }
        case .permanent:
            check.check(contractEndDate == nil, "contract_end_date", "forbidden",
                        "must be absent for a permanent contract")
        }
        if let endDate {
            check.check(endDate >= startDate, "end_date", "after_start", "must not be before start_date")
        }
        if let probationEndDate {
            check.check(probationEndDate >= startDate, "probation_end_date", "after_start",
                        "must not be before start_date")
        }
        try check.result()
    }
}

extension Employment {
    /// Issue 15 §1: the pay point is recorded by HR (or the HR system's keys), not by whoever
    /// else keeps staff records; `nil` is the system itself (the demo loader).
    public static func writeRefusal(_ input: EmploymentInput, previous: EmploymentInput?,
                                    by caller: Caller?) -> String? {
        guard input.payPoint != previous?.payPoint else { return nil }
        guard case .user(_, _, _, let roles)? = caller, !roles.contains(.hr) else { return nil }
        return "only HR records an employment's pay point"
    }
}
