import App
import Domain
import Foundation
import HTTPCore

/// Objectives (issue 5 §1): proposed, agreed or determined, revised, noted, assessed.
extension API {
    static func registerObjectives(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/objectives", .appraisalRead, listObjectives)
        router.add("POST", "/v1/appraisals/{appraisal_id}/objectives", .appraisalRecordWrite, proposeObjective)
        router.add("GET", "/v1/objectives/{objective_id}", .appraisalRead, getObjective)
        router.add("PATCH", "/v1/objectives/{objective_id}", .appraisalRecordWrite, reviseObjective)
        router.add("POST", "/v1/objectives/{objective_id}/transitions", .appraisalRecordWrite,
                   record: [.write, .determine], transitionObjective)
        router.add("PUT", "/v1/objectives/{objective_id}/assessment", .appraisalRecordWrite,
                   record: [.write, .determine], assessObjective)
        router.add("GET", "/v1/objectives/{objective_id}/history", .appraisalRead, getObjectiveHistory)
        router.add("GET", "/v1/objectives/{objective_id}/progress-notes", .appraisalRead, listProgressNotes)
        router.add("POST", "/v1/objectives/{objective_id}/progress-notes", .appraisalRecordWrite, addProgressNote)
    }
}

private func reply(_ change: ObjectiveService.Change) throws -> Response {
    switch change {
    case .done(let objective): return Reply.json(ObjectiveResponse(objective), etag: objective.version)
    case .stale: throw Problem.preconditionFailed
    }
}

private func revisionReason(_ value: JSONValue?) throws -> String? {
    switch value {
    case nil, .null?: return nil
    case .string(let text)?:
        guard text.unicodeScalars.count <= 4000 else {
            throw Problem.invalid(field: "revision_reason", rule: "max_length", message: "must be at most 4000 characters")
        }
        return text
    default: throw Problem.invalid(field: "revision_reason", rule: "type", message: "must be a string")
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/objectives
    /// The appraisal's objectives, every state (a read of appraisal text: audited).
    @Sendable static func listObjectives(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let page = try await api.recording {
            try await ObjectiveService(api.environment).list(appraisal: appraisal, page: try context.page(), in: trust,
                                                             caller: context.recordCaller)
        }
        return Reply.json(ListPage(page, ObjectiveResponse.init))
    }

    // POST /v1/appraisals/{appraisal_id}/objectives
    /// Propose an objective, as the reviewee or a reviewer (objectives model only; the policy's maximum
    /// count applies).
    @Sendable static func proposeObjective(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(ObjectiveContent.self, from: try Body.object(context.request,
                                                                                 allowed: ObjectiveContent.fields))
        return try await api.idempotent(context, trustID: trust) {
            let objective = try await api.recording {
                try await ObjectiveService(api.environment).propose(input, appraisal: appraisal, in: trust,
                                                                    caller: context.recordCaller)
            }
            return Reply.json(ObjectiveResponse(objective), status: 201, etag: objective.version,
                              location: "/v1/objectives/\(objective.id.uuidString.lowercased())")
        }
    }

    // GET /v1/objectives/{objective_id}
    /// One objective (audited read).
    @Sendable static func getObjective(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        let objective = try await api.recording {
            try await ObjectiveService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ObjectiveResponse(objective), etag: objective.version)
    }

    // PATCH /v1/objectives/{objective_id}
    /// Revise an objective (JSON merge patch). Once agreed or determined this is an in-year revision: it
    /// needs revision_reason (000 §5.5) and the other side's agreement again.
    @Sendable static func reviseObjective(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        var patch = try Body.object(context.request, allowed: ObjectiveContent.fields.union(["revision_reason"]))
        let reason = try revisionReason(patch.removeValue(forKey: "revision_reason"))
        let expected = try ETag.expectedVersion(context.request)
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        let frozen = patch
        let result = try await api.recording {
            try await ObjectiveService(api.environment).revise(id, expectedVersion: expected, in: trust,
                                                               caller: context.recordCaller) {
                ObjectiveRevision(content: try Body.merge(frozen, into: $0), reason: reason)
            }
        }
        return try reply(result)
    }

    // POST /v1/objectives/{objective_id}/transitions
    /// Agree, dispute, determine (when the two sides cannot agree, by whom the policy names) or withdraw an
    /// objective.
    @Sendable static func transitionObjective(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let body = try Body.object(context.request, allowed: ObjectiveTransition.fields)
        let input = try Body.decode(ObjectiveTransition.self, from: body)
        let expected = try ETag.expectedVersion(context.request)
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        let result = try await api.recording {
            try await ObjectiveService(api.environment).transition(id, input, expectedVersion: expected, in: trust,
                                                                   caller: context.recordCaller)
        }
        return try reply(result)
    }

    // PUT /v1/objectives/{objective_id}/assessment
    /// The end-of-year assessment, by the reviewer: met, partly met or not met (001: reasons required when
    /// not met).
    @Sendable static func assessObjective(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(AssessmentInput.self, from: try Body.object(context.request,
                                                                                allowed: AssessmentInput.fields))
        let expected = try context.optionalExpectedVersion
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        let result = try await api.recording {
            try await ObjectiveService(api.environment).assess(id, input, expectedVersion: expected, in: trust,
                                                               caller: context.recordCaller)
        }
        return try reply(result)
    }

    // GET /v1/objectives/{objective_id}/history
    /// Every change to the objective, oldest first, each with the objective as it then stood.
    @Sendable static func getObjectiveHistory(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        let history = try await api.recording {
            try await ObjectiveService(api.environment).history(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(Items(items: history.map(ObjectiveHistoryEntryResponse.init)))
    }

    // GET /v1/objectives/{objective_id}/progress-notes
    /// Progress notes through the year, oldest first.
    @Sendable static func listProgressNotes(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        let notes = try await api.recording {
            try await ObjectiveService(api.environment).notes(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(Items(items: notes.map(ProgressNoteResponse.init)))
    }

    // POST /v1/objectives/{objective_id}/progress-notes
    /// Add a progress note, as the reviewee or a reviewer.
    @Sendable static func addProgressNote(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(ProgressNoteInput.self, from: try Body.object(context.request,
                                                                                  allowed: ProgressNoteInput.fields))
        let trust = try api.trustID(context)
        let id = try context.item(.objective)
        return try await api.idempotent(context, trustID: trust) {
            let note = try await api.recording {
                try await ObjectiveService(api.environment).addNote(input, to: id, in: trust,
                                                                    caller: context.recordCaller)
            }
            return Reply.json(ProgressNoteResponse(note), status: 201)
        }
    }
}
