import Foundation

/// One entry of a trust's change feed (issue 16 §3): what changed, never how — identifiers,
/// the type, the time and the names of the fields that changed.
public struct ChangeEvent: Sendable, Equatable {
    public var position: Int64
    public var id: UUID
    public var type: String
    public var topic: ChangeFeed.Topic
    public var resourceType: String
    public var resourceId: UUID?
    public var subjectPersonId: UUID?
    public var changedFields: [String]
    public var occurredAt: Date

    public init(position: Int64, id: UUID, type: String, topic: ChangeFeed.Topic, resourceType: String,
                resourceId: UUID?, subjectPersonId: UUID?, changedFields: [String], occurredAt: Date) {
        self.position = position; self.id = id; self.type = type; self.topic = topic
        self.resourceType = resourceType; self.resourceId = resourceId; self.subjectPersonId = subjectPersonId
        self.changedFields = changedFields; self.occurredAt = occurredAt
    }
}

/// Which audited writes become feed events, and who reads each kind — decided here for the
/// feed, the webhooks and anything else that publishes changes.
public enum ChangeFeed {
    /// The kind of data an event is about; each is read by whoever may read that data.
    public enum Topic: String, Sendable, CaseIterable {
        /// Units, people, employments.
        case staff
        /// Cycles, appraisals and their record (objectives, observations, meetings, statements).
        case appraisals
        /// Pay points, recommendations, decisions, appeals (issue 15 §1: people only).
        case pay
        /// Support plans and capability cases (issue 14 §5: people only).
        case support
        /// The trust's own integrations: a webhook subscription disabled after days of failures.
        case integration
    }

    /// The resources an integrator follows. Left out on purpose: sessions, accounts, keys and
    /// grants (security, not HR data); wellbeing notes and protected characteristics (never
    /// published); informal concerns (nobody else learns of them until a plan follows).
    static let topics: [String: Topic] = [
        "unit": .staff, "person": .staff, "employment": .staff,
        "cycle": .appraisals, "appraisal": .appraisals, "objective": .appraisals, "observation": .appraisals,
        "meeting": .appraisals, "statement": .appraisals, "interim_review": .appraisals,
        "pay_point": .pay, "pay_recommendation": .pay, "pay_appeal": .pay, "upper_pay_range_application": .pay,
        "support_plan": .support, "capability_case": .support,
        "webhook_subscription": .integration,
        // Issue 16 §5: reminders, under the topic of what they remind of (`Reminder.resourceType`).
        "appraisal_reminder": .appraisals, "pay_reminder": .pay, "support_reminder": .support,
    ]

    /// The event an audited change publishes, if any: allowed writes of followed resources.
    /// Its type is `<resource_type>.<action>`, the names the audit log uses.
    public static func publication(resourceType: String, action: String,
                                   allowed: Bool) -> (type: String, topic: Topic)? {
        guard allowed, action != "read", let topic = topics[resourceType] else { return nil }
        if let only = onlyActions[resourceType], !only.contains(action) { return nil }
        return ("\(resourceType).\(action)", topic)
    }

    /// Resources of which only some changes are news: of a subscription, only that it failed
    /// for days and was disabled (its managers made every other change themselves).
    static let onlyActions: [String: Set<String>] = ["webhook_subscription": ["disable"]]

    /// Whether the caller reads the feed at all: keys with `events:read`; the trust
    /// administrator and HR, who set up the trust's integrations.
    public static func readsFeed(_ caller: Caller) -> Decision {
        switch caller {
        case .platformAdministrator: return .allow
        case .apiKey(_, _, let scopes):
            return scopes.contains(.eventsRead) ? .allow : .deny(reason: "needs scope events:read")
        case .user(_, _, _, let roles):
            return roles.contains(.hr) || roles.contains(.trustAdmin) ? .allow
                : .deny(reason: "needs one of the roles hr, trust_admin")
        }
    }

    /// The topics whose events the caller reads: the same data its scopes or roles read
    /// elsewhere. Pay and support are read by people only (HR), as their records are.
    public static func topics(readBy caller: Caller) -> Set<Topic> {
        var topics: Set<Topic> = []
        if Authorization.decide(caller, .staffRead) == .allow { topics.insert(.staff) }
        if Authorization.readsAllAppraisals(caller) { topics.insert(.appraisals) }
        if case .user(_, _, _, let roles) = caller {
            if roles.contains(.hr) { topics.formUnion([.pay, .support]) }
            if roles.contains(.hr) || roles.contains(.trustAdmin) { topics.insert(.integration) }
        }
        if caller == .platformAdministrator { topics.insert(.integration) }
        return topics
    }
}

extension ChangeFeed {
    /// Who subscribes URLs to the feed and reads their delivery logs: the trust administrator
    /// and HR. Never an API key: a leaked key must not be able to send the feed elsewhere.
    public static func managesWebhooks(_ caller: Caller) -> Decision {
        switch caller {
        case .platformAdministrator: return .allow
        case .apiKey: return .deny(reason: "API keys cannot manage webhook subscriptions")
        case .user(_, _, _, let roles):
            return roles.contains(.hr) || roles.contains(.trustAdmin) ? .allow
                : .deny(reason: "needs one of the roles hr, trust_admin")
        }
    }
}
