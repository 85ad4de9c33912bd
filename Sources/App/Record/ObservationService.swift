import Domain
import Foundation
import Postgres
import Store

/// Observations and the feedback they are owed (issue 5 §4).
public struct ObservationService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(appraisal: UUID, page: PageRequest, in trust: UUID, caller: RecordCaller) async throws -> Page<Observation> {
        let rows = try await environment.readRecord(.appraisal(appraisal), as: "observations", in: trust,
                                                    caller: caller) {
            try $0.query(ObservationStore.listQuery(appraisal: appraisal, page: page)).map(ObservationStore.decode)
        }
        return makePage(rows, limit: page.limit, id: \.id)
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Observation {
        try await environment.readRecord(.item(.observation, id), as: "observation", in: trust, caller: caller) {
            try ObservationStore.find(id, on: $0)
        }
    }

    /// Schedules or records an observation. The reviewer plans observations (000 §6, 003 §5.1,
    /// 004 §7); the policy's rules are checked against what the appraisal already holds.
    public func create(_ input: ObservationInput, appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> Observation {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.observe], action: "create", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            // 002 §2.2.4, 003 §5.1.1: senior leaders who are neither the reviewer nor the head
            // record drop-ins only.
            let part = context.participation
            guard part.isReviewer || part.isHeadOfUnit || input.kind == .dropIn else {
                throw NotAParticipant("Only the reviewer or the head of the unit records observations; "
                                      + "senior leaders record drop-ins.")
            }
            try context.requireOpenCycle()
            let observer = try db.query(RecordStore.qualifiedTeacherQuery(input.observerId)).first
            let facts = ObservationRulesCheck.Facts(
                revieweeIsTeacher: [.teacher, .leadership, .headteacher].contains(context.facts.staffGroup),
                observerHasQts: try observer?.decode(Bool.self, "qts") ?? false,
                observerExists: try observer?.decode(Bool.self, "person_exists") ?? false,
                existing: try ObservationStore.all(appraisal: appraisal, on: db))
            let counts = try ObservationRulesCheck.check(input, rules: context.policy.observations, facts: facts)
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            let feedback = counts
                ? try ObservationRulesCheck.feedbackDue(for: input.kind, observedAt: input.observedAt, rules: context.policy.observations,
                                                         calendar: calendar, pattern: context.facts.workingPattern)
                : []
            let observation = Observation(id: id, trustId: trust, appraisalId: appraisal, kind: input.kind, observerId: input.observerId,
                                          observedAt: input.observedAt, durationMinutes: input.durationMinutes, focus: input.focus,
                                          notes: input.notes, noticeGivenOn: input.noticeGivenOn, concernsRaised: input.concernsRaised ?? false,
                                          forPerformanceManagement: counts, feedback: feedback, version: 1, createdAt: now, updatedAt: now)
            try ObservationStore.insert(observation, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "observation", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: FieldNames.set(input)),
                                  caller.audit, at: now, on: db)
            return observation
        }
    }

    /// Records feedback given, by the observer or the reviewer; late feedback is recorded and
    /// stays visibly late (003 §5.1.1: "at the earliest opportunity thereafter").
    public func recordFeedback(_ input: FeedbackInput, on id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Observation {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.observation, id), [.write], action: "record_feedback", in: trust,
                                              caller: caller) { [environment] context, db in
            guard var observation = try ObservationStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "observation")
            }
            guard context.participation.isReviewer || caller.person == observation.observerId else {
                throw NotAParticipant("Only the observer or the reviewer records feedback.")
            }
            guard let index = observation.feedback.firstIndex(where: { $0.kind == input.kind }) else {
                throw ValidationFailure(field: "kind", rule: "not_owed",
                                        message: "this observation owes no \(input.kind.rawValue) feedback under its policy")
            }
            guard observation.feedback[index].givenAt == nil else {
                throw ValidationFailure(field: "kind", rule: "already_given", message: "this feedback is already recorded")
            }
            guard input.givenAt >= observation.observedAt, input.givenAt <= now.addingTimeInterval(300) else {
                throw ValidationFailure(field: "given_at", rule: "range", message: "must be between the observation and now")
            }
            observation.feedback[index].givenAt = input.givenAt
            observation.feedback[index].givenBy = caller.person
            observation.version += 1
            observation.updatedAt = now
            try ObservationStore.updateFeedback(observation, on: db)
            try environment.audit(.init(trustId: trust, action: "record_feedback", resourceType: "observation", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: ["feedback"]), caller.audit, at: now, on: db)
            return observation
        }
    }
}
