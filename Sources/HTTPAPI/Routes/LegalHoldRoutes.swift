import App
import Domain
import Foundation
import HTTPCore

/// Legal holds (issue 17 §7), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerLegalHolds(_ router: inout Router) {
        router.add("GET", "/v1/legal-holds", .legalHoldsManage, listLegalHolds)
        router.add("POST", "/v1/legal-holds", .legalHoldsManage, placeLegalHold)
        router.add("GET", "/v1/legal-holds/{legal_hold_id}", .legalHoldsManage, getLegalHold)
        router.add("PATCH", "/v1/legal-holds/{legal_hold_id}", .legalHoldsManage, releaseLegalHold)
    }

    // GET /v1/legal-holds
    @Sendable static func listLegalHolds(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["person_id", "limit", "cursor"])
        let page = try await LegalHoldService(api.environment).list(
            person: try context.queryUUID("person_id"), page: try context.page(), in: try api.trustID(context),
            audit: context.audit)
        return Reply.json(ListPage(page, LegalHoldResponse.init))
    }

    // POST /v1/legal-holds
    @Sendable static func placeLegalHold(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let input = try decodeBody(LegalHoldInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let hold = try await LegalHoldService(api.environment).place(input, in: trust, audit: context.audit)
            return Reply.json(LegalHoldResponse(hold), status: 201, etag: hold.version,
                              location: "/v1/legal-holds/\(hold.id.uuidString.lowercased())")
        }
    }

    // GET /v1/legal-holds/{legal_hold_id}
    @Sendable static func getLegalHold(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let hold = try await LegalHoldService(api.environment).get(
            try context.uuid("legal_hold_id"), in: try api.trustID(context), audit: context.audit)
        else { throw Problem.notFound("legal hold") }
        return Reply.json(LegalHoldResponse(hold), etag: hold.version)
    }

    // PATCH /v1/legal-holds/{legal_hold_id}
    /// `{"released": true}` releases the hold; nothing else of it changes.
    @Sendable static func releaseLegalHold(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("legal_hold_id")
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let patch = try Body.object(context.request, allowed: ["released"])
        guard patch["released"] == .bool(true) else {
            throw Problem.invalid(field: "released", rule: "const", message: "must be true: a hold is only released")
        }
        let expected = try ETag.expectedVersion(context.request)
        let person = context.recordCaller.person
        switch try await LegalHoldService(api.environment).release(id, expectedVersion: expected, by: person, in: trust,
                                                                   audit: context.audit) {
        case .updated(let hold): return Reply.json(LegalHoldResponse(hold), etag: hold.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("legal hold")
        }
    }
}

struct LegalHoldResponse: ResponseBody {
    let id: UUID
    let personId: UUID
    let reason: String
    let detail: String
    let ownerId: UUID
    let placedAt: Date
    let releasedAt: Date?
    let releasedBy: UUID?
    let active: Bool
    let version: Int

    init(_ hold: LegalHold) {
        id = hold.id; personId = hold.personId; reason = hold.reason.rawValue; detail = hold.detail
        ownerId = hold.ownerId; placedAt = hold.placedAt; releasedAt = hold.releasedAt; releasedBy = hold.releasedBy
        active = hold.releasedAt == nil; version = hold.version
    }
}
