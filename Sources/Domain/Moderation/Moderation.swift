import Foundation

/// A moderation round (issue 13 §3): one cycle, a unit or the whole trust, one subject, the
/// moderators, and the appraisals drawn for it. 000 §5.4: objectives quality-assured and
/// moderated across the trust; 003 §5.4.1: the head ensures statements are moderated; 003
/// §1.8: the paperwork is shared with the SLT for moderation; 001: the head or operations
/// director may adjust objectives or support, "always discussed with the reviewer and reviewee".
public struct ModerationRound: Sendable, Equatable {
    public enum Subject: String, Sendable, Codable, CaseIterable {
        case objectives, statements
        /// 003 §5.4.1: pay recommendations, moderated for consistency before the decision.
        case payRecommendations = "pay_recommendations"
    }
    public enum State: String, Sendable, Codable, CaseIterable { case open, closed }

    public var id: UUID
    public var trustId: UUID
    public var cycleId: UUID
    /// The unit moderated; nil: the whole trust.
    public var unitId: UUID?
    public var subject: Subject
    /// The share of each reviewer's appraisals drawn; nil: all of them.
    public var samplePercent: Int?
    public var moderators: [UUID]
    public var state: State
    public var openedBy: UUID?
    public var closedAt: Date?
    public var closedBy: UUID?
    /// Fixed when it closes; counted live while it is open.
    public var outcome: ModerationOutcome?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, input: ModerationRoundInput, openedBy: UUID?, at now: Date) {
        self.id = id; self.trustId = trustId; self.cycleId = input.cycleId; self.unitId = input.unitId
        self.subject = input.subject; self.samplePercent = input.samplePercent; self.moderators = input.moderators
        self.state = .open; self.openedBy = openedBy; self.closedAt = nil; self.closedBy = nil; self.outcome = nil
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct ModerationRoundInput: Sendable, Equatable, Codable, ValidatedInput {
    public var cycleId: UUID
    public var unitId: UUID?
    public var subject: ModerationRound.Subject
    public var samplePercent: Int?
    public var moderators: [UUID]
    public static let fields: Set<String> = ["cycle_id", "unit_id", "subject", "sample_percent", "moderators"]

    public init(cycleId: UUID, unitId: UUID?, subject: ModerationRound.Subject, samplePercent: Int?,
                moderators: [UUID]) {
        self.cycleId = cycleId; self.unitId = unitId; self.subject = subject
        self.samplePercent = samplePercent; self.moderators = moderators
    }

    public func validate() throws {
        var check = Validator()
        check.check(!moderators.isEmpty && moderators.count <= 12, "moderators", "count",
                    "names one to twelve moderators")
        check.check(Set(moderators).count == moderators.count, "moderators", "unique", "names each moderator once")
        if let samplePercent {
            check.check((1...100).contains(samplePercent), "sample_percent", "range", "must be from 1 to 100")
        }
        try check.result()
    }
}

/// One appraisal drawn into a round: pending, agreed, or returned to its reviewer with a comment
/// until the revised subject comes back (`revision` + 1).
public struct ModerationItem: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case pending, agreed, returned }

    public var id: UUID
    public var trustId: UUID
    public var roundId: UUID
    public var appraisalId: UUID
    public var reviewerId: UUID?
    public var state: State
    /// A digest of the subject's text when it was last put to the round.
    public var subjectDigest: String
    public var revision: Int
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var decisions: [ModerationDecision]

    public init(id: UUID, trustId: UUID, roundId: UUID, appraisalId: UUID, reviewerId: UUID?, state: State,
                subjectDigest: String, revision: Int, version: Int, createdAt: Date, updatedAt: Date,
                decisions: [ModerationDecision] = []) {
        self.id = id; self.trustId = trustId; self.roundId = roundId; self.appraisalId = appraisalId
        self.reviewerId = reviewerId; self.state = state; self.subjectDigest = subjectDigest
        self.revision = revision; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.decisions = decisions
    }
}

public struct ModerationDecision: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable { case agreed, returned }
    public var id: UUID
    public var revision: Int
    public var outcome: Outcome
    public var comment: String?
    public var decidedBy: UUID?
    public var decidedAt: Date
    public init(id: UUID, revision: Int, outcome: Outcome, comment: String?, decidedBy: UUID?, decidedAt: Date) {
        self.id = id; self.revision = revision; self.outcome = outcome; self.comment = comment
        self.decidedBy = decidedBy; self.decidedAt = decidedAt
    }
}

/// A moderator agrees or returns an item; the reviewer resubmits a returned one once revised.
public struct ModerationItemTransition: Sendable, Equatable, Codable, ValidatedInput {
    public enum Target: String, Sendable, Codable, CaseIterable { case agreed, returned, resubmitted }
    public var to: Target
    public var comment: String?
    public static let fields: Set<String> = ["to", "comment"]
    public init(to: Target, comment: String?) { self.to = to; self.comment = comment }
    public func validate() throws {
        var check = Validator()
        check.optionalText(comment, "comment", max: 4000)
        if to == .returned { check.check(!(comment ?? "").isBlank, "comment", "required",
                                         "says what the reviewer should revise") }
        try check.result()
    }
}

/// The round's outcome: counts by reviewer and outcome, so a head sees whether one reviewer is
/// much harsher or kinder than the rest — the moderators' decisions, and the assessments the
/// reviewers gave the objectives of the appraisals drawn (met, partly met, not met).
public struct ModerationOutcome: Sendable, Equatable, Codable {
    public struct Counts: Sendable, Equatable, Codable {
        public var reviewerId: UUID?
        public var items = 0
        public var agreed = 0
        public var returned = 0
        public var pending = 0
        /// Items revised and put back at least once.
        public var revised = 0
        /// Every return decision, a revised item's earlier ones included.
        public var returns = 0
        public var assessments: [String: Int] = [:]
        public init(reviewerId: UUID?) { self.reviewerId = reviewerId }
    }
    public var totals: Counts
    public var byReviewer: [Counts]
    public init(totals: Counts, byReviewer: [Counts]) { self.totals = totals; self.byReviewer = byReviewer }
}

/// A step the round or the item is not in: answered 409.
public struct ModerationStateConflict: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
