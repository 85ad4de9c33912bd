import Domain
import Foundation
import Postgres
import Store

/// The annual review's written statement (issue 13 §2): drafted and issued by the reviewer,
/// commented on and signed — or declined — by the reviewee, then locked; a correction is a new
/// version. Every rule is the policy's (`StatementLifecycle`, `statements` in the policy in
/// force); every write and every read of its text is audited in its transaction, with field
/// names only, never the text.
public struct StatementService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public enum Change: Sendable {
        case done(Statement)
        case stale
    }

    /// Every version of the appraisal's statement, corrections after what they correct.
    public func list(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [Statement] {
        try await environment.readRecord(.appraisal(appraisal), as: "statements", in: trust, caller: caller) {
            try $0.query(StatementStore.listQuery(appraisal: appraisal)).map(StatementStore.decode)
        }
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Statement {
        try await environment.readRecord(.item(.statement, id), as: "statement", in: trust, caller: caller) {
            try StatementStore.find(id, on: $0)
        }
    }

    /// The statement as printed for the personnel file (000 Appendix A): it, the year's
    /// objectives and development, and the names on the form — one audited read.
    public func form(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> StatementForm {
        try await environment.readRecord(.item(.statement, id), as: "statement_form", in: trust,
                                         caller: caller) { db in
            guard let statement = try StatementStore.find(id, on: db),
                  let header = try StatementFormStore.header(appraisal: statement.appraisalId,
                                                             issuedBy: statement.issuedBy, on: db) else { return nil }
            let corrected = try statement.correctsId.flatMap { try StatementStore.find($0, on: db) }
            return StatementForm(header: header, statement: statement,
                                 objectives: try StatementFormStore.setObjectives(appraisal: statement.appraisalId,
                                                                                  on: db),
                                 development: try StatementFormStore.development(appraisal: statement.appraisalId,
                                                                                 on: db),
                                 correctsNumber: corrected?.number)
        }
    }

    /// The reviewer's draft. One statement per appraisal: a locked one is corrected, not redrafted.
    public func draft(_ content: StatementContent, appraisal: UUID, in trust: UUID,
                      caller: RecordCaller) async throws -> Statement {
        try content.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.write], action: "draft_statement", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try StatementLifecycle.requireObjectivesModel(context.policy)
            try context.requireOpenCycle()
            try StatementLifecycle.requireReviewer(context.participation, "drafts")
            if let existing = try StatementStore.latest(appraisal: appraisal, on: db) {
                throw StatementExists(id: existing.id)
            }
            let statement = Statement(id: id, trustId: trust, appraisalId: appraisal, number: 1, content: content,
                                      draftedBy: caller.person, at: now)
            try StatementStore.insert(statement, on: db)
            try environment.audit(.init(trustId: trust, action: "draft_statement", resourceType: "statement",
                                        resourceId: id, subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(content)), caller.audit, at: now, on: db)
            return statement
        }
    }

    /// Changes the draft's sections (merge patch); the reviewer's, while it is a draft.
    public func revise(_ id: UUID, expectedVersion: Int, in trust: UUID, caller: RecordCaller,
                       _ patch: @escaping @Sendable (StatementContent) throws -> StatementContent)
        async throws -> Change {
        try await change(id, expectedVersion: expectedVersion, in: trust, caller: caller,
                         action: "revise_statement") { current, context, _ in
            try StatementLifecycle.requireReviewer(context.participation, "changes")
            try StatementLifecycle.requireDraft(current)
            var next = current
            next.content = try patch(current.content)
            try next.content.validate()
            return next
        }
    }

    /// Issue (the reviewer), sign or decline (the reviewee), or close once the window has passed.
    public func transition(_ id: UUID, _ input: StatementTransition, expectedVersion: Int, in trust: UUID,
                           caller: RecordCaller) async throws -> Change {
        try input.validate()
        let today = London.date(of: environment.clock.now())
        return try await change(id, expectedVersion: expectedVersion, in: trust, caller: caller,
                                action: "\(input.to.rawValue)_statement") { current, context, db in
            try StatementLifecycle.transition(current, to: input.to, comment: input.comment, by: context.participation,
                                              person: caller.person, today: today, at: environment.clock.now()) {
                let held = try StatementStore.interimReviewsHeld(appraisal: current.appraisalId, by: today, on: db)
                return IssueFacts(rules: context.policy.statementRules, category: context.facts.category,
                                  interimReviews: InterimCount(required: context.policy.meetings
                                                                   .minimumFormalInterimReviews, held: held),
                                  commentDue: try commentDue(from: today, context: context, on: db))
            }
        }
    }

    /// The reviewee's comment, within the window (no version needed: it is theirs alone).
    public func comment(_ id: UUID, _ input: StatementCommentInput, in trust: UUID,
                        caller: RecordCaller) async throws -> Change {
        try input.validate()
        let now = environment.clock.now()
        return try await change(id, expectedVersion: nil, in: trust, caller: caller,
                                action: "comment_statement") { current, context, _ in
            try StatementLifecycle.comment(current, input.comment, by: context.participation,
                                           today: London.date(of: now), at: now)
        }
    }

    /// A correction of a locked statement: a new draft copied from it, naming it and why; the
    /// old one is kept, marked as superseded.
    public func correct(_ id: UUID, _ input: StatementCorrectionInput, in trust: UUID,
                        caller: RecordCaller) async throws -> Statement {
        try input.validate()
        let now = environment.clock.now()
        let newID = environment.newID()
        return try await environment.onRecord(.item(.statement, id), [.write], action: "correct_statement", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            guard let current = try StatementStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "statement")
            }
            try context.requireOpenCycle()
            let correction = try StatementLifecycle.correct(current, reason: input.reason, newID: newID,
                                                            by: context.participation, person: caller.person, at: now)
            try StatementStore.insert(correction, on: db)
            try StatementStore.supersede(id, by: newID, at: now, on: db)
            try environment.audit(.init(trustId: trust, action: "correct_statement", resourceType: "statement",
                                        resourceId: newID, subjectPersonId: context.facts.personId,
                                        changedFields: ["corrects_id", "correction_reason"]),
                                  caller.audit, at: now, on: db)
            return correction
        }
    }

    /// The last day to comment: the policy's working days after `today`, on the reviewee's
    /// unit's calendar and working pattern (weekends, bank holidays and, for term-time staff,
    /// school holidays are not counted).
    private func commentDue(from today: CalendarDate, context: RecordContext,
                            on db: Connection) throws -> CalendarDate {
        let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
        return try calendar.adding(workingDays: context.policy.statementRules.commentWindowWorkingDays, to: today,
                                   for: context.facts.workingPattern)
    }

    /// Loads the statement and its appraisal's context, applies `apply`, writes and audits it.
    private func change(_ id: UUID, expectedVersion: Int?, in trust: UUID, caller: RecordCaller, action: String,
                        _ apply: @escaping @Sendable (Statement, RecordContext, Connection) throws -> Statement)
        async throws -> Change {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.statement, id), [.write], action: action, in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            guard let current = try StatementStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "statement")
            }
            try context.requireOpenCycle()
            // The change is checked first: a refused step is refused whatever version it names.
            let next = try apply(current, context, db)
            if let expectedVersion, current.version != expectedVersion { return .stale }
            guard let written = try StatementStore.update(next, expected: current.version, at: now, on: db) else {
                return .stale
            }
            // The sections by name, not "content": what changed, never the text.
            let fields = FieldNames.changed(from: current, to: next).filter { $0 != "content" }
                + FieldNames.changed(from: current.content, to: next.content)
            try environment.audit(.init(trustId: trust, action: action, resourceType: "statement", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: fields.sorted()),
                                  caller.audit, at: now, on: db)
            return .done(written)
        }
    }
}

/// The appraisal already has a statement: change the draft, or correct the locked one (409).
public struct StatementExists: Error, Sendable {
    public let id: UUID
}
