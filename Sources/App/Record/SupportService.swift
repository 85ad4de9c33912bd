import Domain
import Foundation
import Postgres
import Store

/// When performance falls short (issue 14): concerns and informal support plans. Who may read
/// or act is the one access decision (`.support`, `.manageSupport`); what they may do is the
/// policy in force (`ConcernRules`, `SupportPlanRules`). Every read, write and refusal is
/// audited with field names only: a concern's text never leaves its tables.
public struct SupportService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    // MARK: - Concerns

    public func concerns(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [Concern] {
        try await environment.readRecord(.appraisal(appraisal), as: "concerns", need: .support, in: trust,
                                         caller: caller) {
            try $0.query(ConcernStore.listQuery(appraisal: appraisal)).map(ConcernStore.decode)
        }
    }

    public func concern(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Concern {
        try await environment.readRecord(.item(.concern, id), as: "concern", need: .support, in: trust,
                                         caller: caller) {
            try ConcernStore.find(id, on: $0)
        }
    }

    /// Raises a concern (000 §8.1, 003 §6.3–6.9): in the caller's standing, telling whom the
    /// policy says, flagged as a relapse inside an earlier plan's sustain window (003 §6.10.4).
    public func raise(_ input: ConcernInput, appraisal: UUID, in trust: UUID,
                      caller: RecordCaller) async throws -> Concern {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.manageSupport], action: "raise_concern",
                                              in: trust, caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            let (raisedAs, notify) = try ConcernRules.raisedAs(context.participation,
                                                               lineManages: context.participation.isLineManager,
                                                               category: context.facts.category)
            try ConcernRules.check(input, rules: context.policy.support, today: London.date(of: now))
            let relapse = try ConcernStore.sustainedPlan(employment: context.facts.employmentId, on: input.raisedOn,
                                                         db: db)
            let concern = Concern(id: id, trustId: trust, appraisalId: appraisal, input: input,
                                  raisedBy: caller.person, raisedAs: raisedAs, notified: notify, relapseOf: relapse,
                                  at: now)
            try ConcernStore.insert(concern, on: db)
            try environment.audit(.init(trustId: trust, action: "raise_concern", resourceType: "concern",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return concern
        }
    }

    /// The concern confirmed in writing to the employee, and when they received it (000 §8.1).
    public func confirm(_ id: UUID, _ input: ConcernConfirmationInput, in trust: UUID,
                        caller: RecordCaller) async throws -> Concern {
        try input.validate()
        let now = environment.clock.now()
        return try await changeConcern(id, action: "confirm_concern", needs: [.manageSupport], in: trust,
                                       caller: caller, fields: FieldNames.set(input)) { concern, _ in
            let today = London.date(of: now)
            var check = Validator()
            check.check(input.confirmedInWritingOn >= concern.raisedOn, "confirmed_in_writing_on", "not_before_raised",
                        "must not be before the concern was raised (\(concern.raisedOn))")
            check.check(input.confirmedInWritingOn <= today && (input.receivedOn ?? today) <= today,
                        "confirmed_in_writing_on", "not_in_future", "must not be in the future")
            try check.result()
            concern.confirmedInWritingOn = input.confirmedInWritingOn
            concern.receivedOn = input.receivedOn
            concern.updatedAt = now
        }
    }

    /// The employee's comment on the concern (000 §8.1: "the opportunity to comment").
    public func comment(_ id: UUID, _ input: StatementCommentInput, in trust: UUID,
                        caller: RecordCaller) async throws -> Concern {
        try input.validate()
        let now = environment.clock.now()
        return try await changeConcern(id, action: "comment_concern", needs: [.support], in: trust, caller: caller,
                                       fields: ["employee_comment"]) { concern, participation in
            guard participation.isReviewee else { throw NotAParticipant("Only the employee comments on a concern.") }
            concern.employeeComment = input.comment
            concern.employeeCommentedAt = now
            concern.updatedAt = now
        }
    }

    private func changeConcern(_ id: UUID, action: String, needs: [RecordPermission], in trust: UUID,
                               caller: RecordCaller, fields: [String],
                               _ change: @escaping @Sendable (inout Concern, Participation) throws -> Void)
        async throws -> Concern {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.concern, id), needs, action: action, in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            guard var concern = try ConcernStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "concern")
            }
            try change(&concern, context.participation)
            guard let saved = try ConcernStore.update(concern, on: db) else {
                throw RecordNotFound(resource: "concern")
            }
            try environment.audit(.init(trustId: trust, action: action, resourceType: "concern", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: fields),
                                  caller.audit, at: now, on: db)
            return saved
        }
    }

    // MARK: - Support plans

    public func plans(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [SupportPlan] {
        try await environment.readRecord(.appraisal(appraisal), as: "support_plans", need: .support, in: trust,
                                         caller: caller) {
            try SupportPlanStore.list(appraisal: appraisal, on: $0)
        }
    }

    public func plan(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> SupportPlan {
        try await environment.readRecord(.item(.supportPlan, id), as: "support_plan", need: .support, in: trust,
                                         caller: caller) {
            try SupportPlanStore.find(id, on: $0)
        }
    }

    /// Sets the plan of a concern answered with informal support (003 §6.10): its period within
    /// the policy's bounds on the unit's calendar, weekly meetings where the policy holds them.
    public func createPlan(_ input: SupportPlanInput, concern concernID: UUID, in trust: UUID,
                           caller: RecordCaller) async throws -> SupportPlan {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID(), changeID = environment.newID()
        return try await environment.onRecord(.item(.concern, concernID), [.manageSupport],
                                              action: "create_support_plan", in: trust, caller: caller,
                                              lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            guard let concern = try ConcernStore.find(concernID, on: db) else {
                throw RecordNotFound(resource: "concern")
            }
            guard concern.response == .informalSupport else {
                throw ValidationFailure(field: "concern_id", rule: "response",
                                        message: "the concern's response is \(concern.response.rawValue): only "
                                            + "informal support has a support plan")
            }
            guard try !SupportPlanStore.exists(concern: concernID, on: db) else { throw SupportPlanExists() }
            guard try RecordStore.peopleExist([input.monitoredBy], on: db).contains(input.monitoredBy) else {
                throw ValidationFailure(field: "monitored_by", rule: "exists", message: "must be a person of the trust")
            }
            let rules = context.policy.support
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            let pattern = context.facts.workingPattern
            let end = try SupportPlanRules.end(of: input, rules: rules, calendar: calendar, pattern: pattern)
            let meetings = try Self.meetings(input, end: end, rules: rules, calendar: calendar, pattern: pattern)
            var plan = SupportPlan(id: id, trustId: trust, appraisalId: concern.appraisalId, concernId: concernID,
                                   input: input, endsOn: end, reviewMeetings: meetings, at: now)
            try SupportPlanStore.insert(plan, on: db)
            let change = SupportPlan.Change(kind: .created, onDate: input.startsOn, reason: nil, endsOn: end,
                                            changedBy: caller.person, changedAt: now)
            try SupportPlanStore.record(change, plan: plan, id: changeID, on: db)
            plan.changes = [change]
            try environment.audit(.init(trustId: trust, action: "create_support_plan", resourceType: "support_plan",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return plan
        }
    }

    /// The review meetings: as given, within the period; or, under a policy of weekly meetings
    /// (004 §11.2), one each week when none are given.
    static func meetings(_ input: SupportPlanInput, end: CalendarDate, rules: SupportRules,
                         calendar: WorkingCalendar, pattern: Employment.WorkingPattern) throws -> [CalendarDate] {
        guard let given = input.reviewMeetings else {
            guard rules.reviewMeetings == .weekly else { return [] }
            return SupportPlanRules.weeklyMeetings(from: input.startsOn, to: end, calendar: calendar, pattern: pattern)
        }
        var check = Validator()
        for (index, date) in given.enumerated() {
            check.check(input.startsOn <= date && date <= end, "review_meetings[\(index)]", "within_period",
                        "must fall within the monitoring period (\(input.startsOn) to \(end))")
        }
        try check.result()
        return given.sorted()
    }

    /// Extends the monitoring period (000 §8.1), within the policy's bound and for its reasons.
    public func extend(_ id: UUID, _ input: SupportExtensionInput, in trust: UUID,
                       caller: RecordCaller) async throws -> SupportPlan {
        try input.validate()
        let now = environment.clock.now()
        return try await changePlan(id, action: "extend_support_plan", in: trust, caller: caller,
                                    fields: ["ends_on", "extension_reason"]) { plan, context, calendar in
            let rules = context.policy.support
            try SupportPlanRules.extend(plan, input, rules: rules, calendar: calendar,
                                        pattern: context.facts.workingPattern)
            if rules.reviewMeetings == .weekly {
                let more = SupportPlanRules.weeklyMeetings(from: plan.endsOn, to: input.endsOn, calendar: calendar,
                                                           pattern: context.facts.workingPattern)
                plan.reviewMeetings += more.filter { $0 > plan.endsOn }
            }
            plan.endsOn = input.endsOn
            plan.extensionReason = input.reason
            return SupportPlan.Change(kind: .extended, onDate: London.date(of: now), reason: input.reason,
                                      endsOn: input.endsOn, changedBy: caller.person, changedAt: now)
        }
    }

    /// Records in writing that the employee was told what follows if they do not improve
    /// (003 §6.10.3).
    public func consequencesExplained(_ id: UUID, _ input: SupportConsequencesInput, in trust: UUID,
                                      caller: RecordCaller) async throws -> SupportPlan {
        let now = environment.clock.now()
        return try await changePlan(id, action: "record_support_consequences", in: trust, caller: caller,
                                    fields: ["consequences_explained_on"]) { plan, _, _ in
            try SupportPlanRules.requireRunning(plan)
            var check = Validator()
            check.check(input.explainedOn >= plan.startsOn && input.explainedOn <= London.date(of: now),
                        "explained_on", "within_plan", "must be between the plan's start and today")
            try check.result()
            plan.consequencesExplainedOn = input.explainedOn
            return nil
        }
    }

    /// The outcome (003 §6.10.4, §6.12; 000 §8.2; 004 §11.2): improved starts the policy's
    /// sustain window; not improved leads to the formal stages.
    public func outcome(_ id: UUID, _ input: SupportOutcomeInput, in trust: UUID,
                        caller: RecordCaller) async throws -> SupportPlan {
        let now = environment.clock.now()
        return try await changePlan(id, action: "record_support_outcome", in: trust, caller: caller,
                                    fields: ["state", "outcome_on", "sustain_until"]) { plan, context, _ in
            plan.sustainUntil = try SupportPlanRules.outcome(plan, input, rules: context.policy.support,
                                                            today: London.date(of: now))
            plan.state = input.outcome == .improved ? .improved : .notImproved
            plan.outcomeOn = input.on
            plan.pausedSince = nil
            return SupportPlan.Change(kind: input.outcome == .improved ? .improved : .notImproved, onDate: input.on,
                                      reason: nil, endsOn: plan.endsOn, changedBy: caller.person, changedAt: now)
        }
    }

    /// Pauses the monitoring period (001 "Sickness", "Grievance"; 003 §1.10); kept as a change
    /// with the occupational health referral.
    public func pause(_ id: UUID, _ input: SupportPauseInput, in trust: UUID,
                      caller: RecordCaller) async throws -> SupportPlan {
        try input.validate()
        let now = environment.clock.now()
        return try await changePlan(id, action: "pause_support_plan", in: trust, caller: caller,
                                    fields: FieldNames.set(input)) { plan, context, _ in
            try SupportPlanRules.pause(plan, input, rules: context.policy.support, by: context.participation,
                                       category: context.facts.category, today: London.date(of: now))
            plan.state = .paused
            plan.pausedSince = input.from
            var change = SupportPlan.Change(kind: .paused, onDate: input.from, reason: input.reason.rawValue,
                                            endsOn: plan.endsOn, changedBy: caller.person, changedAt: now)
            change.occupationalHealthReferralOn = input.occupationalHealthReferralOn
            return change
        }
    }

    /// Monitoring starts again; the end moves by the working days the pause took.
    public func resume(_ id: UUID, _ input: SupportResumeInput, in trust: UUID,
                       caller: RecordCaller) async throws -> SupportPlan {
        let now = environment.clock.now()
        return try await changePlan(id, action: "resume_support_plan", in: trust, caller: caller,
                                    fields: ["state", "ends_on"]) { plan, context, calendar in
            let pattern = context.facts.workingPattern
            let end = try SupportPlanRules.resume(plan, input, calendar: calendar, pattern: pattern,
                                                  today: London.date(of: now))
            let paused = plan.pausedSince ?? input.on
            // Meetings planned inside the pause did not happen; weekly ones continue to the new end.
            plan.reviewMeetings.removeAll { $0 >= paused && $0 < input.on }
            if context.policy.support.reviewMeetings == .weekly {
                let more = SupportPlanRules.weeklyMeetings(from: plan.endsOn, to: end, calendar: calendar,
                                                           pattern: pattern)
                plan.reviewMeetings += more.filter { $0 > plan.endsOn }
            }
            plan.endsOn = end
            plan.state = .active
            plan.pausedSince = nil
            return SupportPlan.Change(kind: .resumed, onDate: input.on, reason: nil, endsOn: end,
                                      changedBy: caller.person, changedAt: now)
        }
    }

    /// One change to a plan, by whoever manages support, audited; `change` answers the change
    /// to keep, if the period changed.
    private func changePlan(
        _ id: UUID, action: String, in trust: UUID, caller: RecordCaller, fields: [String],
        _ change: @escaping @Sendable (inout SupportPlan, RecordContext, WorkingCalendar) throws -> SupportPlan.Change?
    ) async throws -> SupportPlan {
        let now = environment.clock.now()
        let changeID = environment.newID()
        return try await environment.onRecord(.item(.supportPlan, id), [.manageSupport], action: action, in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            guard var plan = try SupportPlanStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "support plan")
            }
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            let kept = try change(&plan, context, calendar)
            plan.updatedAt = now
            try SupportPlanStore.update(plan, change: kept, id: changeID, on: db)
            if let kept { plan.changes.append(kept) }
            plan.version += 1
            try environment.audit(.init(trustId: trust, action: action, resourceType: "support_plan", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: fields),
                                  caller.audit, at: now, on: db)
            return plan
        }
    }
}

/// A concern has one support plan: a second is 409.
public struct SupportPlanExists: Error, Sendable {}
