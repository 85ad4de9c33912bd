import Foundation

/// A concern about an employee's performance (issue 14 §1): what it is and how serious, the
/// discussions and support before it, the response chosen, and its confirmation in writing to
/// the employee (000 §8.1, 003 §6.3–6.9, 004 §11.2). Its text is appraisal text: it never goes
/// into an audit payload, a log line or an error body.
public struct Concern: Sendable, Equatable, Codable {
    public enum Seriousness: String, Sendable, Codable, CaseIterable { case low, significant, serious }

    /// 003 §6.9.1: the proportionate response to the concern.
    public enum Response: String, Sendable, Codable, CaseIterable {
        case earlyConversation = "early_conversation"
        case coachingMentoring = "coaching_mentoring"
        case informalSupport = "informal_support"
        /// Straight to the formal stages: by-passing informal support (003 §6.11, 000 §8.2).
        case formalCapability = "formal_capability"
    }

    /// In what standing the concern was raised (000 §8.1 "the reviewer or other relevant
    /// manager"; 003 §6.3–6.4; 004 §1.3, §11.2).
    public enum RaisedAs: String, Sendable, Codable, CaseIterable {
        case reviewer, lineManager = "line_manager", seniorLeader = "senior_leader", headteacher
        case operationsDirector = "operations_director", committeeMember = "committee_member"
        case chairOfGovernors = "chair_of_governors", ceo
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var raisedBy: UUID?
    public var raisedAs: RaisedAs
    public var raisedOn: CalendarDate
    public var nature: String
    public var seriousness: Seriousness
    public var previousSupport: String?
    public var response: Response
    public var responseNotes: String?
    public var bypassReason: String?
    public var bypassAdvice: String?
    /// Whom the raising must tell (003 §6.3: the head; §6.4: the Chair of Governors and the
    /// Chair of the HPMC tell each other), as roles.
    public var notified: [Role]
    /// The earlier plan whose six-month sustain window this concern falls in (003 §6.10.4).
    public var relapseOf: UUID?
    public var confirmedInWritingOn: CalendarDate?
    public var receivedOn: CalendarDate?
    public var employeeComment: String?
    public var employeeCommentedAt: Date?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, input: ConcernInput, raisedBy: UUID?,
                raisedAs: RaisedAs, notified: [Role], relapseOf: UUID?, at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId
        self.raisedBy = raisedBy; self.raisedAs = raisedAs; self.raisedOn = input.raisedOn
        self.nature = input.nature; self.seriousness = input.seriousness; self.previousSupport = input.previousSupport
        self.response = input.response; self.responseNotes = input.responseNotes
        self.bypassReason = input.bypassReason; self.bypassAdvice = input.bypassAdvice
        self.notified = notified; self.relapseOf = relapseOf
        self.confirmedInWritingOn = nil; self.receivedOn = nil
        self.employeeComment = nil; self.employeeCommentedAt = nil
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct ConcernInput: Sendable, Equatable, Codable, ValidatedInput {
    public var raisedOn: CalendarDate
    public var nature: String
    public var seriousness: Concern.Seriousness
    public var previousSupport: String?
    public var response: Concern.Response
    public var responseNotes: String?
    public var bypassReason: String?
    public var bypassAdvice: String?

    public static let fields: Set<String> = ["raised_on", "nature", "seriousness", "previous_support", "response",
                                             "response_notes", "bypass_reason", "bypass_advice"]

    public init(raisedOn: CalendarDate, nature: String, seriousness: Concern.Seriousness, previousSupport: String?,
                response: Concern.Response, responseNotes: String?, bypassReason: String?, bypassAdvice: String?) {
        self.raisedOn = raisedOn; self.nature = nature; self.seriousness = seriousness
        self.previousSupport = previousSupport; self.response = response; self.responseNotes = responseNotes
        self.bypassReason = bypassReason; self.bypassAdvice = bypassAdvice
    }

    public func validate() throws {
        var check = Validator()
        check.text(nature, "nature", max: 8000)
        check.optionalText(previousSupport, "previous_support", max: 8000)
        check.optionalText(responseNotes, "response_notes", max: 8000)
        check.optionalText(bypassReason, "bypass_reason", max: 60)
        check.optionalText(bypassAdvice, "bypass_advice", max: 4000)
        if response == .formalCapability {
            check.check(bypassReason != nil, "bypass_reason", "required",
                        "is required to go straight to the formal stages")
        } else {
            check.check(bypassReason == nil, "bypass_reason", "not_allowed",
                        "is only for a response of formal_capability")
        }
        try check.result()
    }
}

/// The written confirmation of a concern to the employee (000 §8.1, 004 §11.2), and the date
/// they received it.
public struct ConcernConfirmationInput: Sendable, Equatable, Codable, ValidatedInput {
    public var confirmedInWritingOn: CalendarDate
    public var receivedOn: CalendarDate?
    public static let fields: Set<String> = ["confirmed_in_writing_on", "received_on"]
    public init(confirmedInWritingOn: CalendarDate, receivedOn: CalendarDate?) {
        self.confirmedInWritingOn = confirmedInWritingOn; self.receivedOn = receivedOn
    }
    public func validate() throws {
        var check = Validator()
        if let receivedOn {
            check.check(receivedOn >= confirmedInWritingOn, "received_on", "not_before_confirmation",
                        "must not be before confirmed_in_writing_on")
        }
        try check.result()
    }
}
