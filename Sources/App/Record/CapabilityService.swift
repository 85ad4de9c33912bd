import Domain
import Foundation
import Postgres
import Store

/// The move to formal capability (issue 14 §4): who may start and end it is the same access
/// decision as support (`.manageSupport`); starting suspends the appraisal, ending resumes it
/// with its deadlines moved by the days it stood suspended. Audited with field names only.
public struct CapabilityService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func cases(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [CapabilityCase] {
        try await environment.readRecord(.appraisal(appraisal), as: "capability_cases", need: .support, in: trust,
                                         caller: caller) {
            try $0.query(CapabilityStore.listQuery(appraisal: appraisal)).map(CapabilityStore.decode)
        }
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> CapabilityCase {
        try await environment.readRecord(.item(.capabilityCase, id), as: "capability_case", need: .support, in: trust,
                                         caller: caller) {
            try CapabilityStore.find(id, on: $0)
        }
    }

    /// Starts the formal stages after a by-pass or a plan ended not improved, with the notice
    /// the policy requires (004 §11.2: 10 working days) and the right to be accompanied.
    public func start(_ input: CapabilityInput, appraisal: UUID, in trust: UUID,
                      caller: RecordCaller) async throws -> CapabilityCase {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.manageSupport], action: "start_capability",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            guard let concern = try ConcernStore.find(input.concernId, on: db), concern.appraisalId == appraisal else {
                throw ValidationFailure(field: "concern_id", rule: "exists",
                                        message: "must be a concern of this appraisal")
            }
            guard try !CapabilityStore.isLive(appraisal: appraisal, on: db) else { throw CapabilityCaseLive() }
            let plan = try CapabilityStore.plan(of: concern.id, on: db)
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            try CapabilityRules.start(input, concern: concern, plan: plan, rules: context.policy.support,
                                      calendar: calendar, pattern: context.facts.workingPattern,
                                      today: London.date(of: now))
            let started = CapabilityCase(id: id, trustId: trust, appraisalId: appraisal, concernId: concern.id,
                                         supportPlanId: plan?.id, input: input, startedBy: caller.person, at: now)
            try CapabilityStore.start(started, employment: context.facts.employmentId, on: db)
            try environment.audit(.init(trustId: trust, action: "start_capability", resourceType: "capability_case",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return started
        }
    }

    /// Ends the case: the appraisal resumes, each deadline moved by the days suspended.
    public func end(_ id: UUID, _ input: CapabilityEndInput, in trust: UUID,
                    caller: RecordCaller) async throws -> CapabilityCase {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.capabilityCase, id), [.manageSupport], action: "end_capability",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            guard var found = try CapabilityStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "capability case")
            }
            guard found.endedOn == nil else { throw CapabilityCaseEnded() }
            var check = Validator()
            check.check(input.endedOn >= found.notifiedInWritingOn && input.endedOn <= London.date(of: now),
                        "ended_on", "within_case", "must be between the written notice and today")
            try check.result()
            let days = input.endedOn - found.notifiedInWritingOn
            found.endedOn = input.endedOn
            found.suspendedDays = days
            let moved = CapabilityRules.resumed(try CapabilityStore.deadlines(appraisal: found.appraisalId, on: db),
                                                after: days)
            try CapabilityStore.end(found, deadlines: moved, employment: context.facts.employmentId, at: now, on: db)
            found.version += 1
            found.updatedAt = now
            try environment.audit(.init(trustId: trust, action: "end_capability", resourceType: "capability_case",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: ["ended_on"]), caller.audit, at: now, on: db)
            return found
        }
    }
}
