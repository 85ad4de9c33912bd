import Domain
import Foundation
import Outbound
import Postgres
import Store

/// Delivers each subscription's events in feed order (issue 16 §4). Run by the server's
/// background service every second; the outbox is its queue, so a restart resumes where the
/// last acknowledged delivery left off. A subscription is leased while one worker delivers to
/// it: never two deliveries to one subscription at once, in this process or another.
public struct WebhookDispatcher: Sendable {
    public struct Configuration: Sendable {
        public var sender = WebhookSender.Configuration()
        /// Multiplies the retry schedule's delays (tests shrink three days to moments).
        public var retryScale = 1.0
        public var lease: TimeInterval = 120
        public var batch = 50
        public init() {}
    }

    let environment: AppEnvironment
    let configuration: Configuration
    let sender: WebhookSender

    public init(_ environment: AppEnvironment, configuration: Configuration) {
        self.environment = environment
        self.configuration = configuration
        sender = WebhookSender(configuration.sender)
    }

    /// One pass over every due subscription (of one trust, if given); how many events were
    /// delivered.
    @discardableResult
    public func runOnce(in trust: UUID? = nil) async throws -> Int {
        let now = environment.clock.now()
        let due = try await environment.transaction(.platform) { db in
            try WebhookDeliveryStore.due(at: now, in: trust, on: db)
        }
        var delivered = 0
        for subscription in due {
            // A stopping server stops between subscriptions; leases and the outbox keep the rest.
            try Task.checkCancellation()
            delivered += try await deliver(subscription.id, in: subscription.trust)
        }
        return delivered
    }

    func deliver(_ id: UUID, in trust: UUID) async throws -> Int {
        let now = environment.clock.now()
        let lease = configuration.lease
        guard let (subscription, secret) = try await environment.transaction(.trust(trust), { db in
            try WebhookDeliveryStore.claim(id, until: now.addingTimeInterval(lease), now: now, on: db)
        }) else { return 0 }
        var delivered = 0
        do {
            try await replay(subscription, secret: secret)
            delivered = try await deliverInOrder(subscription, secret: secret)
        } catch {
            try? await environment.transaction(.trust(trust)) { db in try WebhookDeliveryStore.release(id, on: db) }
            throw error
        }
        try await environment.transaction(.trust(trust)) { db in try WebhookDeliveryStore.release(id, on: db) }
        return delivered
    }

    /// The subscription's next events, each sent until one fails: that one is retried on the
    /// schedule and the rest wait behind it, so a receiver sees them in order.
    func deliverInOrder(_ subscription: WebhookSubscription, secret: String) async throws -> Int {
        var current = subscription
        let events = try await environment.pool.read(trustID: subscription.trustId,
                                                     WebhookDeliveryStore.nextEventsQuery(subscription,
                                                                                          limit: configuration.batch),
                                                     ChangeEventStore.decode)
        var delivered = 0
        for event in events {
            let attempt = try await send(event, to: current, secret: secret, attempt: current.attempts + 1,
                                         replay: false)
            let now = environment.clock.now()
            if attempt.delivered {
                current.afterPosition = event.position
                current.attempts = 0
                current.failingSince = nil
                current.nextAttemptAt = nil
            } else {
                current.attempts += 1
                current.failingSince = current.failingSince ?? now
            }
            try await save(current, attempt: attempt, at: now)
            guard attempt.delivered else { break }
            delivered += 1
        }
        return delivered
    }

    /// Records the attempt with the subscription's new place; after the schedule's last
    /// failure the subscription is disabled and the trust told on its feed (and in its audit log).
    func save(_ subscription: WebhookSubscription, attempt: WebhookDeliveryStore.Attempt, at now: Date) async throws {
        var next = subscription
        var disabled = false
        if !attempt.delivered {
            if let delay = WebhookRetrySchedule.delay(afterAttempts: next.attempts, scale: configuration.retryScale) {
                next.nextAttemptAt = now.addingTimeInterval(delay)
            } else {
                next.state = .disabled
                let last = attempt.error ?? "HTTP \(attempt.statusCode ?? 0)"
                next.disabledReason = "\(next.attempts) attempts failed; the last: \(last)"
                next.nextAttemptAt = nil
                disabled = true
            }
        }
        let final = next
        let told = disabled
        try await environment.transaction(.trust(next.trustId)) { [environment] db in
            try WebhookDeliveryStore.record(attempt, for: final, on: db)
            try WebhookDeliveryStore.save(final, at: now, on: db)
            if told {
                try environment.audit(.init(trustId: final.trustId, action: "disable",
                                            resourceType: "webhook_subscription", resourceId: final.id,
                                            changedFields: ["state", "disabled_reason"]),
                                      .system, at: now, on: db)
            }
        }
    }

    /// Replays asked for: each sent once, logged, and removed, whatever the outcome.
    func replay(_ subscription: WebhookSubscription, secret: String) async throws {
        let replays = try await environment.transaction(.trust(subscription.trustId)) { db in
            try WebhookDeliveryStore.replays(of: subscription, on: db)
        }
        for replay in replays {
            let attempt = try await send(replay.event, to: subscription, secret: secret, attempt: 1, replay: true)
            try await environment.transaction(.trust(subscription.trustId)) { db in
                try WebhookDeliveryStore.record(attempt, for: subscription, on: db)
                try WebhookDeliveryStore.removeReplay(replay.id, on: db)
            }
        }
    }

    func send(_ event: ChangeEvent, to subscription: WebhookSubscription, secret: String, attempt: Int,
              replay: Bool) async throws -> WebhookDeliveryStore.Attempt {
        let now = environment.clock.now()
        let body = try WebhookPayload.body(event, at: now)
        let result = await sender.send(url: subscription.url, id: event.id.uuidString.lowercased(), body: body,
                                       secret: secret, at: now)
        let milliseconds = Int(result.duration.components.seconds * 1_000
                               + result.duration.components.attoseconds / 1_000_000_000_000_000)
        return .init(id: environment.newID(), event: event, attempt: attempt, replay: replay,
                     statusCode: result.statusCode, error: result.error, milliseconds: milliseconds, at: now)
    }
}

/// The body of a delivery, as Standard Webhooks lays it out: type, timestamp, data — the
/// feed's event, identifiers and field names only.
struct WebhookPayload: Encodable {
    struct Data: Encodable {
        let position: Int64
        let id: UUID
        let type: String
        let topic: String
        let resourceType: String
        let resourceId: UUID?
        let subjectPersonId: UUID?
        let changedFields: [String]
        let occurredAt: Date
    }
    let type: String
    let timestamp: Date
    let data: Data

    static func body(_ event: ChangeEvent, at now: Date) throws -> String {
        try SnakeCaseJSON.encode(WebhookPayload(
            type: event.type, timestamp: now,
            data: Data(position: event.position, id: event.id, type: event.type, topic: event.topic.rawValue,
                       resourceType: event.resourceType, resourceId: event.resourceId,
                       subjectPersonId: event.subjectPersonId, changedFields: event.changedFields,
                       occurredAt: event.occurredAt)))
    }
}
