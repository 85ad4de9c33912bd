import App
import Domain
import Foundation
import HTTPCore

/// Webhook subscriptions (issue 16 §4), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerWebhooks(_ router: inout Router) {
        let item = "/v1/webhook-subscriptions/{subscription_id}"
        router.add("GET", "/v1/webhook-subscriptions", .webhooksManage, listWebhookSubscriptions)
        router.add("POST", "/v1/webhook-subscriptions", .webhooksManage, createWebhookSubscription)
        router.add("GET", item, .webhooksManage, getWebhookSubscription)
        router.add("PATCH", item, .webhooksManage, updateWebhookSubscription)
        router.add("DELETE", item, .webhooksManage, deleteWebhookSubscription)
        router.add("GET", item + "/deliveries", .webhooksManage, listWebhookDeliveries)
        router.add("POST", item + "/replays", .webhooksManage, replayWebhookEvent)
    }

    var webhooks: WebhookService { WebhookService(environment, allowHTTP: configuration.webhookAllowHTTP) }

    // GET /v1/webhook-subscriptions
    @Sendable static func listWebhookSubscriptions(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let page = try await api.webhooks.list(page: try context.page(), in: try api.trustID(context))
        return Reply.json(ListPage(page) { WebhookSubscriptionResponse($0) })
    }

    // POST /v1/webhook-subscriptions
    @Sendable static func createWebhookSubscription(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let input = try decodeBody(WebhookSubscriptionInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let (made, secret) = try await api.webhooks.create(input, in: trust, caller: context.actor!.caller,
                                                               audit: context.audit)
            return Reply.json(WebhookSubscriptionResponse(made, secret: secret), status: 201, etag: made.version,
                              location: "/v1/webhook-subscriptions/\(made.id.uuidString.lowercased())")
        }
    }

    // GET /v1/webhook-subscriptions/{subscription_id}
    @Sendable static func getWebhookSubscription(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let found = try await api.webhooks.get(try context.uuid("subscription_id"), in: try api.trustID(context))
        else { throw Problem.notFound("webhook subscription") }
        return Reply.json(WebhookSubscriptionResponse(found), etag: found.version)
    }

    // PATCH /v1/webhook-subscriptions/{subscription_id}
    @Sendable static func updateWebhookSubscription(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("subscription_id")
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let patch = try Body.object(context.request, allowed: WebhookSubscriptionInput.fields)
        let expected = try ETag.expectedVersion(context.request)
        let result = try await api.webhooks.update(id, expectedVersion: expected, in: trust,
                                                   caller: context.actor!.caller, audit: context.audit) {
            try Body.merge(patch, into: $0)
        }
        switch result {
        case .updated(let updated): return Reply.json(WebhookSubscriptionResponse(updated), etag: updated.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("webhook subscription")
        }
    }

    // DELETE /v1/webhook-subscriptions/{subscription_id}
    @Sendable static func deleteWebhookSubscription(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("subscription_id")
        let expected = try ETag.expectedVersion(context.request)
        switch try await api.webhooks.delete(id, expectedVersion: expected, in: trust, audit: context.audit) {
        case .deleted: return Reply.noContent()
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("webhook subscription")
        }
    }

    // GET /v1/webhook-subscriptions/{subscription_id}/deliveries
    @Sendable static func listWebhookDeliveries(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        guard let page = try await api.webhooks.deliveries(try context.uuid("subscription_id"),
                                                           page: try context.page(), in: try api.trustID(context))
        else { throw Problem.notFound("webhook subscription") }
        return Reply.json(ListPage(page, WebhookDeliveryResponse.init))
    }

    // POST /v1/webhook-subscriptions/{subscription_id}/replays
    @Sendable static func replayWebhookEvent(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let request = try decodeBody(WebhookReplayInput.self, context)
        let queued = try await api.webhooks.replay(try context.uuid("subscription_id"), event: request.eventId,
                                                   in: trust, audit: context.audit)
        guard queued else { throw Problem.notFound("webhook subscription") }
        return Reply.json(WebhookReplayResponse(eventId: request.eventId, state: "queued"), status: 202)
    }
}

/// `{"event_id": …}`: the past event to send again.
struct WebhookReplayInput: Codable, Sendable, ValidatedInput {
    let eventId: UUID
    static let fields: Set<String> = ["event_id"]
    func validate() throws {}
}
