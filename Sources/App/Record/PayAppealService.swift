import Domain
import Foundation
import Postgres
import Store

/// The appeal against a pay decision (issue 15 §4): lodged by the employee within the policy's
/// window, a hearing date, and an outcome heard by the pay committee's members who did not take
/// the decision; an upheld appeal changes the decision (and the point, from the same date).
public struct PayAppealService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func lodge(_ input: PayAppealInput, recommendation id: UUID, in trust: UUID,
                      caller: RecordCaller) async throws -> PayAppeal {
        try input.validate()
        let now = environment.clock.now()
        let appealID = environment.newID()
        return try await environment.onRecord(.item(.payRecommendation, id), [.pay], action: "appeal_pay",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            guard context.participation.isReviewee else {
                throw NotAParticipant("Only the employee appeals their pay decision.")
            }
            guard let found = try PayRecommendationStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "pay recommendation")
            }
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            let deadline = try found.decidedOn.flatMap {
                try PayDecisionRules.appealDeadline(decidedOn: $0, rules: context.policy.pay, calendar: calendar,
                                                    pattern: context.facts.workingPattern)
            }
            try PayDecisionRules.checkAppeal(input, on: found, deadline: deadline, today: London.date(of: now))
            let appeal = PayAppeal(id: appealID, trustId: trust, recommendationId: id, appraisalId: found.appraisalId,
                                   lodgedBy: caller.person, input: input, at: now)
            try PayAppealStore.insert(appeal, on: db)
            try environment.audit(.init(trustId: trust, action: "appeal_pay", resourceType: "pay_appeal",
                                        resourceId: appealID, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return appeal
        }
    }

    /// The hearing's date, set by the pay committee.
    public func hearing(_ id: UUID, _ input: PayAppealHearingInput, in trust: UUID,
                        caller: RecordCaller) async throws -> PayAppeal {
        try await change(id, action: "schedule_pay_appeal", in: trust, caller: caller,
                         fields: ["hearing_on"]) { appeal, _, context, _ in
            guard context.participation.isPayCommitteeMember else {
                throw NotAParticipant("Only the pay committee arranges the hearing.")
            }
            guard appeal.outcome == nil else {
                throw PayStepOutOfOrder(state: .decided, needs: "an appeal not yet heard")
            }
            var check = Validator()
            check.check(input.hearingOn >= appeal.lodgedOn, "hearing_on", "not_before_appeal",
                        "must not be before the appeal was lodged (\(appeal.lodgedOn))")
            try check.result()
            appeal.hearingOn = input.hearingOn
        }
    }

    /// The outcome; upheld (wholly or in part), the decision and the point change.
    public func outcome(_ id: UUID, _ input: PayAppealOutcomeInput, in trust: UUID,
                        caller: RecordCaller) async throws -> PayAppeal {
        try input.validate()
        let now = environment.clock.now()
        return try await change(id, action: "decide_pay_appeal", in: trust, caller: caller,
                                fields: FieldNames.set(input)) { [environment] appeal, found, context, db in
            guard context.participation.isPayCommitteeMember else {
                throw NotAParticipant("Only the pay committee hears an appeal.")
            }
            try PayDecisionRules.checkOutcome(input, appeal: appeal, recommendation: found, hearer: caller.person,
                                              today: London.date(of: now))
            appeal.outcome = input.outcome
            appeal.outcomeOn = input.outcomeOn
            appeal.heardBy = caller.person
            appeal.changedOutcome = input.changedOutcome
            appeal.changedPoint = input.changedPoint
            if let point = input.changedPoint, let range = found.currentRange, let from = found.effectiveFrom {
                try PayPointStore.insert(PayPoint(
                    id: environment.newID(), trustId: trust, employmentId: found.employmentId, payRange: range,
                    point: point, effectiveFrom: from, source: .appeal, recommendationId: found.id,
                    recordedBy: caller.person, recordedAt: now), today: London.date(of: now), on: db)
            }
        }
    }

    private func change(_ id: UUID, action: String, in trust: UUID, caller: RecordCaller, fields: [String],
                        _ body: @escaping @Sendable (inout PayAppeal, PayRecommendation, RecordContext, Connection)
                            throws -> Void) async throws -> PayAppeal {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.payAppeal, id), [.managePay], action: action,
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            guard var appeal = try PayAppealStore.find(id, forUpdate: true, on: db),
                  let found = try PayRecommendationStore.find(appeal.recommendationId, on: db) else {
                throw RecordNotFound(resource: "pay appeal")
            }
            try body(&appeal, found, context, db)
            appeal.updatedAt = now
            try PayAppealStore.update(appeal, on: db)
            appeal.version += 1
            try environment.audit(.init(trustId: trust, action: action, resourceType: "pay_appeal", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: fields),
                                  caller.audit, at: now, on: db)
            return appeal
        }
    }
}
