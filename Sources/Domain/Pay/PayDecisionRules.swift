import Foundation

/// Who recommends, approves, decides and hears, and what each may record — each from the
/// policy in force (issue 15). Refusals name the rule and the clause (`policy`).
public enum PayDecisionRules {
    /// In whose standing the caller recommends, or `NotAParticipant` naming who may
    /// (000 §3.1 the reviewer; 001 the head or the operations director; 003 §3.4 the reviewer
    /// where the head so determines, or the head; the head's own by those appraising the head).
    public static func recommendedAs(_ part: Participation, category: RevieweeCategory,
                                     rules: PayRules) throws -> PayRecommendation.RecommendedAs {
        guard !part.isReviewee else { throw NotAParticipant("Nobody recommends their own pay.") }
        switch category {
        case .headteacher, .ceo:
            // 003 §5.3.6: the HPMC (the head's reviewers) makes and refers the head's.
            if part.isReviewer { return .reviewer }
        case .schoolStaff:
            if rules.recommendedBy.contains(.headOfUnit) && part.isHeadOfUnit { return .headteacher }
            if rules.recommendedBy.contains(.reviewer) && part.isReviewer { return .reviewer }
        case .centralStaff:
            if rules.recommendedBy.contains(.headOfUnit) && part.isOperationsDirector { return .operationsDirector }
            if rules.recommendedBy.contains(.reviewer) && part.isReviewer { return .reviewer }
        }
        let who = rules.recommendedBy.map { $0 == .reviewer ? "the reviewer" : "the head (operations director)" }
        throw NotAParticipant("Under this policy pay is recommended by \(who.joined(separator: " or ")).")
    }

    /// What may be recommended (issue 15 §2): the policy's outcomes; withholding an increment
    /// only after a concern confirmed in writing and a support plan (001 "Links to Pay").
    public static func check(_ input: PayRecommendationInput, rules: PayRules, hadWrittenConcernAndSupport: Bool,
                             today: CalendarDate) throws {
        var check = Validator()
        // 004 §6.7, §8.3: no recommendation where progression is automatic.
        check.check(rules.mode == .performance, "outcome", "pay.mode",
                    "is not recommended under this policy: progression is automatic unless capability is live",
                    policy: "pay.mode")
        check.check(rules.mode != .performance || rules.recommendations.contains(input.outcome), "outcome",
                    "pay.recommendations",
                    "must be one of \(rules.recommendations.map(\.rawValue).joined(separator: ", "))",
                    policy: "pay.recommendations")
        if input.outcome == .withholdIncrement && rules.withholdNeedsPriorSupport {
            check.check(hadWrittenConcernAndSupport, "outcome", "pay.withhold_needs_prior_support",
                        "withholding an increment needs the employee to have been told of the concerns in writing "
                        + "beforehand and given support: a confirmed concern and a support plan",
                        policy: "pay.withhold_needs_prior_support")
        }
        check.check(input.recommendedOn <= today, "recommended_on", "not_in_future", "must not be in the future")
        try check.result()
    }

    /// 003 §5.3.6: every recommendation but the head's is approved by the head before it is
    /// shared or referred — unless the head (or the operations director) made it.
    public static func needsApproval(_ rules: PayRules, as recommendedAs: PayRecommendation.RecommendedAs,
                                     category: RevieweeCategory) -> Bool {
        let approved = rules.approvalChain.contains(.headteacher) || rules.approvalChain.contains(.operationsDirector)
        let staff = category == .schoolStaff || category == .centralStaff
        return approved && staff && recommendedAs == .reviewer
    }

    /// The head of the unit approves, the operations director for central staff (003 §5.3.6; 001).
    public static func mayApprove(_ part: Participation, category: RevieweeCategory) -> Bool {
        category == .centralStaff ? part.isOperationsDirector : part.isHeadOfUnit
    }

