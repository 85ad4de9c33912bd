import Foundation

/// Something an objective can contribute to (issue 5 §1): a trust priority (the whole trust),
/// a school improvement plan item (one unit) or a job description item — one of the key
/// accountabilities of a role profile, by job title (003 §4.6). Not confidential: every
/// credential of the trust reads them; trust admins and HR keep them.
public struct PlanItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case trustPriority = "trust_priority"
        case improvementPlanItem = "improvement_plan_item"
        case jobDescriptionItem = "job_description_item"
    }
    public var id: UUID
    public var trustId: UUID
    public var kind: Kind
    public var unitId: UUID?
    public var jobTitle: String?
    public var code: String?
    public var title: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, kind: Kind, unitId: UUID?, jobTitle: String?, code: String?, title: String, version: Int,
                createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.kind = kind; self.unitId = unitId; self.jobTitle = jobTitle; self.code = code
        self.title = title; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct PlanItemInput: Sendable, Equatable, Codable, ValidatedInput {
    public var kind: PlanItem.Kind
    public var unitId: UUID?
    public var jobTitle: String?
    public var code: String?
    public var title: String

    public static let fields: Set<String> = ["kind", "unit_id", "job_title", "code", "title"]

    public func validate() throws {
        var check = Validator()
        check.text(title, "title", max: 500)
        check.optionalText(code, "code", max: 50)
        check.optionalText(jobTitle, "job_title", max: 200)
        switch kind {
        case .improvementPlanItem:
            check.check(unitId != nil, "unit_id", "required", "is required: an improvement plan item belongs to one unit")
        default:
            check.check(unitId == nil, "unit_id", "forbidden", "must be absent: only improvement plan items belong to a unit")
        }
        if kind == .jobDescriptionItem {
            check.check(jobTitle != nil, "job_title", "required", "is required: a job description item belongs to a role profile")
        } else {
            check.check(jobTitle == nil, "job_title", "forbidden", "must be absent: only job description items name a role")
        }
        try check.result()
    }
}
