import Foundation

/// The pay recommendation made with the annual review (000 §3.1, §7.3; 001 "Links to Pay";
/// 002 §2.2.7; 003 §5.3.3), its approval by the head where the policy orders it (003 §5.3.6),
/// the pay committee's decision, and the appeal against that decision (issue 15 §2–4).
public struct PayRecommendation: Sendable, Equatable, Codable {
    public typealias Outcome = PayRules.Recommendation
    public enum State: String, Sendable, Codable {
        /// Made; the head has not yet approved it: the employee does not see it (003 §5.3.6).
        case awaitingApproval = "awaiting_approval"
        /// Shared with the employee and referred to the pay committee.
        case referred
        /// The pay committee has decided.
        case decided
    }
    /// In whose standing it was made.
    public enum RecommendedAs: String, Sendable, Codable {
        case reviewer, headteacher, operationsDirector = "operations_director"
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var employmentId: UUID
    /// The evidence: the appraisal's statement, when one has been drafted.
    public var statementId: UUID?
    public var outcome: Outcome
    public var currentRange: PayRange?
    public var currentPoint: String?
    public var recommendedPoint: String?
    public var honorariumAmount: Decimal?
    public var reasons: String
    public var recommendedBy: UUID?
    public var recommendedAs: RecommendedAs
    public var recommendedOn: CalendarDate
    public var approvalNeeded: Bool
    public var approvedBy: UUID?
    public var approvedOn: CalendarDate?
    public var referredOn: CalendarDate?
    public var state: State
    public var decidedOutcome: Outcome?
    public var decidedPoint: String?
    public var decidedBy: UUID?
    public var decidedOn: CalendarDate?
    public var effectiveFrom: CalendarDate?
    /// The policy's deadline for the decision (000 §4, 003 §2.3), when it sets one.
    public var decisionDueOn: CalendarDate?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The appeal against the decision, if one was lodged.
    public var appeal: PayAppeal?

    public init(id: UUID, trustId: UUID, appraisalId: UUID, employmentId: UUID, input: PayRecommendationInput,
                current: PayPoint?, recommendedBy: UUID?, recommendedAs: RecommendedAs, approvalNeeded: Bool,
                decisionDueOn: CalendarDate?, at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.employmentId = employmentId
        self.outcome = input.outcome; self.currentRange = current?.payRange; self.currentPoint = current?.point
        self.recommendedPoint = input.recommendedPoint; self.honorariumAmount = input.honorariumAmount
        self.reasons = input.reasons; self.recommendedBy = recommendedBy; self.recommendedAs = recommendedAs
        self.recommendedOn = input.recommendedOn; self.approvalNeeded = approvalNeeded
        // 003 §5.3.6: the HPMC refers its own; a recommendation needing no approval goes at once.
        self.state = approvalNeeded ? .awaitingApproval : .referred
        self.referredOn = approvalNeeded ? nil : input.recommendedOn
        self.decisionDueOn = decisionDueOn
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }

    /// A revision before the decision (after moderation returned it, say): the new terms, and
    /// back to the head for approval where the policy asks for it (003 §5.3.6).
    public mutating func revise(_ input: PayRecommendationInput, by person: UUID?, as standing: RecommendedAs,
                                approvalNeeded: Bool, at now: Date) {
        outcome = input.outcome; recommendedPoint = input.recommendedPoint; honorariumAmount = input.honorariumAmount
        reasons = input.reasons; recommendedOn = input.recommendedOn; recommendedBy = person; recommendedAs = standing
        self.approvalNeeded = approvalNeeded
        approvedBy = nil; approvedOn = nil
        state = approvalNeeded ? .awaitingApproval : .referred
        referredOn = approvalNeeded ? nil : input.recommendedOn
        updatedAt = now
    }

    /// What the pay committee's decision (or an upheld appeal) finally gave.
    public var finalOutcome: Outcome? { appeal?.changedOutcome ?? decidedOutcome }
}

public struct PayRecommendationInput: Sendable, Equatable, Codable, ValidatedInput {
    public var outcome: PayRecommendation.Outcome
    public var recommendedPoint: String?
    public var honorariumAmount: Decimal?
    public var reasons: String
    public var recommendedOn: CalendarDate

    public static let fields: Set<String> = ["outcome", "recommended_point", "honorarium_amount", "reasons",
                                             "recommended_on"]

    public init(outcome: PayRecommendation.Outcome, recommendedPoint: String?, honorariumAmount: Decimal?,
                reasons: String, recommendedOn: CalendarDate) {
        self.outcome = outcome; self.recommendedPoint = recommendedPoint; self.honorariumAmount = honorariumAmount
        self.reasons = reasons; self.recommendedOn = recommendedOn
    }

    public func validate() throws {
        var check = Validator()
        check.text(reasons, "reasons", max: 8000)
        check.optionalText(recommendedPoint, "recommended_point", max: 20)
        check.check(outcome != .progress || recommendedPoint != nil, "recommended_point", "required",
                    "is required to recommend progression: the point to progress to")
        if outcome == .honorarium {
            check.check(honorariumAmount != nil, "honorarium_amount", "required", "is required for an honorarium")
        } else {
            check.check(honorariumAmount == nil, "honorarium_amount", "not_allowed", "is only for an honorarium")
        }
        if let amount = honorariumAmount {
            check.check(amount > 0 && amount <= 1_000_000, "honorarium_amount", "range",
                        "must be more than 0 and at most 1000000")
        }
        try check.result()
    }
}

/// The head's approval (003 §5.3.6): the recommendation is shared and referred.
public struct PayApprovalInput: Sendable, Equatable, Codable, ValidatedInput {
    public var approvedOn: CalendarDate
    public static let fields: Set<String> = ["approved_on"]
    public init(approvedOn: CalendarDate) { self.approvedOn = approvedOn }
    public func validate() throws {}
}

/// The pay committee's decision, with the date it takes effect (003 §2.3).
public struct PayDecisionInput: Sendable, Equatable, Codable, ValidatedInput {
    public var outcome: PayRecommendation.Outcome
    public var point: String?
    public var payRange: PayRange?
    public var decidedOn: CalendarDate
    public var effectiveFrom: CalendarDate?

    public static let fields: Set<String> = ["outcome", "point", "pay_range", "decided_on", "effective_from"]

    public init(outcome: PayRecommendation.Outcome, point: String?, payRange: PayRange?, decidedOn: CalendarDate,
                effectiveFrom: CalendarDate?) {
        self.outcome = outcome; self.point = point; self.payRange = payRange; self.decidedOn = decidedOn
        self.effectiveFrom = effectiveFrom
    }

    public func validate() throws {
        var check = Validator()
        check.optionalText(point, "point", max: 20)
        check.check(outcome != .progress || point != nil, "point", "required",
                    "is required when the decision is progression: the new point")
        try check.result()
    }
}
