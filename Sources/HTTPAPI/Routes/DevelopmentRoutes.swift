import App
import Domain
import Foundation
import HTTPCore

/// Development and CPD (issue 5 §2) and evidence with its document (issue 5 §5).
extension API {
    static func registerDevelopmentAndEvidence(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/development", .appraisalRead, listDevelopment)
        router.add("POST", "/v1/appraisals/{appraisal_id}/development", .appraisalRecordWrite, createDevelopment)
        router.add("PATCH", "/v1/development/{development_id}", .appraisalRecordWrite, updateDevelopment)
        router.add("GET", "/v1/appraisals/{appraisal_id}/evidence", .appraisalRead, listEvidence)
        router.add("POST", "/v1/appraisals/{appraisal_id}/evidence", .appraisalRecordWrite, createEvidence)
        router.add("GET", "/v1/evidence/{evidence_id}", .appraisalRead, getEvidence)
        // The document itself: the request body is the file, its Content-Type the file's type.
        router.add("PUT", "/v1/evidence/{evidence_id}/document", .appraisalRecordWrite,
                   produces: documentTypes, putEvidenceDocument)
        router.add("GET", "/v1/evidence/{evidence_id}/document", .appraisalRead,
                   produces: documentTypes, getEvidenceDocument)
    }

}

/// A document is served as what it is; a problem about it as JSON.
private let documentTypes = EvidenceDocumentRules.acceptedTypes
    + ["application/octet-stream", "application/json", "application/problem+json"]

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/development
    /// Development needs and CPD of the appraisal (000 Appendix A, 004 §9).
    @Sendable static func listDevelopment(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let items = try await api.recording {
            try await DevelopmentService(api.environment).list(appraisal: appraisal, in: trust,
                                                               caller: context.recordCaller)
        }
        return Reply.json(Items(items: items.map(DevelopmentActivityResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/development
    /// Record a development need and its planned delivery, as the reviewee or a reviewer.
    @Sendable static func createDevelopment(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(DevelopmentInput.self, from: try Body.object(context.request,
                                                                                 allowed: DevelopmentInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let activity = try await api.recording {
                try await DevelopmentService(api.environment).create(input, appraisal: appraisal, in: trust,
                                                                     caller: context.recordCaller)
            }
            return Reply.json(DevelopmentActivityResponse(activity), status: 201, etag: activity.version,
                              location: "/v1/development/\(activity.id.uuidString.lowercased())")
        }
    }

    // PATCH /v1/development/{development_id}
    /// Update a development activity (JSON merge patch): completion, impact.
    @Sendable static func updateDevelopment(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let patch = try Body.object(context.request, allowed: DevelopmentInput.fields)
        let expected = try ETag.expectedVersion(context.request)
        let trust = try api.trustID(context)
        let id = try context.item(.development)
        let result = try await api.recording {
            try await DevelopmentService(api.environment).update(id, expectedVersion: expected, in: trust,
                                                                 caller: context.recordCaller) {
                try Body.merge(patch, into: $0)
            }
        }
        switch result {
        case .done(let activity): return Reply.json(DevelopmentActivityResponse(activity), etag: activity.version)
        case .stale: throw Problem.preconditionFailed
        }
    }

    // GET /v1/appraisals/{appraisal_id}/evidence
    /// Evidence in the appraisal, each with its document's description.
    @Sendable static func listEvidence(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let items = try await api.recording {
            try await EvidenceService(api.environment).list(appraisal: appraisal, in: trust,
                                                            caller: context.recordCaller)
        }
        return Reply.json(Items(items: items.map(EvidenceResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/evidence
    /// Add evidence supporting an objective or a standard (003 §5.1), as the reviewee or a reviewer.
    @Sendable static func createEvidence(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(EvidenceInput.self, from: try Body.object(context.request,
                                                                              allowed: EvidenceInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let evidence = try await api.recording {
                try await EvidenceService(api.environment).create(input, appraisal: appraisal, in: trust,
                                                                  caller: context.recordCaller)
            }
            return Reply.json(EvidenceResponse(evidence), status: 201, etag: evidence.version,
                              location: "/v1/evidence/\(evidence.id.uuidString.lowercased())")
        }
    }

    // GET /v1/evidence/{evidence_id}
    /// One piece of evidence.
    @Sendable static func getEvidence(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.evidence)
        let evidence = try await api.recording {
            try await EvidenceService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(EvidenceResponse(evidence), etag: evidence.version)
    }

    // PUT /v1/evidence/{evidence_id}/document
    /// Attach or replace the document: the body is the file, Content-Type its type (PDF, image, office
    /// file; at most 5 MiB). Audio and video are refused (003 §1.13), as are bytes that are not what the
    /// type says.
    @Sendable static func putEvidenceDocument(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["filename"])
        guard let filename = context.queryValue("filename") else {
            throw Problem.invalidParameter("filename", "is required: the document's file name")
        }
        let mediaType = context.request.headers["Content-Type"] ?? ""
        let bare = EvidenceDocumentRules.bareMediaType(mediaType)
        // Audio and video are refused by rule (422, 003 §1.13); any other unknown type is 415.
        if !EvidenceDocumentRules.acceptedTypes.contains(bare) && !EvidenceDocumentRules.isRecording(bare) {
            throw Problem.unsupportedMediaType(EvidenceDocumentRules.acceptedTypes)
        }
        let trust = try api.trustID(context)
        let id = try context.item(.evidence)
        let evidence = try await api.recording {
            try await EvidenceService(api.environment).putDocument(
                id, mediaType: mediaType, filename: filename, bytes: [UInt8](context.request.body), in: trust,
                caller: context.recordCaller)
        }
        return Reply.json(EvidenceResponse(evidence), etag: evidence.version)
    }

    // GET /v1/evidence/{evidence_id}/document
    /// The document, byte for byte, after checking it against its SHA-256.
    @Sendable static func getEvidenceDocument(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.evidence)
        let document = try await api.recording {
            try await EvidenceService(api.environment).document(id, in: trust, caller: context.recordCaller)
        }
        let headers = Headers([("Content-Type", document.mediaType),
                               ("Content-Disposition", "attachment; filename=\"\(document.filename)\""),
                               ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store")])
        return Response(status: 200, headers: headers, body: Data(document.bytes))
    }
}
