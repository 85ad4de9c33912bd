import App
import Domain
import Foundation
import HTTPCore

/// Each person's calendar feed (issue 16 §5), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerCalendarFeeds(_ router: inout Router) {
        router.add("POST", "/v1/me/calendar-feed", .authenticated, createCalendarFeed)
        router.add("DELETE", "/v1/me/calendar-feed", .authenticated, revokeCalendarFeed)
        // The token in the path is the credential: calendar clients send no headers.
        router.add("GET", "/v1/calendar-feeds/{token}", .anyone, produces: ["text/calendar"] + Router.json,
                   getCalendarFeed)
    }

    /// The person a calendar belongs to: users only (a key or the administrator has none).
    static func calendarOwner(_ context: Context) throws -> (person: UUID, trust: UUID) {
        switch context.actor {
        case .user(_, let person, let trust, _, _)?, .sso(_, let person, let trust, _)?: return (person, trust)
        default: throw Problem.forbidden("Only a person has a calendar: sign in as a user.")
        }
    }

    // POST /v1/me/calendar-feed
    @Sendable static func createCalendarFeed(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let owner = try calendarOwner(context)
        let token = try await CalendarFeedService(api.environment).create(for: owner.person, in: owner.trust,
                                                                          audit: context.audit)
        let path = "/v1/calendar-feeds/\(token)"
        return Reply.json(CalendarFeedResponse(path: path, token: token), status: 201, location: path)
    }

    // DELETE /v1/me/calendar-feed
    /// Idempotent: 204 whether or not a feed was live (afterwards, none is).
    @Sendable static func revokeCalendarFeed(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let owner = try calendarOwner(context)
        _ = try await CalendarFeedService(api.environment).revoke(for: owner.person, in: owner.trust,
                                                                  audit: context.audit)
        return Reply.noContent()
    }

    // GET /v1/calendar-feeds/{token}
    @Sendable static func getCalendarFeed(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let token = context.parameters["token"] ?? ""
        guard let text = try await CalendarFeedService(api.environment).feed(
            token: token, requestID: context.request.requestID, clientAddress: context.request.remoteAddress)
        else { throw Problem.notFound("calendar feed") }
        let headers = Headers([("Content-Type", "text/calendar; charset=utf-8"),
                               ("Cache-Control", "private, no-store")])
        return Response(status: 200, headers: headers, body: Data(text.utf8))
    }
}
