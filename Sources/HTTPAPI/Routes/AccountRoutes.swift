import App
import Domain
import Foundation
import HTTPCore

/// Accounts of a trust's people, managed by its trust administrators (and the platform administrator).
extension API {
    static func registerAccounts(_ router: inout Router) {
        router.add("GET", "/v1/accounts", .trustAdministration, listAccounts)
        router.add("POST", "/v1/accounts", .trustAdministration, createAccount)
        router.add("GET", "/v1/accounts/{account_id}", .trustAdministration, getAccount)
        router.add("PATCH", "/v1/accounts/{account_id}", .trustAdministration, changeAccount)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/accounts
    /// List the trust's accounts.
    @Sendable static func listAccounts(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let trust = try api.trustID(context)
        let page = try await AccountService(api.environment).list(page: try context.page(), in: trust)
        return Reply.json(ListPage(page, AccountResponse.init))
    }

    // POST /v1/accounts
    /// Give a person an account (one per person; the email is unique across the service).
    @Sendable static func createAccount(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(AccountInput.self, from: try Body.object(context.request,
                                                                             allowed: AccountInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let account = try await AccountService(api.environment).create(input, in: trust, audit: context.audit)
            return Reply.json(AccountResponse(account), status: 201, etag: account.version,
                              location: "/v1/accounts/\(account.id.uuidString.lowercased())")
        }
    }

    // GET /v1/accounts/{account_id}
    /// Read an account.
    @Sendable static func getAccount(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let account = try await AccountService(api.environment).get(try context.uuid("account_id"),
                                                                          in: try api.trustID(context)) else {
            throw Problem.notFound("account")
        }
        return Reply.json(AccountResponse(account), etag: account.version)
    }

    // PATCH /v1/accounts/{account_id}
    /// Disable or re-enable an account, or set a new password. Either ends its sessions.
    @Sendable static func changeAccount(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("account_id")
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let change = try Body.decode(AccountChange.self, from: try Body.object(context.request,
                                                                               allowed: AccountChange.fields))
        try change.validate()
        let expected = try ETag.expectedVersion(context.request)
        switch try await AccountService(api.environment).change(id, change, in: trust, expectedVersion: expected,
                                                                audit: context.audit) {
        case .updated(let account):
            api.sessions.forgetAll() // this instance refuses the account's sessions at once
            return Reply.json(AccountResponse(account), etag: account.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("account")
        }
    }
}
