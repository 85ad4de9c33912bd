import App
import Domain
import Foundation
import HTTPCore

/// The change feed (issue 16 §3), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerEvents(_ router: inout Router) {
        router.add("GET", "/v1/events", .eventsRead, listEvents)
    }

    // GET /v1/events
    /// The trust's changes after a position, oldest first, of the kinds the caller reads.
    @Sendable static func listEvents(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["after", "limit", "type"])
        let after = try context.queryInt("after", in: 0...Int(Int64.max)) ?? 0
        let limit = try context.queryInt("limit", in: 1...PageRequest.maximumLimit) ?? 100
        let types = try eventTypes(context.queryValue("type"))
        let page = try await ChangeFeedService(api.environment).list(
            after: Int64(after), limit: limit, types: types, in: try api.trustID(context),
            caller: context.actor!.caller)
        return Reply.json(ChangeFeedPage(page))
    }

    /// `type=employment.update,cycle.open`: each a resource type and an action.
    static func eventTypes(_ text: String?) throws -> [String] {
        guard let text else { return [] }
        let types = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard types.count <= 50, types.allSatisfy(ChangeFeed.isEventType) else {
            throw Problem.invalidParameter("type",
                                           "must be up to 50 comma-separated event types such as employment.update")
        }
        return types
    }
}
