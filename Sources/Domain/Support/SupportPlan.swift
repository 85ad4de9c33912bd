import Foundation

/// An informal support plan (issue 14 §3; 000 §8.1, 001 "Employees Experiencing Difficulties",
/// 003 §6.10, 004 §11.2): the areas of concern, targets beside the objectives, the support
/// given, who monitors it and how, its monitoring period and review meetings, and whether the
/// employee has been told in writing what follows if performance does not improve.
public struct SupportPlan: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case active, paused, improved
        case notImproved = "not_improved"
    }

    /// The kinds of support the policies name (001, 003 §6.10, 004 §11.2).
    public enum SupportKind: String, Sendable, Codable, CaseIterable {
        case coaching, mentoring, training
        case structuredObservation = "structured_observation"
        case peerObservation = "peer_observation"
        case observingGoodPractice = "observing_good_practice"
        case inClassSupport = "in_class_support"
        case other
    }

    public struct Support: Sendable, Equatable, Codable {
        public var kind: SupportKind
        public var detail: String?
        public init(kind: SupportKind, detail: String?) { self.kind = kind; self.detail = detail }
    }

    /// One change to the plan's period, kept for good (insert-only).
    public struct Change: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable { case created, extended, paused, resumed, improved
            case notImproved = "not_improved" }
        public var kind: Kind
        public var onDate: CalendarDate
        public var reason: String?
        public var endsOn: CalendarDate
        public var changedBy: UUID?
        public var changedAt: Date
        /// A pause for sickness: the referral to occupational health (001 "Sickness", 003 §1.10).
        public var occupationalHealthReferralOn: CalendarDate?
        public init(kind: Kind, onDate: CalendarDate, reason: String?, endsOn: CalendarDate, changedBy: UUID?,
                    changedAt: Date) {
            self.kind = kind; self.onDate = onDate; self.reason = reason; self.endsOn = endsOn
            self.changedBy = changedBy; self.changedAt = changedAt
        }
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var concernId: UUID
    public var areasOfConcern: String
    public var targets: [String]
    public var support: [Support]
    public var monitoredBy: UUID
    public var monitoring: String
    public var startsOn: CalendarDate
    /// The end first set, within the policy's bounds.
    public var plannedEndOn: CalendarDate
    /// The end now, after extensions and pauses.
    public var endsOn: CalendarDate
    public var reviewMeetings: [CalendarDate]
    /// 003 §6.10.3: when the employee was told in writing what follows if they do not improve.
    public var consequencesExplainedOn: CalendarDate?
    public var extensionReason: String?
    public var state: State
    public var pausedSince: CalendarDate?
    public var outcomeOn: CalendarDate?
    /// 003 §6.10.4: until when improvement must be sustained.
    public var sustainUntil: CalendarDate?
    public var changes: [Change]
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, concernId: UUID, input: SupportPlanInput,
                endsOn: CalendarDate, reviewMeetings: [CalendarDate], at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.concernId = concernId
        self.areasOfConcern = input.areasOfConcern; self.targets = input.targets; self.support = input.support
        self.monitoredBy = input.monitoredBy; self.monitoring = input.monitoring
        self.startsOn = input.startsOn; self.plannedEndOn = endsOn; self.endsOn = endsOn
        self.reviewMeetings = reviewMeetings; self.consequencesExplainedOn = input.consequencesExplainedOn
        self.extensionReason = nil; self.state = .active; self.pausedSince = nil
        self.outcomeOn = nil; self.sustainUntil = nil; self.changes = []
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct SupportPlanInput: Sendable, Equatable, Codable, ValidatedInput {
    public var areasOfConcern: String
    public var targets: [String]
    public var support: [SupportPlan.Support]
    public var monitoredBy: UUID
    public var monitoring: String
    public var startsOn: CalendarDate
    /// Absent: the shortest period the policy allows.
    public var endsOn: CalendarDate?
    /// Absent: none planned yet, or (weekly under 004 §11.2) one each week of the period.
    public var reviewMeetings: [CalendarDate]?
    public var consequencesExplainedOn: CalendarDate?

    public static let fields: Set<String> = ["areas_of_concern", "targets", "support", "monitored_by", "monitoring",
                                             "starts_on", "ends_on", "review_meetings", "consequences_explained_on"]

    public init(areasOfConcern: String, targets: [String], support: [SupportPlan.Support], monitoredBy: UUID,
                monitoring: String, startsOn: CalendarDate, endsOn: CalendarDate?, reviewMeetings: [CalendarDate]?,
                consequencesExplainedOn: CalendarDate?) {
        self.areasOfConcern = areasOfConcern; self.targets = targets; self.support = support
        self.monitoredBy = monitoredBy; self.monitoring = monitoring; self.startsOn = startsOn; self.endsOn = endsOn
        self.reviewMeetings = reviewMeetings; self.consequencesExplainedOn = consequencesExplainedOn
    }

    public func validate() throws {
        var check = Validator()
        check.text(areasOfConcern, "areas_of_concern", max: 8000)
        check.check((1...20).contains(targets.count), "targets", "max_items", "must have 1 to 20 targets")
        for (index, target) in targets.enumerated() { check.text(target, "targets[\(index)]", max: 2000) }
        check.check(support.count <= 20, "support", "max_items", "must have at most 20 items")
        for (index, item) in support.enumerated() {
            check.optionalText(item.detail, "support[\(index)].detail", max: 2000)
        }
        check.text(monitoring, "monitoring", max: 4000)
        if let endsOn {
            check.check(endsOn > startsOn, "ends_on", "after_start", "must be after starts_on")
        }
        let meetings = reviewMeetings ?? []
        check.check(meetings.count <= 60, "review_meetings", "max_items", "must have at most 60 dates")
        check.check(Set(meetings).count == meetings.count, "review_meetings", "unique", "must not repeat a date")
        try check.result()
    }
}

