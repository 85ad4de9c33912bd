import Domain
import Foundation
import Postgres
import Store

/// Pay (issue 15): the recommendation, its approval and referral, the pay committee's decision,
/// the appeal, and 004's automatic progression. Who may read or act is the one access decision
/// (`.pay`, `.managePay`); which step each may take is `PayDecisionRules`, from the policy in
/// force. Every read, write and refusal is audited with field names only.
public struct PayService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// The appraisal's recommendation; to the employee only once it is shared (003 §5.3.6).
    public func recommendation(appraisal: UUID, in trust: UUID,
                               caller: RecordCaller) async throws -> PayRecommendation {
        try await read(.appraisal(appraisal), in: trust, caller: caller) {
            try PayRecommendationStore.find(appraisal: appraisal, on: $0)
        }
    }

    public func recommendation(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> PayRecommendation {
        try await read(.item(.payRecommendation, id), in: trust, caller: caller) {
            try PayRecommendationStore.find(id, on: $0)
        }
    }

    public func appeal(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> PayRecommendation {
        try await read(.item(.payAppeal, id), in: trust, caller: caller) { db in
            try PayAppealStore.find(id, on: db).flatMap { try PayRecommendationStore.find($0.recommendationId, on: db) }
        }
    }

    private func read(_ target: RecordTarget, in trust: UUID, caller: RecordCaller,
                      _ load: @escaping @Sendable (Connection) throws -> PayRecommendation?) async throws
        -> PayRecommendation {
        let now = environment.clock.now()
        return try await environment.onRecord(target, [.pay], action: "read", in: trust,
                                              caller: caller) { [environment] context, db in
            guard let found = try load(db) else { throw RecordNotFound(resource: "pay recommendation") }
            try Self.requireShared(found, context)
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "pay_recommendation",
                                        resourceId: found.id, subjectPersonId: context.facts.personId),
                                  caller.audit, at: now, on: db)
            return found
        }
    }

    /// 003 §5.3.6: until the head approves it, the recommendation does not exist for the employee.
    static func requireShared(_ found: PayRecommendation, _ context: RecordContext) throws {
        let onlyTheEmployee = !RecordAccessRules.decidesPay(context.relationship, context.subject)
            && !context.participation.isHR
        guard onlyTheEmployee && found.state == .awaitingApproval else { return }
        throw RecordRefusal(decision: .hidden(reason: "not shared before the head approves it"),
                            resource: "pay recommendation", personId: context.facts.personId)
    }

    /// Makes the recommendation, with the evidence (the statement) and the current point.
    public func recommend(_ input: PayRecommendationInput, appraisal: UUID, in trust: UUID,
                          caller: RecordCaller) async throws -> PayRecommendation {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.managePay], action: "recommend_pay",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            let rules = context.policy.pay
            let recommendedAs = try PayDecisionRules.recommendedAs(context.participation,
                                                                   category: context.facts.category, rules: rules)
            let employment = context.facts.employmentId
            let supported = try PayRecommendationStore.hadWrittenConcernAndSupport(
                employment: employment, before: input.recommendedOn, on: db)
            let today = London.date(of: now)
            try PayDecisionRules.check(input, rules: rules, hadWrittenConcernAndSupport: supported, today: today)
            guard try PayRecommendationStore.find(appraisal: appraisal, on: db) == nil else {
                throw PayRecommendationExists()
            }
            let current = PayHistory(employmentId: employment, history: try PayPointStore.history(
                employment: employment, on: db), today: today).current
            let period = try PayRecommendationStore.cyclePeriod(appraisal: appraisal, on: db)
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            var made = PayRecommendation(
                id: id, trustId: trust, appraisalId: appraisal, employmentId: employment, input: input,
                current: current, recommendedBy: caller.person, recommendedAs: recommendedAs,
                approvalNeeded: PayDecisionRules.needsApproval(rules, as: recommendedAs,
                                                               category: context.facts.category),
                decisionDueOn: rules.decisionBy?.date(for: period, calendar: calendar), at: now)
            made.statementId = try PayRecommendationStore.statement(appraisal: appraisal, on: db)
            try PayRecommendationStore.insert(made, on: db)
            try environment.audit(.init(trustId: trust, action: "recommend_pay", resourceType: "pay_recommendation",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return made
        }
    }

    /// Revises the recommendation before the decision — when moderation returned it (003
    /// §5.4.1), say — by whoever may recommend; a reviewer's goes back to the head (003 §5.3.6).
    public func revise(_ id: UUID, _ input: PayRecommendationInput, in trust: UUID,
                       caller: RecordCaller) async throws -> PayRecommendation {
        try input.validate()
        let now = environment.clock.now()
        return try await change(id, action: "revise_pay", in: trust, caller: caller,
                                fields: FieldNames.set(input)) { found, context, db in
            guard found.state != .decided else { throw PayStepOutOfOrder(state: found.state, needs: "no decision") }
            let rules = context.policy.pay, category = context.facts.category
            let standing = try PayDecisionRules.recommendedAs(context.participation, category: category, rules: rules)
            let supported = try PayRecommendationStore.hadWrittenConcernAndSupport(
                employment: found.employmentId, before: input.recommendedOn, on: db)
            try PayDecisionRules.check(input, rules: rules, hadWrittenConcernAndSupport: supported,
                                       today: London.date(of: now))
            found.revise(input, by: caller.person, as: standing,
                         approvalNeeded: PayDecisionRules.needsApproval(rules, as: standing, category: category),
                         at: now)
        }
    }

    /// 003 §5.3.6: the head approves; the recommendation is shared and referred.
    public func approve(_ id: UUID, _ input: PayApprovalInput, in trust: UUID,
                        caller: RecordCaller) async throws -> PayRecommendation {
        let now = environment.clock.now()
        return try await change(id, action: "approve_pay", in: trust, caller: caller,
                                fields: ["approved_on"]) { found, context, _ in
            guard PayDecisionRules.mayApprove(context.participation, category: context.facts.category) else {
                throw NotAParticipant("Only the head (the operations director for central staff) approves.")
            }
            guard found.state == .awaitingApproval else {
                throw PayStepOutOfOrder(state: found.state, needs: "awaiting_approval")
            }
            var check = Validator()
            check.check(input.approvedOn >= found.recommendedOn && input.approvedOn <= London.date(of: now),
                        "approved_on", "within_recommendation", "must be between the recommendation and today")
            try check.result()
            found.approvedBy = caller.person
            found.approvedOn = input.approvedOn
            found.referredOn = input.approvedOn
            found.state = .referred
        }
    }

    /// The pay committee decides; a new point takes effect on the policy's date (003 §2.3).
    public func decide(_ id: UUID, _ input: PayDecisionInput, in trust: UUID,
                       caller: RecordCaller) async throws -> PayRecommendation {
        try input.validate()
        let now = environment.clock.now()
        return try await change(id, action: "decide_pay", in: trust, caller: caller,
                                fields: FieldNames.set(input)) { [environment] found, context, db in
            guard context.participation.isPayCommitteeMember else {
                throw NotAParticipant("Only the pay committee decides pay.")
            }
            let rules = context.policy.pay
            try PayDecisionRules.checkDecision(input, on: found, rules: rules, today: London.date(of: now))
            let period = try PayRecommendationStore.cyclePeriod(appraisal: found.appraisalId, on: db)
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            found.decidedOutcome = input.outcome
            found.decidedPoint = input.point
            found.decidedBy = caller.person
            found.decidedOn = input.decidedOn
            found.effectiveFrom = input.effectiveFrom ?? rules.effectiveFrom?.date(for: period, calendar: calendar)
                ?? input.decidedOn
            found.state = .decided
            if let point = input.point, let range = input.payRange ?? found.currentRange {
                try PayPointStore.insert(PayPoint(
                    id: environment.newID(), trustId: trust, employmentId: found.employmentId, payRange: range,
                    point: point, effectiveFrom: found.effectiveFrom!, source: .decision, recommendationId: id,
                    recordedBy: caller.person, recordedAt: now), today: London.date(of: now), on: db)
            }
        }
    }

    private func change(_ id: UUID, action: String, in trust: UUID, caller: RecordCaller, fields: [String],
                        _ body: @escaping @Sendable (inout PayRecommendation, RecordContext, Connection) throws -> Void)
        async throws -> PayRecommendation {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.payRecommendation, id), [.managePay], action: action,
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            guard var found = try PayRecommendationStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "pay recommendation")
            }
            try body(&found, context, db)
            found.updatedAt = now
            try PayRecommendationStore.update(found, on: db)
            found.version += 1
            try environment.audit(.init(trustId: trust, action: action, resourceType: "pay_recommendation",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: fields), caller.audit, at: now, on: db)
            return found
        }
    }

    /// 004 §6.7, §8.3, §8.5: the outcome computed, with the reason and the clause.
    public func progression(appraisal: UUID, in trust: UUID,
                            caller: RecordCaller) async throws -> (AutomaticProgression, PolicyRef?) {
        let now = environment.clock.now()
        return try await environment.onRecord(.appraisal(appraisal), [.pay], action: "read",
                                              in: trust, caller: caller) { [environment] context, db in
            let live = try PayRecommendationStore.liveProcesses(employment: context.facts.employmentId, on: db)
            let result = AutomaticProgression.decide(rules: context.policy.pay, staffGroup: context.facts.staffGroup,
                                                     capabilityLive: live.capability, supportPlanLive: live.plan)
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "pay_progression",
                                        resourceId: appraisal, subjectPersonId: context.facts.personId),
                                  caller.audit, at: now, on: db)
            return (result, context.citation.ref(result.policy))
        }
    }
}
