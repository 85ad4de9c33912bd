import Domain
import Foundation
import Postgres
import Store

/// Objectives through the year (issue 5 §1): proposal, agreement or determination, in-year
/// revision with history, progress notes, the end-of-year assessment. Every rule is the
/// policy's (`ObjectiveLifecycle`); every write and every read of their text is audited in
/// its transaction, with field names only.
public struct ObjectiveService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public enum Change: Sendable {
        case done(Objective)
        case stale
    }

    public func list(appraisal: UUID, page: PageRequest, in trust: UUID, caller: RecordCaller) async throws -> Page<Objective> {
        let rows = try await environment.readRecord(.appraisal(appraisal), as: "objectives", in: trust,
                                                    caller: caller) {
            try $0.query(ObjectiveStore.listQuery(appraisal: appraisal, page: page)).map(ObjectiveStore.decode)
        }
        return makePage(rows, limit: page.limit, id: \.id)
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Objective {
        try await environment.readRecord(.item(.objective, id), as: "objective", in: trust, caller: caller) {
            try ObjectiveStore.find(id, on: $0)
        }
    }

    public func propose(_ content: ObjectiveContent, appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> Objective {
        try content.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.write], action: "propose_objective", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try ObjectiveLifecycle.requireObjectivesModel(context.policy)
            try context.requireOpenCycle()
            try ObjectiveLinks.check(content.links, facts: context.facts, on: db)
            let live = try ObjectiveStore.live(appraisal: appraisal, on: db)
            try ObjectiveLifecycle.propose(content, rules: context.policy.objectives!, live: live.count, by: context.participation)
            // The side that proposes agrees to its own proposal.
            let objective = Objective(id: id, trustId: trust, appraisalId: appraisal, state: .proposed, content: content,
                                      proposedBy: caller.person!, agreedByReviewee: context.participation.isReviewee,
                                      agreedByReviewer: context.participation.isReviewer, determinedBy: nil, assessment: nil,
                                      version: 1, createdAt: now, updatedAt: now)
            try ObjectiveStore.insert(objective, on: db)
            try ObjectiveStore.appendHistory(objective, action: "proposed", actor: caller.person, comment: nil, at: now, on: db)
            try environment.audit(.init(trustId: trust, action: "propose_objective", resourceType: "objective", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: ObjectiveContent.fields.sorted()),
                                  caller.audit, at: now, on: db)
            return objective
        }
    }

    /// Loads the objective and its appraisal's context, applies `change`, writes and records it.
    private func change(_ id: UUID, expectedVersion: Int?, in trust: UUID, caller: RecordCaller, action: String,
                        needs: [RecordPermission] = [.write], comment: String? = nil,
                        _ apply: @escaping @Sendable (Objective, RecordContext, Connection, inout String?) throws
                            -> Objective)
        async throws -> Change {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.objective, id), needs, action: "\(action)_objective", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            // Its appraisal, then the objective, both locked: changes to one record are serialised.
            guard let current = try ObjectiveStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "objective")
            }
            try ObjectiveLifecycle.requireObjectivesModel(context.policy)
            try context.requireOpenCycle()
            // The change is checked first: bad input is 422 whatever version it was sent against.
            // The history's comment: a transition's, or the reason for an in-year revision.
            var entryComment = comment
            var next = try apply(current, context, db, &entryComment)
            if let expectedVersion, current.version != expectedVersion { return .stale }
            next.version = current.version + 1
            next.updatedAt = now
            guard try ObjectiveStore.update(next, expectedVersion: current.version, on: db) else { return .stale }
            try ObjectiveStore.appendHistory(next, action: action, actor: caller.person, comment: entryComment,
                                             at: now, on: db)
            try environment.audit(.init(trustId: trust, action: "\(action)_objective", resourceType: "objective", resourceId: id,
                                        subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.changed(from: current, to: next)), caller.audit, at: now, on: db)
            return .done(next)
        }
    }

    public func transition(_ id: UUID, _ input: ObjectiveTransition, expectedVersion: Int, in trust: UUID,
                           caller: RecordCaller) async throws -> Change {
        try input.validate()
        // Any reader reaches the lifecycle, which names who may move it: a side (403 otherwise),
        // or whoever settles what the sides cannot agree (422 naming them: 000 §5.3, 001, 003 §4.1).
        return try await change(id, expectedVersion: expectedVersion, in: trust, caller: caller, action: input.to.rawValue,
                                needs: [.read], comment: input.comment) { current, context, db, _ in
            let others = try ObjectiveStore.live(appraisal: current.appraisalId, on: db).filter { $0.id != id }
            var next = try ObjectiveLifecycle.transition(current, to: input.to, comment: input.comment, rules: context.policy.objectives!,
                                                         liveKinds: others.map(\.content.kind), by: context.participation)
            if next.state == .determined { next.determinedBy = caller.person }
            return next
        }
    }

    public func revise(_ id: UUID, expectedVersion: Int, in trust: UUID, caller: RecordCaller,
                       _ patch: @escaping @Sendable (ObjectiveContent) throws -> ObjectiveRevision) async throws -> Change {
        try await change(id, expectedVersion: expectedVersion, in: trust, caller: caller,
                         action: "revised") { current, context, db, comment in
            let revision = try patch(current.content)
            // 000 §5.5, 001: the reason for an in-year revision stays in the objective's history.
            comment = revision.reason
            try revision.content.validate()
            try ObjectiveLinks.check(revision.content.links, facts: context.facts, on: db)
            var next = try ObjectiveLifecycle.revise(current, with: revision, rules: context.policy.objectives!, by: context.participation)
            next.proposedBy = caller.person ?? current.proposedBy
            return next
        }
    }

    public func assess(_ id: UUID, _ input: AssessmentInput, expectedVersion: Int?, in trust: UUID, caller: RecordCaller) async throws -> Change {
        try input.validate()
        let now = environment.clock.now()
        return try await change(id, expectedVersion: expectedVersion, in: trust, caller: caller,
                                action: "assessed", needs: [.write, .determine]) { current, context, _, _ in
            try ObjectiveLifecycle.assess(current, input, rules: context.policy.objectives!, by: context.participation)
            var next = current
            next.assessment = Objective.Assessment(outcome: input.outcome, reasons: input.reasons, assessedBy: caller.person, assessedAt: now)
            return next
        }
    }

    public func history(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> [ObjectiveHistoryEntry] {
        try await environment.readRecord(.item(.objective, id), as: "objective_history", in: trust, caller: caller) {
            try $0.query(ObjectiveStore.historyQuery(id)).map(ObjectiveStore.decodeHistory)
        }
    }

    public func notes(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> [ProgressNote] {
        try await environment.readRecord(.item(.objective, id), as: "progress_notes", in: trust, caller: caller) {
            try $0.query(ObjectiveStore.notesQuery(id)).map(ObjectiveStore.decodeNote)
        }
    }

    /// Progress through the year, by either side (000 §5.5: reviewed regularly).
    public func addNote(_ input: ProgressNoteInput, to id: UUID, in trust: UUID, caller: RecordCaller) async throws -> ProgressNote {
        try input.validate()
        let now = environment.clock.now()
        let noteID = environment.newID()
        return try await environment.onRecord(.item(.objective, id), [.write], action: "add_progress_note", in: trust,
                                              caller: caller) { [environment] context, db in
            guard let objective = try ObjectiveStore.find(id,
                                                          on: db) else { throw RecordNotFound(resource: "objective") }
            guard objective.state != .withdrawn else {
                throw ValidationFailure(field: "state", rule: "withdrawn", message: "a withdrawn objective takes no progress notes")
            }
            let note = ProgressNote(id: noteID, objectiveId: id, authorId: caller.person, note: input.note, createdAt: now)
            try ObjectiveStore.insert(note, trust: trust, on: db)
            try environment.audit(.init(trustId: trust, action: "add_progress_note", resourceType: "objective", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: ["note"]), caller.audit, at: now, on: db)
            return note
        }
    }
}
