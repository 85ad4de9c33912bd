import App
import Domain
import Foundation
import HTTPCore

/// Reminder settings (issue 16 §5), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerReminderSettings(_ router: inout Router) {
        router.add("GET", "/v1/reminder-settings", .trustRead, getReminderSettings)
        router.add("PUT", "/v1/reminder-settings", .configurationWrite, putReminderSettings)
    }

    // GET /v1/reminder-settings
    @Sendable static func getReminderSettings(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let settings = try await ReminderService(api.environment).settings(in: try api.trustID(context))
        return Reply.json(ReminderSettingsResponse(settings), etag: settings.version)
    }

    // PUT /v1/reminder-settings
    @Sendable static func putReminderSettings(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decodeStrict(ReminderSettingsInput.self,
                                          from: try Body.object(context.request, allowed: ReminderSettingsInput.fields))
        let expected = try context.optionalExpectedVersion
        switch try await ReminderService(api.environment).save(input, expectedVersion: expected, in: trust,
                                                               audit: context.audit) {
        case .saved(let settings):
            return Reply.json(ReminderSettingsResponse(settings), etag: settings.version)
        case .preconditionRequired: throw Problem.preconditionRequired
        case .stale: throw Problem.preconditionFailed
        }
    }
}
