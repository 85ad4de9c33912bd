import Foundation

/// The policy's objective rules applied to one change (issue 5 §1). Pure: the service loads the
/// appraisal, its policy and its other objectives, asks here, and writes what comes back.
public enum ObjectiveLifecycle {
    /// The model must be objectives (004 §6.1: conversations, no objectives).
    public static func requireObjectivesModel(_ policy: PolicyDocument) throws {
        guard policy.model == .objectives, policy.objectives != nil else {
            throw ValidationFailure(field: "objectives", rule: "model",
                                    message: "this appraisal's policy uses conversations, not objectives (004 §6.1)",
                                    policy: "model")
        }
    }

    /// A new proposal by one side. `live` are the appraisal's objectives not withdrawn.
    public static func propose(_ content: ObjectiveContent, rules: ObjectiveRules, live: Int, by who: Participation) throws {
        guard who.isSide else { throw NotAParticipant("Only the reviewee or their reviewer proposes objectives.") }
        // 001 "Setting Objectives": no more than three.
        if let max = rules.maxCount, live >= max {
            throw ValidationFailure(field: "objectives", rule: "max_count",
                                    message: "must be at most \(max) for this appraisal under its policy",
                                    policy: "objectives.max_count")
        }
    }

    /// The state and agreement flags after a transition, or the rule it breaks.
    public static func transition(_ objective: Objective, to target: ObjectiveTransition.Target, comment: String?,
                                  rules: ObjectiveRules, liveKinds: [ObjectiveKind], by who: Participation) throws -> Objective {
        var next = objective
        func refuse(_ message: String) -> ValidationFailure {
            ValidationFailure(field: "to", rule: "transition", message: message)
        }
        switch target {
        case .agreed:
            guard who.isSide else { throw NotAParticipant("Only the reviewee or their reviewer agrees an objective.") }
            guard objective.state == .proposed || objective.state == .disputed else {
                throw refuse("only a proposed or disputed objective can be agreed (it is \(objective.state.rawValue))")
            }
            if who.isReviewee { next.agreedByReviewee = true }
            if who.isReviewer { next.agreedByReviewer = true }
            next.state = next.agreedByReviewee && next.agreedByReviewer ? .agreed : objective.state
        case .disputed:
            guard who.isSide else { throw NotAParticipant("Only the reviewee or their reviewer disputes an objective.") }
            guard objective.state == .proposed else { throw refuse("only a proposed objective can be disputed") }
            if who.isReviewee { next.agreedByReviewee = false }
            if who.isReviewer { next.agreedByReviewer = false }
            next.state = .disputed
        case .determined:
            // 000 §5.3, 002 §2.2.3: only where the two sides cannot agree.
            guard objective.state == .disputed else { throw refuse("only a disputed objective can be determined: agree it instead") }
            guard who.mayDetermine(rules.disagreementDecidedBy) else {
                throw ValidationFailure(field: "to", rule: "decided_by",
                                        message: "under this policy objectives that cannot be agreed are determined by "
                                            + describe(rules.disagreementDecidedBy),
                                        policy: "objectives.disagreement_decided_by")
            }
            next.state = .determined
        case .withdrawn:
            guard who.isSide else { throw NotAParticipant("Only the reviewee or their reviewer withdraws an objective.") }
            if objective.state.isSet {
                // 000 §5.5, 001: set objectives change only by in-year revision, with a reason.
                guard rules.revisableInYear else {
                    throw ValidationFailure(field: "to", rule: "transition",
                                            message: "this policy does not allow objectives to be revised in year",
                                            policy: "objectives.revisable_in_year")
                }
                guard let comment, !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw ValidationFailure(field: "comment", rule: "required", message: "is required to withdraw a set objective")
                }
            }
            guard objective.state != .withdrawn else { throw refuse("the objective is already withdrawn") }
            guard objective.assessment == nil else { throw refuse("an assessed objective cannot be withdrawn") }
            next.state = .withdrawn
        }
        if next.state.isSet {
            // 003 §4.1 (the head: pupil outcomes), 002 (professional development): the objectives
            // cannot be set while the appraisal has none of a required kind.
            let kinds = Set(liveKinds + [objective.content.kind])
            for kind in rules.requiredKinds where !kinds.contains(kind) {
                throw ValidationFailure(field: "kind", rule: "required_kinds",
                                        message: "this appraisal needs an objective of kind \(kind.rawValue) "
                                            + "before objectives are set",
                                        policy: "objectives.required_kinds")
            }
        }
        return next
    }

    /// A revision by one side: before agreement it replaces the proposal; once set it is an
    /// in-year revision (000 §5.5, 001) that needs a reason and the other side's agreement again.
    public static func revise(_ objective: Objective, with revision: ObjectiveRevision, rules: ObjectiveRules,
                              by who: Participation) throws -> Objective {
        guard who.isSide else { throw NotAParticipant("Only the reviewee or their reviewer revises an objective.") }
        guard objective.state != .withdrawn else {
            throw ValidationFailure(field: "state", rule: "withdrawn", message: "a withdrawn objective cannot be revised")
        }
        guard objective.assessment == nil else {
            throw ValidationFailure(field: "state", rule: "assessed", message: "an assessed objective cannot be revised")
        }
        if objective.state.isSet {
            guard rules.revisableInYear else {
                throw ValidationFailure(field: "state", rule: "revisable",
                                        message: "this policy does not allow objectives to be revised in year",
                                        policy: "objectives.revisable_in_year")
            }
            guard let reason = revision.reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationFailure(field: "revision_reason", rule: "required", message: "is required to revise a set objective (000 §5.5)")
            }
        }
        var next = objective
        next.content = revision.content
        next.state = .proposed
        next.agreedByReviewee = who.isReviewee
        next.agreedByReviewer = who.isReviewer
        next.determinedBy = nil
        return next
    }

    /// The end-of-year assessment, by the reviewer (or whoever may determine objectives).
    public static func assess(_ objective: Objective, _ input: AssessmentInput, rules: ObjectiveRules, by who: Participation) throws {
        guard who.isReviewer || who.mayDetermine(rules.disagreementDecidedBy) else {
            throw NotAParticipant("Only the reviewer assesses an objective.")
        }
        guard objective.state.isSet else {
            throw ValidationFailure(field: "state", rule: "not_set", message: "only an agreed or determined objective can be assessed")
        }
        // 001 "Setting Objectives": where an objective is not met, the reasons must be established.
        if rules.reasonsRequiredWhenNotMet, input.outcome == .notMet,
           (input.reasons ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationFailure(field: "reasons", rule: "required",
                                    message: "is required when an objective is not met under this policy",
                                    policy: "objectives.reasons_required_when_not_met")
        }
    }

    static func describe(_ decider: ObjectiveRules.Decider) -> String {
        switch decider {
        case .reviewer: return "the reviewer"
        case .headteacherOrOperationsDirector: return "the headteacher or the operations director"
        case .governingBody: return "the governing body (the governors appraising the head)"
        }
    }
}
