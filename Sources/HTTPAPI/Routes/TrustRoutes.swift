import App
import Domain
import Foundation
import HTTPCore

/// Trusts, the tenants, managed at platform scope.
extension API {
    static func registerTrusts(_ router: inout Router) {
        router.add("GET", "/v1/trusts", .platform, listTrusts)
        router.add("POST", "/v1/trusts", .platform, createTrust)
        router.add("GET", "/v1/trusts/{trust_id}", .platform, getTrust)
        router.add("PATCH", "/v1/trusts/{trust_id}", .platform, updateTrust)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/trusts
    /// List trusts (platform administrator).
    @Sendable static func listTrusts(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let page = try await TrustService(api.environment).list(page: try context.page())
        return Reply.json(ListPage(page, TrustResponse.init))
    }

    // POST /v1/trusts
    /// Create a trust (platform administrator).
    @Sendable static func createTrust(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(TrustInput.self, from: try Body.object(context.request, allowed: TrustInput.fields))
        return try await api.idempotent(context, trustID: nil) {
            let trust = try await TrustService(api.environment).create(input, audit: context.audit)
            return Reply.json(TrustResponse(trust), status: 201, etag: trust.version,
                              location: "/v1/trusts/\(trust.id.uuidString.lowercased())")
        }
    }

    // GET /v1/trusts/{trust_id}
    /// Read a trust.
    @Sendable static func getTrust(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let trust = try await TrustService(api.environment).get(try context.uuid("trust_id")) else {
            throw Problem.notFound("trust")
        }
        return Reply.json(TrustResponse(trust), etag: trust.version)
    }

    // PATCH /v1/trusts/{trust_id}
    /// Change a trust (JSON merge patch, RFC 7396; `null` clears an optional field).
    @Sendable static func updateTrust(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let id = try context.uuid("trust_id")
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let patch = try Body.object(context.request, allowed: TrustInput.fields)
        let expected = try ETag.expectedVersion(context.request)
        switch try await TrustService(api.environment).update(id, expectedVersion: expected, audit: context.audit,
                                                              change: { try Body.merge(patch, into: $0) }) {
        case .updated(let trust): return Reply.json(TrustResponse(trust), etag: trust.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("trust")
        }
    }
}
