import App
import Domain
import Foundation
import HTTPCore

/// A trust's OpenID Connect issuers (single sign-on).
extension API {
    static func registerIdentityProviders(_ router: inout Router) {
        router.add("GET", "/v1/identity-providers", .trustAdministration) { api, context in
            try context.allowQuery(["limit", "cursor"])
            let page = try await IdentityProviderService(api.environment).list(page: try context.page(), in: try api.trustID(context))
            return Reply.json(ListPage(page, IdentityProviderResponse.init))
        }
        router.add("POST", "/v1/identity-providers", .trustAdministration) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            try Body.requireMediaType(context.request, accepted: [Body.json])
            let input = try Body.decode(IdentityProviderInput.self,
                                        from: try Body.object(context.request, allowed: IdentityProviderInput.fields))
            return try await api.idempotent(context, trustID: trust) {
                let provider = try await IdentityProviderService(api.environment).create(input, in: trust, audit: context.audit)
                return Reply.json(IdentityProviderResponse(provider), status: 201, etag: provider.version,
                                  location: "/v1/identity-providers/\(provider.id.uuidString.lowercased())")
            }
        }
        router.add("GET", "/v1/identity-providers/{identity_provider_id}", .trustAdministration) { api, context in
            try context.allowQuery([])
            guard let provider = try await IdentityProviderService(api.environment).get(
                try context.uuid("identity_provider_id"), in: try api.trustID(context)) else {
                throw Problem.notFound("identity provider")
            }
            return Reply.json(IdentityProviderResponse(provider), etag: provider.version)
        }
        router.add("DELETE", "/v1/identity-providers/{identity_provider_id}", .trustAdministration) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try context.uuid("identity_provider_id")
            let expected = try ETag.expectedVersion(context.request)
            switch try await IdentityProviderService(api.environment).delete(id, in: trust, expectedVersion: expected, audit: context.audit) {
            case .deleted: return Reply.noContent()
            case .stale: throw Problem.preconditionFailed
            case .notFound: throw Problem.notFound("identity provider")
            }
        }
    }
}
