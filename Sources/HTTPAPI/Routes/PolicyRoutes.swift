import App
import Domain
import Foundation
import HTTPCore

/// The five seed presets, and the trust's versioned policy (issue 4 §1).
extension API {
    static func registerPolicies(_ router: inout Router) {
        router.add("GET", "/v1/policy-presets", .trustRead) { _, context in
            try context.allowQuery([])
            return Reply.json(Items(items: PolicyPreset.all))
        }
        router.add("GET", "/v1/policy-presets/{preset_id}", .trustRead) { _, context in
            try context.allowQuery([])
            guard let preset = PolicyPreset.named(context.parameters["preset_id"] ?? "") else { throw Problem.notFound("policy preset") }
            return Reply.json(preset)
        }
        router.add("GET", "/v1/policy", .trustRead) { api, context in
            try context.allowQuery([])
            guard let policy = try await PolicyService(api.environment).current(in: try api.trustID(context)) else {
                throw Problem.notFound("policy")
            }
            return Reply.json(PolicyVersionResponse(policy), etag: policy.version)
        }
        router.add("PUT", "/v1/policy", .configurationWrite) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            try Body.requireMediaType(context.request, accepted: [Body.json])
            let input = try Body.decodeStrict(PolicyInput.self, from: try Body.object(context.request, allowed: PolicyInput.fields))
            let expected = try context.optionalExpectedVersion
            return try await api.idempotent(context, trustID: trust) {
                switch try await PolicyService(api.environment).put(input, expectedVersion: expected, in: trust, audit: context.audit) {
                case .created(let policy):
                    let status = policy.version == 1 ? 201 : 200
                    return Reply.json(PolicyVersionResponse(policy), status: status, etag: policy.version,
                                      location: "/v1/policy/versions/\(policy.version)")
                case .preconditionRequired: throw Problem.preconditionRequired
                case .stale: throw Problem.preconditionFailed
                }
            }
        }
        router.add("GET", "/v1/policy/versions", .trustRead) { api, context in
            try context.allowQuery(["limit", "cursor"])
            let limit = try context.queryInt("limit", in: 1...PageRequest.maximumLimit) ?? 50
            let before = try context.queryInt("cursor", in: 1...Int(Int32.max))
            let page = try await PolicyService(api.environment).versions(before: before, limit: limit, in: try api.trustID(context))
            let items = page.items.map(PolicyVersionResponse.init)
            return Reply.json(ListPage(items: items, nextCursor: page.next.map(String.init)))
        }
        router.add("GET", "/v1/policy/versions/{version}", .trustRead) { api, context in
            try context.allowQuery([])
            let number = try context.int("version", in: 1...Int(Int32.max))
            guard let policy = try await PolicyService(api.environment).version(number, in: try api.trustID(context)) else {
                throw Problem.notFound("policy version")
            }
            return Reply.json(PolicyVersionResponse(policy), etag: policy.version)
        }
        router.add("GET", "/v1/policy/resolved", .trustRead) { api, context in
            try context.allowQuery(["unit_id", "staff_group", "job_title"])
            guard let unit = try context.queryUUID("unit_id") else { throw Problem.invalidParameter("unit_id", "is required") }
            guard let group = try context.queryEnum("staff_group", Employment.StaffGroup.self) else {
                throw Problem.invalidParameter("staff_group", "is required")
            }
            let title = try context.queryText("job_title") ?? ""
            guard let policy = try await PolicyService(api.environment).current(in: try api.trustID(context)) else {
                throw Problem.notFound("policy")
            }
            return Reply.json(ResolvedPolicy(version: policy.version,
                                             document: policy.document.resolved(unitId: unit, staffGroup: group, jobTitle: title)))
        }
    }
}
