import App
import Domain
import Foundation
import HTTPCore

/// Trust priorities, improvement plan items and job description items that objectives link to
/// (issue 5 §1). Not confidential; kept by trust admins and HR.
extension API {
    static func registerPlanItems(_ router: inout Router) {
        router.add("GET", "/v1/plan-items", .trustRead, listPlanItems)
        router.add("POST", "/v1/plan-items", .configurationWrite, createPlanItem)
        router.add("GET", "/v1/plan-items/{plan_item_id}", .trustRead, getPlanItem)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/plan-items
    /// Trust priorities, improvement plan items (per unit) and job description items (per role) that
    /// objectives link to.
    @Sendable static func listPlanItems(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["kind", "unit_id", "job_title", "limit", "cursor"])
        let page = try await PlanItemService(api.environment).list(
            kind: try context.queryEnum("kind", PlanItem.Kind.self), unit: try context.queryUUID("unit_id"),
            jobTitle: try context.queryText("job_title",
                                            max: 200), page: try context.page(), in: try api.trustID(context))
        return Reply.json(ListPage(page, PlanItemResponse.init))
    }

    // POST /v1/plan-items
    /// Add a plan item (trust admin or HR).
    @Sendable static func createPlanItem(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(PlanItemInput.self, from: try Body.object(context.request,
                                                                              allowed: PlanItemInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let item = try await PlanItemService(api.environment).create(input, in: trust, audit: context.audit)
            return Reply.json(PlanItemResponse(item), status: 201, etag: item.version,
                              location: "/v1/plan-items/\(item.id.uuidString.lowercased())")
        }
    }

    // GET /v1/plan-items/{plan_item_id}
    /// One plan item.
    @Sendable static func getPlanItem(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let item = try await PlanItemService(api.environment).get(try context.uuid("plan_item_id"),
                                                                        in: try api.trustID(context)) else {
            throw Problem.notFound("plan item")
        }
        return Reply.json(PlanItemResponse(item), etag: item.version)
    }
}