/// A new end for the plan's monitoring period, and why (000 §8.1).
public struct SupportExtensionInput: Sendable, Equatable, Codable, ValidatedInput {
    public var endsOn: CalendarDate
    public var reason: String
    public static let fields: Set<String> = ["ends_on", "reason"]
    public init(endsOn: CalendarDate, reason: String) { self.endsOn = endsOn; self.reason = reason }
    public func validate() throws {
        var check = Validator()
        check.text(reason, "reason", max: 2000)
        try check.result()
    }
}

/// The end of the monitoring period: improved, or not (then the formal stages follow).
public struct SupportOutcomeInput: Sendable, Equatable, Codable, ValidatedInput {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case improved
        case notImproved = "not_improved"
    }
    public var outcome: Outcome
    public var on: CalendarDate
    public static let fields: Set<String> = ["outcome", "on"]
    public init(outcome: Outcome, on: CalendarDate) { self.outcome = outcome; self.on = on }
    public func validate() throws {}
}

/// When the employee was told in writing what follows if they do not improve (003 §6.10.3).
public struct SupportConsequencesInput: Sendable, Equatable, Codable, ValidatedInput {
    public var explainedOn: CalendarDate
    public static let fields: Set<String> = ["explained_on"]
    public init(explainedOn: CalendarDate) { self.explainedOn = explainedOn }
    public func validate() throws {}
}

/// A pause of the monitoring period (001 "Sickness", "Grievance"; 003 §1.10).
public struct SupportPauseInput: Sendable, Equatable, Codable, ValidatedInput {
    public enum Reason: String, Sendable, Codable, CaseIterable { case sickness, grievance }
    public var reason: Reason
    public var from: CalendarDate
    /// Sickness: when the employee was referred to occupational health.
    public var occupationalHealthReferralOn: CalendarDate?
    public static let fields: Set<String> = ["reason", "from", "occupational_health_referral_on"]
    public init(reason: Reason, from: CalendarDate, occupationalHealthReferralOn: CalendarDate?) {
        self.reason = reason; self.from = from; self.occupationalHealthReferralOn = occupationalHealthReferralOn
    }
    public func validate() throws {
        var check = Validator()
        if reason == .sickness {
            check.check(occupationalHealthReferralOn != nil, "occupational_health_referral_on", "required",
                        "a sickness absence during monitoring is referred to occupational health (001 \"Sickness\", "
                            + "003 §1.10)")
        }
        try check.result()
    }
}

/// The day monitoring starts again after a pause.
public struct SupportResumeInput: Sendable, Equatable, Codable, ValidatedInput {
    public var on: CalendarDate
    public static let fields: Set<String> = ["on"]
    public init(on: CalendarDate) { self.on = on }
    public func validate() throws {}
}
