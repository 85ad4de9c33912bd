import App
import Domain
import Foundation

/// A subscription as its managers see it; `secret` only in the answer to its creation.
struct WebhookSubscriptionResponse: ResponseBody {
    let id: UUID
    let url: String
    let description: String?
    let eventTypes: [String]
    let topics: [String]
    let state: String
    let disabledReason: String?
    let afterPosition: Int64
    let failingSince: Date?
    let nextAttemptAt: Date?
    let secret: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ s: WebhookSubscription, secret: String? = nil) {
        id = s.id
        url = s.url
        description = s.description
        eventTypes = s.eventTypes
        topics = s.topics.map(\.rawValue).sorted()
        state = s.state.rawValue
        disabledReason = s.disabledReason
        afterPosition = s.afterPosition
        failingSince = s.failingSince
        nextAttemptAt = s.nextAttemptAt
        self.secret = secret
        version = s.version
        createdAt = s.createdAt
        updatedAt = s.updatedAt
    }
}

/// One attempt of the delivery log.
struct WebhookDeliveryResponse: ResponseBody {
    let id: UUID
    let eventId: UUID
    let eventType: String
    let attempt: Int
    let replay: Bool
    let outcome: String
    let statusCode: Int?
    let error: String?
    let durationMs: Int
    let attemptedAt: Date

    init(_ d: WebhookDelivery) {
        id = d.id
        eventId = d.eventId
        eventType = d.eventType
        attempt = d.attempt
        replay = d.replay
        outcome = d.outcome
        statusCode = d.statusCode
        error = d.error
        durationMs = d.durationMs
        attemptedAt = d.attemptedAt
    }
}

struct WebhookReplayResponse: ResponseBody {
    let eventId: UUID
    let state: String
}
