import App
import Documents
import Domain
import Foundation
import HTTPCore

/// The annual review's written statement (issue 13 §2).
extension API {
    static func registerStatements(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/statements", .appraisalRead, listStatements)
        router.add("POST", "/v1/appraisals/{appraisal_id}/statements", .appraisalRecordWrite, draftStatement)
        router.add("GET", "/v1/statements/{statement_id}", .appraisalRead, produces: Router.json + [pdf],
                   getStatement)
        router.add("PATCH", "/v1/statements/{statement_id}", .appraisalRecordWrite, reviseStatement)
        router.add("POST", "/v1/statements/{statement_id}/transitions", .appraisalRecordWrite, transitionStatement)
        router.add("PUT", "/v1/statements/{statement_id}/comment", .appraisalRecordWrite, commentOnStatement)
        router.add("POST", "/v1/statements/{statement_id}/corrections", .appraisalRecordWrite, correctStatement)
    }
}

/// The statement printed for the personnel file (000 Appendix A).
private let pdf = "application/pdf"

private func reply(_ change: StatementService.Change, now: Date) throws -> Response {
    switch change {
    case .done(let statement): return Reply.json(StatementResponse(statement, now: now), etag: statement.version)
    case .stale: throw Problem.preconditionFailed
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/statements
    /// Every version of the appraisal's statement, the first first (a correction after what it corrects).
    @Sendable static func listStatements(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let statements = try await api.recording {
            try await StatementService(api.environment).list(appraisal: appraisal, in: trust,
                                                             caller: context.recordCaller)
        }
        let now = api.environment.clock.now()
        return Reply.json(Items(items: statements.map { StatementResponse($0, now: now) }))
    }

    // POST /v1/appraisals/{appraisal_id}/statements
    /// Draft the statement, as the reviewer (000 §7.3, 002 §2.2.7, 003 §5.3.3).
    @Sendable static func draftStatement(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let content = try Body.decode(StatementContent.self, from: try Body.object(context.request,
                                                                                   allowed: StatementContent.fields))
        return try await api.idempotent(context, trustID: trust) {
            let statement = try await api.recording {
                try await StatementService(api.environment).draft(content, appraisal: appraisal, in: trust,
                                                                  caller: context.recordCaller)
            }
            return Reply.json(StatementResponse(statement, now: api.environment.clock.now()), status: 201,
                              etag: statement.version,
                              location: "/v1/statements/\(statement.id.uuidString.lowercased())")
        }
    }

    // GET /v1/statements/{statement_id}
    /// One version of a statement; with `Accept: application/pdf`, printed as the form for the
    /// personnel file.
    @Sendable static func getStatement(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.statement)
        if Preference.prefers(pdf, over: "application/json", in: context.request) {
            return try await printStatement(api, context, id: id, trust: trust)
        }
        let statement = try await api.recording {
            try await StatementService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(StatementResponse(statement, now: api.environment.clock.now()), etag: statement.version)
    }

    private static func printStatement(_ api: API, _ context: Context, id: UUID, trust: UUID) async throws -> Response {
        let form = try await api.recording {
            try await StatementService(api.environment).form(id, in: trust, caller: context.recordCaller)
        }
        let bytes = try PDFRenderer.render(StatementPrint.document(form))
        let name = "statement-\(form.statement.appraisalId.uuidString.lowercased())-v\(form.statement.number).pdf"
        let headers = Headers([("Content-Type", pdf), ("Content-Disposition", "attachment; filename=\"\(name)\""),
                               ("Cache-Control", "no-store"), ("Vary", "Accept"),
                               // Its own tag: another representation than the JSON's `"<version>"`.
                               ("ETag", "\"\(form.statement.version).pdf\"")])
        return Response(status: 200, headers: headers, body: Data(bytes))
    }

    // PATCH /v1/statements/{statement_id}
    /// Change the draft's sections (JSON merge patch; `null` clears one), as the reviewer.
    @Sendable static func reviseStatement(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let patch = try Body.object(context.request, allowed: StatementContent.fields)
        let expected = try ETag.expectedVersion(context.request)
        let trust = try api.trustID(context)
        let id = try context.item(.statement)
        let change = try await api.recording {
            try await StatementService(api.environment).revise(id, expectedVersion: expected, in: trust,
                                                               caller: context.recordCaller) {
                try Body.merge(patch, into: $0)
            }
        }
        return try reply(change, now: api.environment.clock.now())
    }

    // POST /v1/statements/{statement_id}/transitions
    /// Issue it (the reviewer's signature), sign or decline it (the reviewee), or close it once
    /// the comment window has passed unanswered (the reviewer).
    @Sendable static func transitionStatement(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(StatementTransition.self,
                                    from: try Body.object(context.request, allowed: StatementTransition.fields))
        let expected = try ETag.expectedVersion(context.request)
        let trust = try api.trustID(context)
        let id = try context.item(.statement)
        let change = try await api.recording {
            try await StatementService(api.environment).transition(id, input, expectedVersion: expected, in: trust,
                                                                   caller: context.recordCaller)
        }
        return try reply(change, now: api.environment.clock.now())
    }

    // PUT /v1/statements/{statement_id}/comment
    /// The reviewee's comment, within the policy's window of working days.
    @Sendable static func commentOnStatement(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(StatementCommentInput.self,
                                    from: try Body.object(context.request, allowed: StatementCommentInput.fields))
        let trust = try api.trustID(context)
        let id = try context.item(.statement)
        let change = try await api.recording {
            try await StatementService(api.environment).comment(id, input, in: trust, caller: context.recordCaller)
        }
        return try reply(change, now: api.environment.clock.now())
    }

    // POST /v1/statements/{statement_id}/corrections
    /// Correct a locked statement: a new draft version, copied from it, with the reason; both kept.
    @Sendable static func correctStatement(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(StatementCorrectionInput.self,
                                    from: try Body.object(context.request, allowed: StatementCorrectionInput.fields))
        let trust = try api.trustID(context)
        let id = try context.item(.statement)
        return try await api.idempotent(context, trustID: trust) {
            let correction = try await api.recording {
                try await StatementService(api.environment).correct(id, input, in: trust,
                                                                    caller: context.recordCaller)
            }
            return Reply.json(StatementResponse(correction, now: api.environment.clock.now()), status: 201,
                              etag: correction.version,
                              location: "/v1/statements/\(correction.id.uuidString.lowercased())")
        }
    }
}
