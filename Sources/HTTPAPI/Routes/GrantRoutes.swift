import App
import Domain
import Foundation
import HTTPCore

/// Role grants of a trust: given, listed, read, taken away.
extension API {
    static func registerGrants(_ router: inout Router) {
        router.add("GET", "/v1/grants", .trustAdministration, listGrants)
        router.add("POST", "/v1/grants", .trustAdministration, createGrant)
        router.add("GET", "/v1/grants/{grant_id}", .trustAdministration, getGrant)
        router.add("DELETE", "/v1/grants/{grant_id}", .trustAdministration, revokeGrant)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/grants
    /// List the trust's role grants.
    @Sendable static func listGrants(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["person_id", "limit", "cursor"])
        let page = try await GrantService(api.environment).list(person: try context.queryUUID("person_id"),
                                                                page: try context.page(),
                                                                in: try api.trustID(context))
        return Reply.json(ListPage(page, GrantResponse.init))
    }

    // POST /v1/grants
    /// Give a person a role, trust-wide or in one unit (unit roles need unit_id; the others refuse it).
    @Sendable static func createGrant(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(GrantInput.self, from: try Body.object(context.request, allowed: GrantInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let grant = try await GrantService(api.environment).create(input, in: trust, audit: context.audit)
            api.sessions.forgetAll() // the person's next request on this instance sees the role
            return Reply.json(GrantResponse(grant), status: 201, etag: grant.version,
                              location: "/v1/grants/\(grant.id.uuidString.lowercased())")
        }
    }

    // GET /v1/grants/{grant_id}
    /// Read a grant.
    @Sendable static func getGrant(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let grant = try await GrantService(api.environment).get(try context.uuid("grant_id"),
                                                                      in: try api.trustID(context)) else {
            throw Problem.notFound("grant")
        }
        return Reply.json(GrantResponse(grant), etag: grant.version)
    }

    // DELETE /v1/grants/{grant_id}
    /// Take a role away (refused at once by this instance, within 30 seconds everywhere).
    @Sendable static func revokeGrant(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("grant_id")
        let expected = try ETag.expectedVersion(context.request)
        switch try await GrantService(api.environment).revoke(id, in: trust, expectedVersion: expected,
                                                              audit: context.audit) {
        case .deleted:
            api.sessions.forgetAll() // taken away at once on this instance, within 30 s everywhere
            return Reply.noContent()
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("grant")
        }
    }
}
