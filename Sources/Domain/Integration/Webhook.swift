import Foundation

/// A trust's subscription of a URL to its change feed (issue 16 §4). Deliveries follow the
/// feed in order: `afterPosition` moves only when the next event is delivered, so a receiver
/// that is down holds its own queue and loses nothing.
public struct WebhookSubscription: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case active, disabled }

    public var id: UUID
    public var trustId: UUID
    public var url: String
    public var description: String?
    /// Empty: every event of the subscription's topics.
    public var eventTypes: [String]
    /// What its creator could read when it was made (`ChangeFeed.topics(readBy:)`).
    public var topics: Set<ChangeFeed.Topic>
    public var state: State
    public var disabledReason: String?
    public var afterPosition: Int64
    /// Attempts so far at the event after `afterPosition`, and since when it has failed.
    public var attempts: Int
    public var failingSince: Date?
    public var nextAttemptAt: Date?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, url: String, description: String?, eventTypes: [String],
                topics: Set<ChangeFeed.Topic>, state: State, disabledReason: String?, afterPosition: Int64,
                attempts: Int, failingSince: Date?, nextAttemptAt: Date?, version: Int, createdAt: Date,
                updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.url = url; self.description = description
        self.eventTypes = eventTypes; self.topics = topics; self.state = state; self.disabledReason = disabledReason
        self.afterPosition = afterPosition; self.attempts = attempts; self.failingSince = failingSince
        self.nextAttemptAt = nextAttemptAt; self.version = version; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether this subscription delivers the event: one of its topics, one of its types.
    public func delivers(_ event: ChangeEvent) -> Bool {
        topics.contains(event.topic) && (eventTypes.isEmpty || eventTypes.contains(event.type))
    }
}

/// What a trust administrator or HR sends to subscribe (or to change a subscription).
public struct WebhookSubscriptionInput: Sendable, Equatable, Codable, ValidatedInput {
    public var url: String
    public var description: String?
    public var eventTypes: [String]?
    /// Only in a change: `active` re-enables a disabled subscription from where it stopped.
    public var state: WebhookSubscription.State?

    public static let fields: Set<String> = ["url", "description", "event_types", "state"]

    public init(url: String, description: String? = nil, eventTypes: [String]? = nil,
                state: WebhookSubscription.State? = nil) {
        self.url = url; self.description = description; self.eventTypes = eventTypes; self.state = state
    }

    public func validate() throws {
        var check = Validator()
        check.check(WebhookAddress.parse(url, allowHTTP: true) != nil && url.count <= 2_000, "url", "format",
                    "must be an absolute https URL without credentials or fragment, at most 2,000 characters")
        check.optionalText(description, "description", max: 500)
        let types = eventTypes ?? []
        check.check(types.count <= 100 && types.allSatisfy(ChangeFeed.isEventType), "event_types", "format",
                    "must be up to 100 event types such as employment.update")
        check.check(Set(types).count == types.count, "event_types", "unique_items", "must not repeat a type")
        try check.result()
    }
}

extension ChangeFeed {
    /// `<resource_type>.<action>`: lower-case letters and underscores either side of one dot.
    public static func isEventType(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            (1...60).contains(part.count) && part.allSatisfy { $0 == "_" || ("a"..."z").contains($0) }
        }
    }
}

/// One attempt in a subscription's delivery log: its status or error, never the body.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: UUID
    public var eventId: UUID
    public var eventType: String
    public var attempt: Int
    public var replay: Bool
    public var outcome: String
    public var statusCode: Int?
    public var error: String?
    public var durationMs: Int
    public var attemptedAt: Date

    public init(id: UUID, eventId: UUID, eventType: String, attempt: Int, replay: Bool, outcome: String,
                statusCode: Int?, error: String?, durationMs: Int, attemptedAt: Date) {
        self.id = id; self.eventId = eventId; self.eventType = eventType; self.attempt = attempt; self.replay = replay
        self.outcome = outcome; self.statusCode = statusCode; self.error = error; self.durationMs = durationMs
        self.attemptedAt = attemptedAt
    }
}
