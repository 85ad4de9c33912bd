import App
import Domain
import Foundation
import HTTPCore

/// The audit log of a trust, filtered and paginated; reading it is itself audited.
extension API {
    static func registerAuditEvents(_ router: inout Router) {
        router.add("GET", "/v1/audit-events", .auditRead, listAuditEvents)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/audit-events
    /// The trust's audit log in chain order, filtered. Each read is itself audited.
    @Sendable static func listAuditEvents(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["subject", "actor", "resource_type", "resource_id", "action", "from", "to", "limit",
                                "cursor"])
        let filter = AuditFilter(
            subjectPersonId: try context.queryUUID("subject"), actorId: try context.queryText("actor", max: 200),
            resourceType: try context.queryText("resource_type",
                                                max: 100), resourceId: try context.queryUUID("resource_id"),
            action: try context.queryText("action", max: 100), from: try context.queryInstant("from"),
            to: try context.queryInstant("to"))
        let page = try await AuditLogService(api.environment).list(filter, page: try context.page(),
                                                                   in: try api.trustID(context), audit: context.audit)
        return Reply.json(ListPage(page, AuditEventResponse.init))
    }
}
