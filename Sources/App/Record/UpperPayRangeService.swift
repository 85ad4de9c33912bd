import Domain
import Foundation
import Postgres
import Store

/// Applications to the upper pay range (004 §6.7, §8.4): the teacher applies with evidence,
/// the pay committee decides, an approval is the employment's new point from its effective
/// date. Read as pay is (`.pay`); audited with field names only.
public struct UpperPayRangeService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> UpperPayRangeApplication {
        try await environment.readRecord(.item(.upperPayRangeApplication, id), as: "upper_pay_range_application",
                                         need: .pay, in: trust, caller: caller) {
            try UpperPayRangeStore.find(id, on: $0)
        }
    }

    public func apply(_ input: UpperPayRangeApplicationInput, appraisal: UUID, in trust: UUID,
                      caller: RecordCaller) async throws -> UpperPayRangeApplication {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.pay], action: "apply_upper_pay_range",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            guard context.participation.isReviewee else {
                throw NotAParticipant("Only the teacher applies to the upper pay range.")
            }
            guard try !UpperPayRangeStore.exists(appraisal: appraisal, on: db) else { throw UpperPayRangeApplied() }
            let today = London.date(of: now), employment = context.facts.employmentId
            let current = PayHistory(employmentId: employment,
                                     history: try PayPointStore.history(employment: employment, on: db),
                                     today: today).current
            try UpperPayRangeRules.checkApplication(input, current: current, today: today)
            let made = UpperPayRangeApplication(id: id, trustId: trust, appraisalId: appraisal,
                                                employmentId: employment, appliedBy: caller.person, input: input,
                                                at: now)
            try UpperPayRangeStore.insert(made, on: db)
            try environment.audit(.init(trustId: trust, action: "apply_upper_pay_range",
                                        resourceType: "upper_pay_range_application", resourceId: id,
                                        subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return made
        }
    }

    public func decide(_ id: UUID, _ input: UpperPayRangeDecisionInput, in trust: UUID,
                       caller: RecordCaller) async throws -> UpperPayRangeApplication {
        try input.validate()
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.upperPayRangeApplication, id), [.managePay],
                                              action: "decide_upper_pay_range", in: trust, caller: caller,
                                              lock: true) { [environment] context, db in
            guard context.participation.isPayCommitteeMember else {
                throw NotAParticipant("Only the pay committee decides an application to the upper pay range.")
            }
            guard var found = try UpperPayRangeStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "upper pay range application")
            }
            try UpperPayRangeRules.checkDecision(input, on: found, today: London.date(of: now))
            found.outcome = input.outcome; found.reasons = input.reasons; found.point = input.point
            found.decidedBy = caller.person; found.decidedOn = input.decidedOn
            found.effectiveFrom = input.outcome == .approved ? input.effectiveFrom ?? input.decidedOn : nil
            found.updatedAt = now
            try UpperPayRangeStore.decide(found, on: db)
            found.version += 1
            if let point = input.point, let from = found.effectiveFrom {
                try PayPointStore.insert(PayPoint(
                    id: environment.newID(), trustId: trust, employmentId: found.employmentId, payRange: .upper,
                    point: point, effectiveFrom: from, source: .decision, recommendationId: nil,
                    recordedBy: caller.person, recordedAt: now), today: London.date(of: now), on: db)
            }
            try environment.audit(.init(trustId: trust, action: "decide_upper_pay_range",
                                        resourceType: "upper_pay_range_application", resourceId: id,
                                        subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return found
        }
    }
}
