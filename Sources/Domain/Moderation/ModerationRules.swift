import Foundation

/// The rules of a round's items (issue 13 §3).
public enum ModerationRules {
    /// How the caller stands to one item.
    public struct Standing: Sendable {
        public var isModerator: Bool
        public var isReviewee: Bool
        public var isReviewer: Bool
        public init(isModerator: Bool, isReviewee: Bool, isReviewer: Bool) {
            self.isModerator = isModerator; self.isReviewee = isReviewee; self.isReviewer = isReviewer
        }
    }

    /// A moderator agrees the item or returns it with a comment — never on an appraisal they
    /// are a side of (001: the adjustment is "always discussed with the reviewer and reviewee",
    /// so neither moderates it).
    public static func decide(_ item: ModerationItem, round: ModerationRound, _ input: ModerationItemTransition,
                              by standing: Standing, person: UUID?, id: UUID, at now: Date)
        throws -> (ModerationItem, ModerationDecision) {
        guard standing.isModerator else { throw NotAParticipant("Only the round's moderators decide its items.") }
        guard !standing.isReviewee && !standing.isReviewer else {
            throw NotAParticipant("A moderator does not moderate an appraisal they are the reviewee or reviewer of.")
        }
        try requireOpen(round)
        guard item.state == .pending else {
            throw ModerationStateConflict("The item is \(item.state.rawValue): only a pending item is decided.")
        }
        let outcome: ModerationDecision.Outcome = input.to == .agreed ? .agreed : .returned
        var next = item
        next.state = outcome == .agreed ? .agreed : .returned
        let decision = ModerationDecision(id: id, revision: item.revision, outcome: outcome,
                                          comment: input.comment, decidedBy: person, decidedAt: now)
        return (next, decision)
    }

    /// The reviewer puts a returned item back once the subject has been revised: the revision
    /// is a new version of it (a changed draft, a correction, changed objectives).
    public static func resubmit(_ item: ModerationItem, round: ModerationRound, currentDigest: String?,
                                by standing: Standing) throws -> ModerationItem {
        guard standing.isReviewer else { throw NotAParticipant("Only the appraisal's reviewer resubmits its item.") }
        try requireOpen(round)
        guard item.state == .returned else {
            throw ModerationStateConflict("The item is \(item.state.rawValue): only a returned item is resubmitted.")
        }
        guard let currentDigest, currentDigest != item.subjectDigest else {
            let subject = round.subject.rawValue.replacingOccurrences(of: "_", with: " ")
            throw ValidationFailure(field: "to", rule: "unrevised",
                                    message: "the \(subject) have not changed since they were returned")
        }
        var next = item
        next.state = .pending
        next.subjectDigest = currentDigest
        next.revision += 1
        return next
    }

    public static func requireOpen(_ round: ModerationRound) throws {
        guard round.state == .open else { throw ModerationStateConflict("The moderation round is closed.") }
    }

    /// The counts by reviewer and outcome; `assessments` are the objectives' outcomes per
    /// appraisal drawn (`met`, `partly_met`, `not_met`).
    public static func outcome(_ items: [ModerationItem], assessments: [UUID: [String]]) -> ModerationOutcome {
        var totals = ModerationOutcome.Counts(reviewerId: nil)
        var byReviewer: [UUID?: ModerationOutcome.Counts] = [:]
        for item in items {
            var counts = byReviewer[item.reviewerId] ?? .init(reviewerId: item.reviewerId)
            count(item, assessments[item.appraisalId] ?? [], into: &counts)
            count(item, assessments[item.appraisalId] ?? [], into: &totals)
            byReviewer[item.reviewerId] = counts
        }
        let ordered = byReviewer.values.sorted {
            ($0.reviewerId?.uuidString ?? "") < ($1.reviewerId?.uuidString ?? "")
        }
        return ModerationOutcome(totals: totals, byReviewer: ordered)
    }

    private static func count(_ item: ModerationItem, _ assessed: [String],
                              into counts: inout ModerationOutcome.Counts) {
        counts.items += 1
        switch item.state {
        case .agreed: counts.agreed += 1
        case .returned: counts.returned += 1
        case .pending: counts.pending += 1
        }
        if item.revision > 0 { counts.revised += 1 }
        counts.returns += item.decisions.filter { $0.outcome == .returned }.count
        for outcome in assessed { counts.assessments[outcome, default: 0] += 1 }
    }
}
