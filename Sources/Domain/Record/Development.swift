import Foundation

/// A development need and how it is met (issue 5 §2; 000 Appendix A "support and
/// development", 004 §9 "Professional Development"): the need, the planned delivery, when it
/// was completed and the impact it had.
public struct DevelopmentActivity: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var objectiveId: UUID?
    public var need: String
    public var plannedDelivery: String
    public var plannedBy: CalendarDate?
    public var completedOn: CalendarDate?
    public var impact: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, input: DevelopmentInput, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.objectiveId = input.objectiveId
        self.need = input.need; self.plannedDelivery = input.plannedDelivery; self.plannedBy = input.plannedBy
        self.completedOn = input.completedOn; self.impact = input.impact; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var input: DevelopmentInput {
        DevelopmentInput(objectiveId: objectiveId, need: need, plannedDelivery: plannedDelivery, plannedBy: plannedBy,
                         completedOn: completedOn, impact: impact)
    }
}

public struct DevelopmentInput: Sendable, Equatable, Codable, ValidatedInput {
    public var objectiveId: UUID?
    public var need: String
    public var plannedDelivery: String
    public var plannedBy: CalendarDate?
    public var completedOn: CalendarDate?
    public var impact: String?

    public static let fields: Set<String> = ["objective_id", "need", "planned_delivery", "planned_by", "completed_on", "impact"]

    public init(objectiveId: UUID?, need: String, plannedDelivery: String, plannedBy: CalendarDate?, completedOn: CalendarDate?,
                impact: String?) {
        self.objectiveId = objectiveId; self.need = need; self.plannedDelivery = plannedDelivery; self.plannedBy = plannedBy
        self.completedOn = completedOn; self.impact = impact
    }

    public func validate() throws {
        var check = Validator()
        check.text(need, "need", max: 4000)
        check.text(plannedDelivery, "planned_delivery", max: 4000)
        check.optionalText(impact, "impact", max: 4000)
        // Impact is judged after the activity: it needs the completion date.
        if impact != nil {
            check.check(completedOn != nil, "completed_on", "required", "is required when the impact is recorded")
        }
        try check.result()
    }
}