    /// The pay committee decides once the recommendation is referred (003 §5.3.6).
    public static func checkDecision(_ input: PayDecisionInput, on recommendation: PayRecommendation,
                                     rules: PayRules, today: CalendarDate) throws {
        guard recommendation.state == .referred else {
            throw PayStepOutOfOrder(state: recommendation.state, needs: "referred")
        }
        var check = Validator()
        check.check(input.decidedOn >= (recommendation.referredOn ?? recommendation.recommendedOn), "decided_on",
                    "not_before_referral", "must not be before the recommendation was referred")
        check.check(input.decidedOn <= today, "decided_on", "not_in_future", "must not be in the future")
        check.check(rules.recommendations.isEmpty || rules.recommendations.contains(input.outcome), "outcome",
                    "pay.recommendations", "must be one of \(rules.recommendations.map(\.rawValue))",
                    policy: "pay.recommendations")
        try check.result()
    }

    /// The last day to appeal: `appealWorkingDays` working days after the decision.
    public static func appealDeadline(decidedOn: CalendarDate, rules: PayRules, calendar: WorkingCalendar,
                                      pattern: Employment.WorkingPattern) throws -> CalendarDate? {
        guard let days = rules.appealWorkingDays else { return nil }
        return try calendar.adding(workingDays: days, to: decidedOn, for: pattern)
    }

    public static func checkAppeal(_ input: PayAppealInput, on recommendation: PayRecommendation,
                                   deadline: CalendarDate?, today: CalendarDate) throws {
        guard recommendation.state == .decided, let decided = recommendation.decidedOn else {
            throw PayStepOutOfOrder(state: recommendation.state, needs: "decided")
        }
        guard recommendation.appeal == nil else { throw PayAppealExists() }
        var check = Validator()
        check.check(input.lodgedOn >= decided && input.lodgedOn <= today, "lodged_on", "within_decision",
                    "must be between the decision (\(decided)) and today")
        if let deadline {
            check.check(input.lodgedOn <= deadline, "lodged_on", "pay.appeal_working_days",
                        "must be by \(deadline): the policy's window for an appeal has passed",
                        policy: "pay.appeal_working_days")
        }
        try check.result()
    }

    /// The appeal is heard by the pay committee's members who did not take the decision.
    public static func checkOutcome(_ input: PayAppealOutcomeInput, appeal: PayAppeal,
                                    recommendation: PayRecommendation, hearer: UUID?, today: CalendarDate) throws {
        guard appeal.outcome == nil else { throw PayStepOutOfOrder(state: .decided, needs: "an appeal not yet heard") }
        guard hearer == nil || hearer != recommendation.decidedBy else {
            throw NotAParticipant("An appeal is heard by members who did not take the decision.")
        }
        var check = Validator()
        check.check(input.outcomeOn >= (appeal.hearingOn ?? appeal.lodgedOn) && input.outcomeOn <= today,
                    "outcome_on", "after_hearing", "must be between the hearing (or the appeal) and today")
        try check.result()
    }
}

/// 004 §6.7, §8.3, §8.5: progression without a recommendation — main pay range teachers
/// progress unless a capability or managing-underperformance process is live; other staff's
/// increments are withheld only under formal capability.
public struct AutomaticProgression: Sendable, Equatable {
    public enum Outcome: String, Sendable { case progress, withheld, notApplicable = "not_applicable" }
    public let outcome: Outcome
    public let reason: String
    public let policy: String

    public static func decide(rules: PayRules, staffGroup: Employment.StaffGroup, capabilityLive: Bool,
                              supportPlanLive: Bool) -> AutomaticProgression {
        guard rules.mode == .automaticUnlessCapability else {
            return .init(outcome: .notApplicable, reason: "progression follows a recommendation under this policy",
                         policy: "pay.mode")
        }
        let teaching: Set<Employment.StaffGroup> = [.teacher, .leadership, .headteacher]
        if teaching.contains(staffGroup) {
            if capabilityLive || supportPlanLive {
                let process = capabilityLive ? "a live capability process" : "the Managing Underperformance procedure"
                return .init(outcome: .withheld, reason: "not automatic while \(process) is under way (§8.3)",
                             policy: "pay.mode")
            }
            return .init(outcome: .progress, reason: "automatic on the main pay range (§6.7, §8.3)",
                         policy: "pay.mode")
        }
        if capabilityLive {
            return .init(outcome: .withheld, reason: "increments withheld under formal capability (§8.5)",
                         policy: "pay.mode")
        }
        return .init(outcome: .progress, reason: "not linked to appraisal: the increment is paid (§8.5)",
                     policy: "pay.mode")
    }
}
