import Domain
import Foundation
import Postgres
import Store

/// Performance conversations (004 §6). The wellbeing notes are read and written only here,
/// only for the employee and the conversation lead; their audit events name the resource and
/// never carry the notes (004 §6.4a).
public struct ConversationService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [Conversation] {
        try await environment.readRecord(.appraisal(appraisal), as: "conversations", in: trust, caller: caller) {
            try $0.query(ConversationStore.listQuery(appraisal: appraisal)).map(ConversationStore.decode)
        }
    }

    /// How the year closes under the conversations model (004 §6): the conversations held, the
    /// commitments made, the outcome (§6.3). The local governing body reads a head's
    /// commitments alone, where the policy shares them (§6.2); the read is audited either way.
    public func year(appraisal id: UUID, in trust: UUID, caller: RecordCaller) async throws -> ConversationYear {
        let now = environment.clock.now()
        return try await environment.onRecord(.appraisal(id), [.read, .commitments], action: "read", in: trust,
                                              caller: caller) { [environment] context, db in
            guard context.policy.model == .conversations else {
                throw ValidationFailure(field: "appraisal_id", rule: "model",
                                        message: "this appraisal's policy sets objectives: "
                                            + "its year closes with the written statement")
            }
            guard let appraisal = try AppraisalStore.find(id, on: db) else {
                throw RecordNotFound(resource: "appraisal")
            }
            let full = RecordAccessRules.decide(.read, context.relationship, context.subject) == .allow
            let conversations = try db.query(ConversationStore.listQuery(appraisal: id)).map(ConversationStore.decode)
            let year = ConversationYear(appraisalId: id, deadlines: appraisal.deadlines, conversations: conversations,
                                        concerns: appraisal.state == "suspended", view: full ? .full : .commitments)
            try environment.audit(.init(trustId: trust, action: "read",
                                        resourceType: full ? "conversation_year" : "head_commitments", resourceId: id,
                                        subjectPersonId: context.facts.personId), caller.audit, at: now, on: db)
            return year
        }
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Conversation {
        try await environment.readRecord(.item(.conversation, id), as: "conversation", in: trust, caller: caller) {
            try ConversationStore.find(id, on: $0)
        }
    }

    /// Records a conversation, led by the reviewer (004 §6: the appraiser holds it).
    public func create(_ input: ConversationInput, appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> Conversation {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.lead], action: "create", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            guard context.policy.model == .conversations, context.policy.conversations != nil else {
                throw ValidationFailure(field: "appraisal_id", rule: "model",
                                        message: "this appraisal's policy sets objectives; conversations belong to the conversations model (004 §6)")
            }
            // 004 §6.2: the CEO leads the head's conversation; the governors appraising the head may attend.
            let ceoLeads = RecordAccessRules.ceoLeads(context.subject)
            guard let me = caller.person else { throw NotAParticipant("Only a person leads a conversation.") }
            try context.requireOpenCycle()
            let lead = input.leadId ?? me
            if ceoLeads {
                guard lead == me else {
                    throw ValidationFailure(field: "lead_id", rule: "ceo", message: "must be the CEO (004 §6.2)")
                }
            } else if !context.facts.reviewers.contains(lead) {
                throw ValidationFailure(field: "lead_id", rule: "reviewer", message: "must be one of the appraisal's reviewers")
            }
            let conversation = Conversation(id: id, trustId: trust, appraisalId: appraisal, kind: input.kind, heldOn: input.heldOn, leadId: lead,
                                            growthAreas: input.growthAreas ?? [], cpdActivities: input.cpdActivities ?? [],
                                            wellbeingConsent: input.wellbeingConsent ?? false, version: 1, createdAt: now, updatedAt: now)
            // 004 §6.1: one autumn and one mid-year conversation.
            guard try ConversationStore.insert(conversation, on: db) else {
                throw ValidationFailure(field: "kind", rule: "unique", message: "this appraisal already has its \(input.kind.rawValue) conversation")
            }
            if let notes = input.wellbeingNotes, conversation.wellbeingConsent {
                try ConversationStore.putWellbeingNotes(id, notes: notes, trust: trust, at: now, on: db)
            }
            // Field names only; "wellbeing_notes" is not named, so the log does not even tell whether notes were kept.
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "conversation", resourceId: id,
                                        subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.set(input).filter { $0 != "wellbeing_notes" }), caller.audit, at: now, on: db)
            return conversation
        }
    }

    /// The wellbeing notes: the employee and the conversation lead alone. Anyone else — the
    /// head, HR, the CEO, the platform administrator — is told the conversation has none to
    /// show them, exactly as if it did not exist (and the refusal is audited).
    public func wellbeing(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> WellbeingNotes {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.conversation, id), [.read], action: "read", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            let (conversation, facts) = try Self.privateParty(id, context, caller: caller, on: db)
            let stored = conversation.wellbeingConsent ? try ConversationStore.wellbeingNotes(id, on: db) : nil
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "wellbeing_notes", resourceId: id,
                                        subjectPersonId: facts.personId), caller.audit, at: now, on: db)
            return WellbeingNotes(conversationId: id, consent: conversation.wellbeingConsent, notes: stored?.notes, updatedAt: stored?.updatedAt)
        }
    }

    /// Records consent and notes; withdrawing consent deletes the notes.
    public func putWellbeing(_ input: WellbeingInput, on id: UUID, in trust: UUID, caller: RecordCaller) async throws -> WellbeingNotes {
        try input.validate()
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.conversation, id), [.read], action: "update", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            let (_, facts) = try Self.privateParty(id, context, caller: caller, on: db)
            try ConversationStore.setConsent(id, consent: input.consent, at: now, on: db)
            if input.consent, let notes = input.notes {
                try ConversationStore.putWellbeingNotes(id, notes: notes, trust: trust, at: now, on: db)
            } else if !input.consent {
                try ConversationStore.deleteWellbeingNotes(id, on: db)
            }
            try environment.audit(.init(trustId: trust, action: "update", resourceType: "wellbeing_notes", resourceId: id,
                                        subjectPersonId: facts.personId, changedFields: ["consent"]), caller.audit, at: now, on: db)
            let stored = input.consent ? try ConversationStore.wellbeingNotes(id, on: db) : nil
            return WellbeingNotes(conversationId: id, consent: input.consent, notes: stored?.notes, updatedAt: stored?.updatedAt)
        }
    }

    /// The conversation, if the caller is its employee or its lead; otherwise "not found".
    private static func privateParty(_ id: UUID, _ context: RecordContext, caller: RecordCaller,
                                     on db: Connection) throws -> (Conversation, AppraisalFacts) {
        guard let conversation = try ConversationStore.find(id, forUpdate: true, on: db) else {
            throw RecordNotFound(resource: "conversation")
        }
        let facts = context.facts
        guard let me = caller.person, me == facts.personId || me == conversation.leadId else {
            throw WellbeingRefused(personId: facts.personId)
        }
        return (conversation, facts)
    }
}

/// A caller who is neither the employee nor the lead asked for wellbeing notes: answered 404
/// and audited as a refusal (`AppEnvironment.onRecord`).
public struct WellbeingRefused: Error, Sendable { public let personId: UUID }
