import App
import Domain
import Foundation
import HTTPCore

/// A trust's OpenID Connect issuers (single sign-on).
extension API {
    static func registerIdentityProviders(_ router: inout Router) {
        router.add("GET", "/v1/identity-providers", .trustAdministration, listIdentityProviders)
        router.add("POST", "/v1/identity-providers", .trustAdministration, createIdentityProvider)
        router.add("GET", "/v1/identity-providers/{identity_provider_id}", .trustAdministration, getIdentityProvider)
        router.add("DELETE", "/v1/identity-providers/{identity_provider_id}", .trustAdministration,
                   deleteIdentityProvider)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/identity-providers
    /// List the trust's OpenID Connect issuers.
    @Sendable static func listIdentityProviders(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let page = try await IdentityProviderService(api.environment).list(page: try context.page(),
                                                                           in: try api.trustID(context))
        return Reply.json(ListPage(page, IdentityProviderResponse.init))
    }

    // POST /v1/identity-providers
    /// Trust an OpenID Connect issuer (Entra ID, Google Workspace) whose RS256/ES256 tokens, checked
    /// against its JWKS, sign people of this trust in.
    @Sendable static func createIdentityProvider(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(IdentityProviderInput.self,
                                    from: try Body.object(context.request, allowed: IdentityProviderInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let provider = try await IdentityProviderService(api.environment).create(input, in: trust,
                                                                                     audit: context.audit)
            return Reply.json(IdentityProviderResponse(provider), status: 201, etag: provider.version,
                              location: "/v1/identity-providers/\(provider.id.uuidString.lowercased())")
        }
    }

    // GET /v1/identity-providers/{identity_provider_id}
    /// Read an identity provider.
    @Sendable static func getIdentityProvider(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let provider = try await IdentityProviderService(api.environment).get(
            try context.uuid("identity_provider_id"), in: try api.trustID(context)) else {
            throw Problem.notFound("identity provider")
        }
        return Reply.json(IdentityProviderResponse(provider), etag: provider.version)
    }

    // DELETE /v1/identity-providers/{identity_provider_id}
    /// Stop trusting an issuer.
    @Sendable static func deleteIdentityProvider(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("identity_provider_id")
        let expected = try ETag.expectedVersion(context.request)
        switch try await IdentityProviderService(api.environment).delete(id, in: trust, expectedVersion: expected,
                                                                         audit: context.audit) {
        case .deleted: return Reply.noContent()
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("identity provider")
        }
    }
}
