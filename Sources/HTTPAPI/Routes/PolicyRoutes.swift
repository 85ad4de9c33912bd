import App
import Domain
import Foundation
import HTTPCore

/// The five seed presets, and the trust's versioned policy (issue 4 §1).
extension API {
    static func registerPolicies(_ router: inout Router) {
        router.add("GET", "/v1/policy-presets", .trustRead, listPolicyPresets)
        router.add("GET", "/v1/policy-presets/{preset_id}", .trustRead, getPolicyPreset)
        router.add("GET", "/v1/policy", .trustRead, getPolicy)
        router.add("PUT", "/v1/policy", .configurationWrite, putPolicy)
        router.add("GET", "/v1/policy/versions", .trustRead, listPolicyVersions)
        router.add("GET", "/v1/policy/versions/{version}", .trustRead, getPolicyVersion)
        router.add("GET", "/v1/policy/resolved", .trustRead, getResolvedPolicy)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/policy-presets
    /// The five seed policies as presets, each value annotated with its section.
    @Sendable static func listPolicyPresets(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        return Reply.json(Items(items: PolicyPreset.all))
    }

    // GET /v1/policy-presets/{preset_id}
    /// One preset.
    @Sendable static func getPolicyPreset(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let preset = PolicyPreset.named(context.parameters["preset_id"] ?? "") else {
            throw Problem.notFound("policy preset")
        }
        return Reply.json(preset)
    }

    // GET /v1/policy
    /// The trust's current policy version (404 until one is set).
    @Sendable static func getPolicy(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let policy = try await PolicyService(api.environment).current(in: try api.trustID(context)) else {
            throw Problem.notFound("policy")
        }
        return Reply.json(PolicyVersionResponse(policy), etag: policy.version)
    }

    // PUT /v1/policy
    /// Set the policy: a preset by id, or a whole document. Each change is a new version; cycles keep the
    /// version they were opened under.
    @Sendable static func putPolicy(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let body = try Body.object(context.request, allowed: PolicyInput.fields)
        // `document: null` beside a preset is not "no document": the contract allows no null, so
        // neither does the route (decoding alone would read it as absent and accept it).
        if let field = body.keys.sorted().first(where: { body[$0] == .null }) {
            throw Problem.invalid(field: field, rule: "type", message: "must not be null: leave the field out instead")
        }
        let input = try Body.decodeStrict(PolicyInput.self, from: body)
        let expected = try context.optionalExpectedVersion
        return try await api.idempotent(context, trustID: trust) {
            switch try await PolicyService(api.environment).put(input, expectedVersion: expected, in: trust,
                                                                audit: context.audit) {
            case .created(let policy):
                let status = policy.version == 1 ? 201 : 200
                return Reply.json(PolicyVersionResponse(policy), status: status, etag: policy.version,
                                  location: "/v1/policy/versions/\(policy.version)")
            case .preconditionRequired: throw Problem.preconditionRequired
            case .stale: throw Problem.preconditionFailed
            }
        }
    }

    // GET /v1/policy/versions
    /// Every version, newest first; the cursor is the last version number seen.
    @Sendable static func listPolicyVersions(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let limit = try context.queryInt("limit", in: 1...PageRequest.maximumLimit) ?? 50
        let before = try context.queryInt("cursor", in: 1...Int(Int32.max))
        let page = try await PolicyService(api.environment).versions(before: before, limit: limit,
                                                                     in: try api.trustID(context))
        let items = page.items.map(PolicyVersionResponse.init)
        return Reply.json(ListPage(items: items, nextCursor: page.next.map(String.init)))
    }

    // GET /v1/policy/versions/{version}
    /// One version.
    @Sendable static func getPolicyVersion(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let number = try context.int("version", in: 1...Int(Int32.max))
        guard let policy = try await PolicyService(api.environment).version(number, in: try api.trustID(context)) else {
            throw Problem.notFound("policy version")
        }
        return Reply.json(PolicyVersionResponse(policy), etag: policy.version)
    }

    // GET /v1/policy/resolved
    /// The current policy as it applies to a unit, staff group and job title (overrides applied).
    @Sendable static func getResolvedPolicy(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["unit_id", "staff_group", "job_title"])
        guard let unit = try context.queryUUID("unit_id") else { throw Problem.invalidParameter("unit_id",
                "is required") }
        guard let group = try context.queryEnum("staff_group", Employment.StaffGroup.self) else {
            throw Problem.invalidParameter("staff_group", "is required")
        }
        let title = try context.queryText("job_title") ?? ""
        guard let policy = try await PolicyService(api.environment).current(in: try api.trustID(context)) else {
            throw Problem.notFound("policy")
        }
        return Reply.json(ResolvedPolicy(version: policy.version,
                                         document: policy.document.resolved(unitId: unit, staffGroup: group,
                                                                            jobTitle: title)))
    }
}
