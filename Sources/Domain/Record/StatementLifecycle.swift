import Foundation

/// The policy's statement rules applied to one step (issue 13 §2). Pure: the service loads the
/// appraisal, its policy and the statement, asks here, and writes what comes back.
public enum StatementLifecycle {
    /// 004 §6, §8: the conversations model closes the year with its conversations, no statement.
    public static func requireObjectivesModel(_ policy: PolicyDocument) throws {
        guard policy.model == .objectives else {
            throw ValidationFailure(field: "appraisal_id", rule: "model",
                                    message: "this appraisal's policy closes the year with conversations, "
                                        + "not a written statement (004 §6)", policy: "model")
        }
    }

    /// Drafting and changing a draft: the reviewer's (000 §7.3, 002 §2.2.7, 003 §5.3.1 — for the
    /// head, the governors or panel appointed as the head's reviewers).
    public static func requireReviewer(_ who: Participation, _ action: String) throws {
        guard who.isReviewer else { throw NotAParticipant("Only the reviewer \(action) the written statement.") }
    }

    public static func requireDraft(_ statement: Statement) throws {
        guard statement.state == .draft else {
            throw StatementLocked(state: statement.state)
        }
    }

    /// Issuing is the reviewer's signature: every section the policy lists must be written, and
    /// for the head under 003 §5.3.1 the consultation with the external adviser recorded.
    public static func issue(_ statement: Statement, _ facts: IssueFacts, by who: Participation, person: UUID?,
                             at now: Date) throws -> Statement {
        let rules = facts.rules, interimReviews = facts.interimReviews
        try requireReviewer(who, "issues")
        try requireDraft(statement)
        var check = Validator()
        for name in rules.requiredSections where (statement.content.section(name) ?? "").isBlank {
            check.fail(name, "required_section", "must be written before the statement is issued under this policy",
                       policy: "statements.required_sections")
        }
        if rules.headRequiresAdviserConsultation && facts.category == .headteacher {
            check.check(statement.content.adviserConsultedOn != nil, "adviser_consulted_on", "adviser_consulted",
                        "the external adviser must be consulted on the head's assessment before it is issued",
                        policy: "statements.head_requires_adviser_consultation")
        }
        // 002 §2.2.5, 003 §5.3.2: the formal interim reviews the policy requires, or why not.
        if interimReviews.held < interimReviews.required {
            check.check(!(statement.content.interimExceptionReason ?? "").isBlank, "interim_exception_reason",
                        "interim_reviews_missing",
                        "\(interimReviews.held) of the \(interimReviews.required) formal interim reviews the policy "
                            + "requires were held: record why before the statement is issued",
                        policy: "meetings.minimum_formal_interim_reviews")
        }
        try check.result()
        var next = statement
        next.interimReviewsRequired = interimReviews.required
        next.interimReviewsHeld = interimReviews.held
        next.state = .issued
        next.issuedAt = now
        next.issuedBy = person
        next.commentDue = facts.commentDue
        return next
    }

    /// The reviewee's comment, while the statement is issued and the window is open.
    public static func comment(_ statement: Statement, _ text: String, by who: Participation, today: CalendarDate,
                               at now: Date) throws -> Statement {
        guard who.isReviewee else { throw NotAParticipant("Only the reviewee comments on their statement.") }
        try requireIssued(statement)
        if let due = statement.commentDue, today > due {
            throw ValidationFailure(field: "comment", rule: "comment_window",
                                    message: "the window to comment closed on \(due)",
                                    policy: "statements.comment_window_working_days")
        }
        var next = statement
        next.revieweeComment = text
        next.revieweeCommentedAt = now
        return next
    }

