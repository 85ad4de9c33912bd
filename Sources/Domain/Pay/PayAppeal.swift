import Foundation

/// The employee's appeal against a pay decision (001 "Links to Pay", 002 §2.2.7, 000 through
/// the pay policy): grounds within the policy's window, a hearing, an outcome and, when upheld,
/// the changed decision — all dated (issue 15 §4).
public struct PayAppeal: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case upheld, partlyUpheld = "partly_upheld", dismissed
    }
    public var id: UUID
    public var trustId: UUID
    public var recommendationId: UUID
    public var appraisalId: UUID
    public var lodgedBy: UUID?
    public var lodgedOn: CalendarDate
    public var grounds: String
    public var hearingOn: CalendarDate?
    public var outcome: Outcome?
    public var outcomeOn: CalendarDate?
    public var heardBy: UUID?
    public var changedOutcome: PayRecommendation.Outcome?
    public var changedPoint: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, recommendationId: UUID, appraisalId: UUID, lodgedBy: UUID?,
                input: PayAppealInput, at now: Date) {
        self.id = id; self.trustId = trustId; self.recommendationId = recommendationId
        self.appraisalId = appraisalId; self.lodgedBy = lodgedBy; self.lodgedOn = input.lodgedOn
        self.grounds = input.grounds; self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct PayAppealInput: Sendable, Equatable, Codable, ValidatedInput {
    public var lodgedOn: CalendarDate
    public var grounds: String
    public static let fields: Set<String> = ["lodged_on", "grounds"]
    public init(lodgedOn: CalendarDate, grounds: String) { self.lodgedOn = lodgedOn; self.grounds = grounds }
    public func validate() throws {
        var check = Validator()
        check.text(grounds, "grounds", max: 8000)
        try check.result()
    }
}

public struct PayAppealHearingInput: Sendable, Equatable, Codable, ValidatedInput {
    public var hearingOn: CalendarDate
    public static let fields: Set<String> = ["hearing_on"]
    public init(hearingOn: CalendarDate) { self.hearingOn = hearingOn }
    public func validate() throws {}
}

public struct PayAppealOutcomeInput: Sendable, Equatable, Codable, ValidatedInput {
    public var outcome: PayAppeal.Outcome
    public var outcomeOn: CalendarDate
    public var changedOutcome: PayRecommendation.Outcome?
    public var changedPoint: String?
    public static let fields: Set<String> = ["outcome", "outcome_on", "changed_outcome", "changed_point"]

    public init(outcome: PayAppeal.Outcome, outcomeOn: CalendarDate, changedOutcome: PayRecommendation.Outcome?,
                changedPoint: String?) {
        self.outcome = outcome; self.outcomeOn = outcomeOn; self.changedOutcome = changedOutcome
        self.changedPoint = changedPoint
    }

    public func validate() throws {
        var check = Validator()
        check.optionalText(changedPoint, "changed_point", max: 20)
        if outcome == .dismissed {
            check.check(changedOutcome == nil && changedPoint == nil, "changed_outcome", "not_allowed",
                        "a dismissed appeal leaves the decision as it was")
        } else {
            check.check(changedOutcome != nil, "changed_outcome", "required",
                        "is required when the appeal is upheld, wholly or in part: the changed decision")
        }
        check.check(changedOutcome != .progress || changedPoint != nil, "changed_point", "required",
                    "is required when the changed decision is progression")
        try check.result()
    }
}

/// The decision has an appeal already: 409.
public struct PayAppealExists: Error, Sendable { public init() {} }
/// The recommendation is not at the step the action needs: 409 naming its state.
public struct PayStepOutOfOrder: Error, Sendable {
    public let state: PayRecommendation.State
    public let needs: String
    public init(state: PayRecommendation.State, needs: String) { self.state = state; self.needs = needs }
}
/// The appraisal has its recommendation already: 409.
public struct PayRecommendationExists: Error, Sendable { public init() {} }
