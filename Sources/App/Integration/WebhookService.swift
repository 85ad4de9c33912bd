import Domain
import Foundation
import Outbound
import Postgres
import Store

/// A trust's webhook subscriptions (issue 16 §4), managed by whoever `ChangeFeed.managesWebhooks`
/// allows (the route's permission). A subscription delivers what its creator could read.
public struct WebhookService: Sendable {
    let environment: AppEnvironment
    /// Plain http URLs, for tests (`APPRAISE_WEBHOOK_ALLOW_HTTP`).
    let allowHTTP: Bool
    public init(_ environment: AppEnvironment, allowHTTP: Bool) {
        self.environment = environment
        self.allowHTTP = allowHTTP
    }

    /// The new subscription and its signing secret, shown only now.
    public func create(_ input: WebhookSubscriptionInput, in trust: UUID, caller: Caller,
                       audit: AuditContext) async throws -> (WebhookSubscription, secret: String) {
        try check(input)
        let topics = ChangeFeed.topics(readBy: caller)
        try Self.checkTypes(input.eventTypes ?? [], readable: topics)
        let now = environment.clock.now()
        let secret = StandardWebhooks.newSecret()
        let draft = WebhookSubscription(
            id: environment.newID(), trustId: trust, url: input.url, description: input.description,
            eventTypes: input.eventTypes ?? [], topics: topics, state: .active, disabledReason: nil, afterPosition: 0,
            attempts: 0, failingSince: nil, nextAttemptAt: nil, version: 1, createdAt: now, updatedAt: now)
        let made = try await environment.transaction(.trust(trust)) { [environment] db in
            let made = try WebhookStore.insert(draft, secret: secret, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "webhook_subscription",
                                        resourceId: made.id, changedFields: FieldNames.set(input)),
                                  audit, at: now, on: db)
            return made
        }
        return (made, secret)
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> WebhookSubscription? {
        try await environment.transaction(.trust(trust)) { db in try WebhookStore.find(id, on: db) }
    }

    public func list(page: PageRequest, in trust: UUID) async throws -> Page<WebhookSubscription> {
        let rows = try await environment.pool.read(trustID: trust, WebhookStore.listQuery(page: page),
                                                   WebhookStore.decode)
        return makePage(rows, limit: page.limit, id: \.id)
    }

    /// A change of url, description, types or state. Re-enabling resumes from where delivery
    /// stopped, with the failure count cleared.
    public func update(_ id: UUID, expectedVersion: Int, in trust: UUID, caller: Caller, audit: AuditContext,
                       change: @escaping @Sendable (WebhookSubscriptionInput) throws -> WebhookSubscriptionInput)
        async throws -> VersionedUpdate<WebhookSubscription> {
        let now = environment.clock.now()
        let allowHTTP = allowHTTP
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard var current = try WebhookStore.find(id, on: db) else { return .notFound }
            let before = WebhookSubscriptionInput(url: current.url, description: current.description,
                                                  eventTypes: current.eventTypes, state: current.state)
            let input = try change(before)
            try Self.check(input, allowHTTP: allowHTTP)
            try Self.checkTypes(input.eventTypes ?? [], readable: current.topics)
            guard current.version == expectedVersion else { return .stale(current: current) }
            current.url = input.url
            current.description = input.description
            current.eventTypes = input.eventTypes ?? []
            if let state = input.state, state != current.state {
                current.state = state
                current.disabledReason = state == .active ? nil : "disabled by the trust"
                current.attempts = 0
                current.failingSince = nil
                current.nextAttemptAt = nil
            }
            guard let updated = try WebhookStore.update(current, expectedVersion: expectedVersion, at: now, on: db)
            else { return .stale(current: current) }
            try environment.audit(.init(trustId: trust, action: "update", resourceType: "webhook_subscription",
                                        resourceId: id, changedFields: FieldNames.changed(from: before, to: input)),
                                  audit, at: now, on: db)
            return .updated(updated)
        }
    }

    public func delete(_ id: UUID, expectedVersion: Int, in trust: UUID,
                       audit: AuditContext) async throws -> VersionedDelete {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let current = try WebhookStore.find(id, on: db) else { return .notFound }
            guard current.version == expectedVersion, try WebhookStore.delete(id, version: expectedVersion, on: db)
            else { return .stale }
            try environment.audit(.init(trustId: trust, action: "delete", resourceType: "webhook_subscription",
                                        resourceId: id), audit, at: now, on: db)
            return .deleted
        }
    }

    /// Queues one past event to be sent again; false when the subscription does not exist.
    public func replay(_ id: UUID, event: UUID, in trust: UUID, audit: AuditContext) async throws -> Bool {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let subscription = try WebhookStore.find(id, on: db) else { return false }
            guard let found = try ChangeEventStore.find(event, in: trust, on: db), subscription.delivers(found) else {
                throw ValidationFailure(field: "event_id", rule: "not_delivered",
                                        message: "names no event of the feed this subscription delivers")
            }
            try WebhookStore.addReplay(id: environment.newID(), subscription: subscription, event: event, at: now,
                                       on: db)
            try environment.audit(.init(trustId: trust, action: "replay", resourceType: "webhook_subscription",
                                        resourceId: id, changedFields: ["event_id"]), audit, at: now, on: db)
            return true
        }
    }

    public func deliveries(_ id: UUID, page: PageRequest, in trust: UUID) async throws -> Page<WebhookDelivery>? {
        guard try await get(id, in: trust) != nil else { return nil }
        let rows = try await environment.pool.read(trustID: trust,
                                                   WebhookDeliveryStore.deliveriesQuery(subscription: id, page: page),
                                                   WebhookDeliveryStore.decodeDelivery)
        return makePage(rows, limit: page.limit, id: \.id)
    }

    func check(_ input: WebhookSubscriptionInput) throws { try Self.check(input, allowHTTP: allowHTTP) }

    static func check(_ input: WebhookSubscriptionInput, allowHTTP: Bool) throws {
        try input.validate()
        guard WebhookAddress.parse(input.url, allowHTTP: allowHTTP) != nil else {
            throw ValidationFailure(field: "url", rule: "https", message: "must be an https URL")
        }
    }

    /// Each type names an event of the feed, of a topic the subscription reads.
    static func checkTypes(_ types: [String], readable: Set<ChangeFeed.Topic>) throws {
        for type in types {
            let parts = type.split(separator: ".")
            guard let topic = ChangeFeed.publication(resourceType: String(parts[0]), action: String(parts[1]),
                                                     allowed: true)?.topic, readable.contains(topic) else {
                throw ValidationFailure(field: "event_types", rule: "not_readable",
                                        message: "\(type) is not an event type this caller reads")
            }
        }
    }
}