    /// Signing, declining (with a comment, 000 Appendix A's "Employee's comments"), or — the
    /// reviewer, once the window has passed with no answer — closing: each locks it for good.
    /// `issuing` loads what only issuing needs (two queries), so answering never runs them.
    public static func transition(_ statement: Statement, to target: StatementTransition.Target, comment: String?,
                                  by who: Participation, person: UUID?, today: CalendarDate, at now: Date,
                                  issuing: () throws -> IssueFacts) throws -> Statement {
        var next = statement
        switch target {
        case .issued:
            return try issue(statement, try issuing(), by: who, person: person, at: now)
        case .signed:
            guard who.isReviewee else { throw NotAParticipant("Only the reviewee signs their statement.") }
            try requireIssued(statement)
            if let comment { next = try self.comment(statement, comment, by: who, today: today, at: now) }
            next.revieweeResponse = .signed
        case .declined:
            guard who.isReviewee else { throw NotAParticipant("Only the reviewee declines to sign their statement.") }
            try requireIssued(statement)
            if let comment { next = try self.comment(statement, comment, by: who, today: today, at: now) }
            guard !(next.revieweeComment ?? "").isBlank else {
                throw ValidationFailure(field: "comment", rule: "required",
                                        message: "must say why when declining to sign")
            }
            next.revieweeResponse = .declined
        case .closed:
            try requireReviewer(who, "closes")
            try requireIssued(statement)
            guard let due = statement.commentDue, today > due else {
                throw ValidationFailure(field: "to", rule: "comment_window",
                                        message: "the reviewee's window to comment is still open",
                                        policy: "statements.comment_window_working_days")
            }
            next.revieweeResponse = .noAnswer
        }
        next.respondedAt = now
        next.state = .locked
        next.lockedAt = now
        return next
    }

    /// A correction of a locked statement that nothing has corrected yet: a new draft, a copy.
    public static func correct(_ statement: Statement, reason: String, newID: UUID, by who: Participation,
                               person: UUID?, at now: Date) throws -> Statement {
        try requireReviewer(who, "corrects")
        guard statement.state == .locked else {
            throw ValidationFailure(field: "reason", rule: "not_locked",
                                    message: "only a locked statement is corrected; "
                                        + "change the draft, or wait for the reviewee's answer")
        }
        guard statement.supersededById == nil else {
            throw ValidationFailure(field: "reason", rule: "superseded",
                                    message: "this statement has already been corrected: correct the latest version")
        }
        return Statement(id: newID, trustId: statement.trustId, appraisalId: statement.appraisalId,
                         number: statement.number + 1, correctsId: statement.id, correctionReason: reason,
                         content: statement.content, draftedBy: person, at: now)
    }

    private static func requireIssued(_ statement: Statement) throws {
        guard statement.state == .issued else {
            throw StatementLocked(state: statement.state)
        }
    }
}

/// What issuing is checked against: the policy's statement rules, whose appraisal it is, the
/// interim reviews required and held, and the last day to comment if issued today.
public struct IssueFacts: Sendable {
    public let rules: StatementRules
    public let category: RevieweeCategory
    public let interimReviews: InterimCount
    public let commentDue: CalendarDate
    public init(rules: StatementRules, category: RevieweeCategory, interimReviews: InterimCount,
                commentDue: CalendarDate) {
        self.rules = rules; self.category = category; self.interimReviews = interimReviews
        self.commentDue = commentDue
    }
}

/// The formal interim reviews an appraisal's policy requires, and how many were held.
public struct InterimCount: Sendable, Equatable {
    public let required: Int
    public let held: Int
    public init(required: Int, held: Int) { self.required = required; self.held = held }
}

/// A step the statement's state does not allow: a draft not yet issued, or a locked statement
/// — never edited (issue 13 §2). Answered 409.
public struct StatementLocked: Error, Sendable, Equatable {
    public let state: Statement.State
    public var message: String {
        switch state {
        case .draft: "the statement has not been issued yet"
        case .issued: "the statement has been issued: only the reviewee's answer can change it"
        case .locked: "the statement is locked: it is never edited; correct it with a new version"
        }
    }
}

extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}
