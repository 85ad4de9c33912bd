import App
import Domain
import Foundation
import HTTPCore

/// Moderation rounds and their items (issue 13 §3). Who may do what is the use case's
/// (`ModerationService`); every signed-in person reaches the routes.
extension API {
    static func registerModeration(_ router: inout Router) {
        router.add("GET", "/v1/moderation-rounds", .cycleRead, listModerationRounds)
        router.add("POST", "/v1/moderation-rounds", .appraisalRecordWrite, openModerationRound)
        router.add("GET", "/v1/moderation-rounds/{round_id}", .cycleRead, getModerationRound)
        router.add("POST", "/v1/moderation-rounds/{round_id}/close", .appraisalRecordWrite, closeModerationRound)
        router.add("GET", "/v1/moderation-items/{item_id}", .cycleRead, getModerationItem)
        router.add("POST", "/v1/moderation-items/{item_id}/transitions", .appraisalRecordWrite,
                   transitionModerationItem)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/moderation-rounds
    /// The rounds the caller manages or moderates, oldest first; `cycle_id` narrows them.
    @Sendable static func listModerationRounds(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["cycle_id"])
        let trust = try api.trustID(context)
        let cycle = try context.queryUUID("cycle_id")
        let rounds = try await api.recording {
            try await ModerationService(api.environment).list(cycle: cycle, in: trust, caller: context.recordCaller)
        }
        return Reply.json(Items(items: rounds.map { ModerationRoundResponse($0) }))
    }

    // POST /v1/moderation-rounds
    /// Open a round and draw its items: all of the scope's, or the share of each reviewer's.
    @Sendable static func openModerationRound(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(ModerationRoundInput.self,
                                    from: try Body.object(context.request, allowed: ModerationRoundInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let (round, drawn) = try await api.recording {
                try await ModerationService(api.environment).open(input, in: trust, caller: context.recordCaller)
            }
            return Reply.json(ModerationRoundResponse(round, items: drawn), status: 201, etag: round.version,
                              location: "/v1/moderation-rounds/\(round.id.uuidString.lowercased())")
        }
    }

    // GET /v1/moderation-rounds/{round_id}
    /// The round, its outcome so far and its items.
    @Sendable static func getModerationRound(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("round_id")
        let (round, items) = try await api.recording {
            try await ModerationService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        let now = api.environment.clock.now()
        return Reply.json(ModerationRoundDetailResponse(round: ModerationRoundResponse(round, items: items.count),
                                                        items: items.map { ModerationItemResponse($0, now: now) }),
                          etag: round.version)
    }

    // POST /v1/moderation-rounds/{round_id}/close
    /// Close the round: its outcome, by reviewer and outcome, is fixed.
    @Sendable static func closeModerationRound(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("round_id")
        let round = try await api.recording {
            try await ModerationService(api.environment).close(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ModerationRoundResponse(round), etag: round.version)
    }

    // GET /v1/moderation-items/{item_id}
    /// One item; a moderator also reads its subject (audited).
    @Sendable static func getModerationItem(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("item_id")
        let view = try await api.recording {
            try await ModerationService(api.environment).item(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ModerationItemResponse(view.item, statement: view.statement, objectives: view.objectives,
                                                 payRecommendation: view.payRecommendation,
                                                 now: api.environment.clock.now()), etag: view.item.version)
    }

    // POST /v1/moderation-items/{item_id}/transitions
    /// Agree or return it (a moderator, with a comment to return), or resubmit it once revised
    /// (the appraisal's reviewer).
    @Sendable static func transitionModerationItem(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("item_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(ModerationItemTransition.self,
                                    from: try Body.object(context.request, allowed: ModerationItemTransition.fields))
        let item = try await api.recording {
            try await ModerationService(api.environment).transition(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ModerationItemResponse(item, now: api.environment.clock.now()), etag: item.version)
    }
}
