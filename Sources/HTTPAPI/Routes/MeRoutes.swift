import App
import Domain
import Foundation
import HTTPCore

/// The caller's own description, and what it may do — so fronts show the right buttons and
/// integrators can check a key before using it.
extension API {
    struct Me: ResponseBody {
        let kind: String
        let trustId: UUID?
        let apiKeyId: UUID?
        let accountId: UUID?
        let personId: UUID?
        let scopes: [APIScope]?
        let roles: [Role]?
        let permissions: [String]
        let grants: [GrantResponse]?
        let relationships: Relationships?
    }

    /// How the caller stands to other staff (issue 3 §3): their own employments, those they
    /// line-manage down the chain, the units they head.
    struct Relationships: Encodable {
        // Strings, not [UUID]: Foundation writes UUIDs in upper case, and the lower-casing
        // overloads in Domain/Identifiers.swift only catch single UUID properties.
        let employments: [String]
        let lineManages: [String]
        let headOf: [String]
        let reviews: [String]
    }

    struct ResourcePermissions: ResponseBody {
        let resource: String
        let actions: [String]
    }

    static func registerMe(_ router: inout Router) {
        router.add("GET", "/v1/me", .authenticated, getMe)
        router.add("GET", "/v1/me/permissions", .authenticated, getMyPermissions)
    }
}


extension API {
    /// Whether a route the caller may use in general reaches this object: staff records and
    /// appraisals are narrowed by relationship exactly as their handlers narrow them, so a
    /// front never shows a button that would answer 404.
    func reaches(_ route: Router.Route, _ parameters: [String: String], _ context: Context) async throws -> Bool {
        guard let trust = try? trustID(context) else { return true }
        if route.permission == .relatedStaffRead, let me = context.personNeedingRelationship {
            let caller = try require(context.actor).caller
            if let id = parameters["employment_id"].flatMap(UUID.init(uuidString:)) {
                return try await ResourceService<Employments>(environment)
                    .mayRead(id, in: trust, caller: caller, person: me) == .allow
            } else if let id = parameters["person_id"].flatMap(UUID.init(uuidString:)) {
                return try await ResourceService<People>(environment)
                    .mayRead(id, in: trust, caller: caller, person: me) == .allow
            }
            return true // a list: narrowed, never refused
        }
        // An appraisal, or an item of its record: the use case's own access decision.
        guard !route.record.isEmpty else { return true }
        let target: RecordTarget
        if let text = parameters["appraisal_id"] {
            guard let id = UUID(uuidString: text) else { return false }
            target = .appraisal(id)
        } else if let (name, kind) = RecordItemKind.parameters.first(where: { parameters[$0.key] != nil }) {
            guard let id = parameters[name].flatMap(UUID.init(uuidString:)) else { return false }
            target = .item(kind, id)
        } else {
            return true
        }
        return try await RecordAccessService(environment).allows(route.record, on: target, in: trust,
                                                                 caller: context.recordCaller)
    }
}

/// Unwraps what the pipeline guarantees (an authenticated actor on an authenticated route).
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw Problem.internalError }
    return value
}

extension API.Relationships {
    init(_ standing: PersonStanding) {
        func text(_ ids: [UUID]) -> [String] { ids.map { $0.uuidString.lowercased() } }
        self.init(employments: text(standing.employments), lineManages: text(standing.lineManages), headOf: text(standing.headOf),
                  reviews: text(standing.reviews))
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/me
    /// The caller — platform administrator or API key (trust, scopes) — and the permissions it holds.
    @Sendable static func getMe(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let actor = try require(context.actor)
        let held = Permission.allCases.filter { Authorization.decide(actor.caller, $0) == .allow }.map(\.rawValue)
        switch actor {
        case .bootstrapAdministrator:
            return Reply.json(Me(kind: "platform_admin", trustId: nil, apiKeyId: nil, accountId: nil, personId: nil,
                                 scopes: nil, roles: nil, permissions: held, grants: nil, relationships: nil))
        case .apiKey(let id, let trust, let scopes):
            return Reply.json(Me(kind: "api_key", trustId: trust, apiKeyId: id, accountId: nil, personId: nil,
                                 scopes: scopes.sorted(), roles: nil, permissions: held, grants: nil,
                                 relationships: nil))
        case .user(let account, let person, let trust, _, let roles):
            let standing = try await GrantService(api.environment).standing(of: person, in: trust)
            return Reply.json(Me(kind: "user", trustId: trust, apiKeyId: nil, accountId: account, personId: person,
                                 scopes: nil, roles: roles.sorted(), permissions: held,
                                 grants: standing.grants.map(GrantResponse.init),
                                 relationships: Relationships(standing)))
        case .sso(_, let person, let trust, let roles):
            let standing = try await GrantService(api.environment).standing(of: person, in: trust)
            return Reply.json(Me(kind: "user", trustId: trust, apiKeyId: nil, accountId: nil, personId: person,
                                 scopes: nil, roles: roles.sorted(), permissions: held,
                                 grants: standing.grants.map(GrantResponse.init),
                                 relationships: Relationships(standing)))
        }
    }

    // GET /v1/me/permissions
    /// The methods the caller may use on a resource path, so fronts can show the right buttons.
    @Sendable static func getMyPermissions(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["resource"])
        // Scalars, not Characters: "/" followed by a combining mark is one Character in Swift.
        guard let resource = context.queryValue("resource"), resource.utf8.first == UInt8(ascii: "/"),
              resource.unicodeScalars.count <= 500,
              !resource.unicodeScalars.contains("?"), !resource.unicodeScalars.contains("\u{0}") else {
            throw Problem.invalidParameter("resource", "must be an API path such as /v1/units/{id}")
        }
        let actor = try require(context.actor)
        var actions: [String] = []
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            if case .found(let route, let parameters) = api.router.match(method: method, path: resource),
               Authorization.decide(actor.caller, route.permission) == .allow,
               try await api.reaches(route, parameters, context) {
                actions.append(method)
            }
        }
        return Reply.json(ResourcePermissions(resource: resource, actions: actions))
    }
}
