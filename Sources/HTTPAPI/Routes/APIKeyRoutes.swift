import App
import Domain
import Foundation
import HTTPCore

/// API keys of a trust: created (the key is shown once), listed, read, revoked.
extension API {
    static func registerAPIKeys(_ router: inout Router) {
        router.add("GET", "/v1/api-keys", .trustAdministration, listAPIKeys)
        router.add("POST", "/v1/api-keys", .trustAdministration, createAPIKey)
        router.add("GET", "/v1/api-keys/{api_key_id}", .trustAdministration, getAPIKey)
        router.add("PATCH", "/v1/api-keys/{api_key_id}", .trustAdministration, updateAPIKey)
        router.add("DELETE", "/v1/api-keys/{api_key_id}", .trustAdministration, revokeAPIKey)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/api-keys
    /// List the trust's live API keys (never their secrets); revoked keys are gone.
    @Sendable static func listAPIKeys(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let page = try await APIKeyService(api.environment).list(page: try context.page(), in: try api.trustID(context))
        return Reply.json(ListPage(page, APIKeyResponse.init))
    }

    // POST /v1/api-keys
    /// Create an API key for an integration. The response holds the key — shown this once.
    @Sendable static func createAPIKey(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(APIKeyInput.self, from: try Body.object(context.request,
                                                                            allowed: APIKeyInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let created = try await APIKeyService(api.environment).create(input, in: trust, audit: context.audit)
            return Reply.json(CreatedAPIKeyResponse(created), status: 201, etag: created.apiKey.version,
                              location: "/v1/api-keys/\(created.apiKey.id.uuidString.lowercased())")
        }
    }

    // GET /v1/api-keys/{api_key_id}
    /// Read one API key (never its secret).
    @Sendable static func getAPIKey(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let key = try await APIKeyService(api.environment).get(try context.uuid("api_key_id"),
                                                                     in: try api.trustID(context)) else {
            throw Problem.notFound("API key")
        }
        return Reply.json(APIKeyResponse(key), etag: key.version)
    }

    // PATCH /v1/api-keys/{api_key_id}
    /// Rename a key or set its own rate limit (JSON merge patch; `null` returns it to the
    /// server's default). This instance applies the new limit at once, others within 30 seconds.
    @Sendable static func updateAPIKey(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("api_key_id")
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let patch = try Body.object(context.request, allowed: APIKeyInput.changeableFields)
        let expected = try ETag.expectedVersion(context.request)
        let result = try await APIKeyService(api.environment).update(id, expectedVersion: expected, in: trust,
                                                                     audit: context.audit) {
            try Body.merge(patch, into: $0)
        }
        switch result {
        case .updated(let key):
            api.keyCache.forget(keyID: id)
            return Reply.json(APIKeyResponse(key), etag: key.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("API key")
        }
    }

    // DELETE /v1/api-keys/{api_key_id}
    /// Revoke a key. It is refused at once by the instance that revoked it and by every instance within 30
    /// seconds.
    @Sendable static func revokeAPIKey(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("api_key_id")
        let expected = try ETag.expectedVersion(context.request)
        switch try await APIKeyService(api.environment).revoke(id, in: trust, expectedVersion: expected,
                                                               audit: context.audit) {
        case .deleted:
            api.keyCache.forget(keyID: id) // this instance refuses it at once; others within the cache's lifetime
            return Reply.noContent()
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("API key")
        }
    }
}
