import Foundation

/// What a caller asks to do with an appraisal's record (issue 11 §1). Routes, workers,
/// reports and exports name one of these; `RecordAccessRules.decide` answers it.
public enum RecordPermission: String, Sendable, CaseIterable, Codable {
    /// See that the appraisal exists: whose it is, its period, deadlines and appointments.
    case status
    /// Read the record's text.
    case read
    /// Change the record as a side of the review (the named observer on their observation
    /// too): what exactly a side may change is the record's own rules (`ObjectiveLifecycle`, …).
    case write
    /// Record an observation: the reviewer, the head of the unit, senior leaders dropping in
    /// where the policy lets them (000 §6, 002 §2.2.4, 003 §5.1.1).
    case observe
    /// Hold a performance conversation: the reviewer, or the CEO for the head (004 §6.2).
    case lead
    /// Settle objectives the two sides cannot agree (000 §5.3, 001, 003 §4.1).
    case determine
    /// Appoint the appraisal's reviewer (000 §3.1, 001, 002 §2.2.2, 003 §3, 004 §5).
    case appoint
    /// Read the year's professional-development commitments: whoever reads the record, and
    /// for a head, the local governing body where the policy shares them (004 §6.2).
    case commitments
    /// Read the concerns, support plans and capability of the appraisal (issue 14 §5).
    case support
    /// Raise a concern, set and run a support plan, record its outcome (issue 14 §1–4).
    case manageSupport = "manage_support"
    /// Read the pay recommendation, decision and appeal (issue 15 §1: pay deciders, HR, the
    /// head, the employee — the employee only once it is shared).
    case pay
    /// Recommend, approve, decide or hear an appeal: which of these is the policy's
    /// (`PayDecisionRules`).
    case managePay = "manage_pay"
}

/// The kinds of item an appraisal's record holds; each names its appraisal.
public enum RecordItemKind: String, Sendable, CaseIterable {
    case objective, observation, conversation, meeting, evidence, statement
    case interimReview = "interim review"
    case development = "development activity"
    case concern
    case supportPlan = "support plan"
    case capabilityCase = "capability case"
    case payRecommendation = "pay recommendation"
    case payAppeal = "pay appeal"
    case upperPayRangeApplication = "upper pay range application"

    /// What a problem calls a missing item.
    public var resourceName: String { rawValue }
}

/// What an access check is about: an appraisal, or one item of its record.
public enum RecordTarget: Sendable, Equatable {
    case appraisal(UUID)
    case item(RecordItemKind, UUID)

    /// The appraisal or item named.
    public var id: UUID {
        switch self {
        case .appraisal(let id), .item(_, let id): return id
        }
    }

    /// The kind of item named; nil for the appraisal itself.
    public var itemKind: RecordItemKind? {
        switch self {
        case .appraisal: return nil
        case .item(let kind, _): return kind
        }
    }

    /// What a refusal or a miss names.
    public var resourceName: String {
        switch self {
        case .appraisal: return "appraisal"
        case .item(let kind, _): return kind.resourceName
        }
    }
}

/// How the caller stands to one appraisal, loaded in one query (`RecordAccessStore`).
public struct RecordRelationship: Sendable, Equatable {
    /// The caller's part in the review, from their grants and the current appointment.
    public var participation: Participation
    /// The policy lets them read the record: a side, or one of `confidentiality.record_readers`.
    public var readsRecord: Bool
    /// They may see that the appraisal exists: a record reader, the head of the unit, an appointer.
    public var readsStatus: Bool
    /// The policy names them among those who appoint this kind of reviewee's reviewer.
    public var isAppointer: Bool
    /// The observer named on the observation asked for (a peer, say): they reach that item only.
    public var observesItem: Bool
    /// Who raised the concern asked for, or raised or monitors the support plan asked for.
    public var managesItem = false

    public init(participation: Participation, readsRecord: Bool, readsStatus: Bool, isAppointer: Bool,
                observesItem: Bool, managesItem: Bool = false) {
        self.participation = participation; self.readsRecord = readsRecord; self.readsStatus = readsStatus
        self.isAppointer = isAppointer; self.observesItem = observesItem; self.managesItem = managesItem
    }

    /// Callers who are not people (the platform administrator, API keys): the route's
    /// permission let them read every record; they are no side of any review.
    public static let notAPerson = RecordRelationship(participation: .none, readsRecord: true, readsStatus: true,
                                                      isAppointer: false, observesItem: false)
}

/// The answer to one access check.
public enum RecordAccessDecision: Sendable, Equatable {
    case allow
    /// The caller may not know the record exists: answered as not found.
    case hidden(reason: String)
    /// The caller sees the record but may not do this: answered as forbidden, citing the
    /// policy section that decides it, if one does.
    case refused(reason: String, policy: String? = nil)
}

/// Who may read, write, determine and appoint — decided here, once, for every entry point.
public enum RecordAccessRules {
    public static let notRelated = "not related to this appraisal"

    /// What the caller is asking about: the appraisal's kind and the policy section in force.
    public struct Subject: Sendable {
        public let category: RevieweeCategory
        public let policy: PolicyDocument
        public init(category: RevieweeCategory, policy: PolicyDocument) {
            self.category = category; self.policy = policy
        }
    }

    public static func decide(_ need: RecordPermission, _ who: RecordRelationship,
                              _ subject: Subject) -> RecordAccessDecision {
        // 000 §9.2, 001 "Confidentiality", 003 §1.8: the record is shared with the sides and the
        // readers the policy names; a named observer reaches the observation they make.
        let reaches = who.readsRecord || who.observesItem
        let part = who.participation
        switch need {
        case .status:
            return who.readsStatus ? .allow : .hidden(reason: notRelated)
        case .read:
            return reaches ? .allow : .hidden(reason: notRelated)
        case .write:
            return allow(reaches, part.isSide || who.observesItem,
                         "only the reviewee or their reviewer changes the record", policy: nil)
        case .observe:
            // 002 §2.2.4, 003 §5.1.1: "other senior leaders" drop in where the policy says so.
            let dropsIn = part.isSeniorLeader && subject.policy.observations.seniorLeadersMayDropIn == true
            return allow(reaches, part.isReviewer || part.isHeadOfUnit || dropsIn,
                         "only the reviewer or the head of the unit records observations",
                         policy: "observations.senior_leaders_may_drop_in")
        case .lead:
            return allow(reaches, mayLead(part, subject), "only the conversation's lead holds it",
                         policy: "conversations")
        case .determine:
            let decider = subject.policy.objectives?.disagreementDecidedBy
            return allow(reaches, decider.map(part.mayDetermine) ?? false,
                         "the policy does not let this caller determine objectives",
                         policy: "objectives.disagreement_decided_by")
        case .commitments:
            // 004 §6.2: the head's commitments are shared with the Local Governing Body.
            let shared = subject.category == .headteacher
                && subject.policy.conversations?.headCommitmentsSharedWithGoverningBody == true
            return reaches || (shared && part.isGovernor) ? .allow : .hidden(reason: notRelated)
        case .appoint:
            // Appointers see the appraisal's status, not always its record (004 §5.1).
            return allow(who.readsStatus, who.isAppointer || part.isHeadOfUnit,
                         "the policy does not name this caller an appointer", policy: "appointment")
        case .support:
            // Nobody else learns that a concern or a plan exists: hidden, never refused.
            return readsSupport(who, subject) ? .allow : .hidden(reason: supportReaders)
        case .manageSupport:
            guard readsSupport(who, subject) else { return .hidden(reason: supportReaders) }
            return managesSupport(who, subject) ? .allow
                : .refused(reason: "only the reviewer, a manager of the employee or the head manages support")
        case .pay:
            return readsPay(who, subject) ? .allow : .hidden(reason: payReaders)
        case .managePay:
            guard readsPay(who, subject) else { return .hidden(reason: payReaders) }
            return decidesPay(who, subject) ? .allow
                : .refused(reason: "only those the policy names recommend, approve or decide pay", policy: "pay")
        }
    }

    static let payReaders = "pay is shared only with the employee, HR, the head and those deciding it"

    /// Issue 15 §1 (000 §9.2 "those responsible for making pay decisions", 003 §1.8): the
    /// employee, HR, and whoever takes part in deciding it. People only.
    public static func readsPay(_ who: RecordRelationship, _ subject: Subject) -> Bool {
        let part = who.participation
        return part.isReviewee || part.isHR || decidesPay(who, subject)
    }

    /// Who takes a step of the pay decision: a recommender the policy names, the head (the
    /// operations director for central staff) who approves, the pay committee that decides and
    /// hears appeals (000 §3.1, 001 "Links to Pay", 003 §3.4, §5.3.6).
    public static func decidesPay(_ who: RecordRelationship, _ subject: Subject) -> Bool {
        let part = who.participation
        if part.isReviewee { return false }
        if part.isPayCommitteeMember { return true }
        let reviewerRecommends = subject.policy.pay.recommendedBy.contains(.reviewer)
            || subject.category == .headteacher || subject.category == .ceo
        if part.isReviewer && reviewerRecommends { return true }
        switch subject.category {
        case .schoolStaff: return part.isHeadOfUnit
        case .centralStaff: return part.isOperationsDirector
        case .headteacher, .ceo: return false
        }
    }

    static let supportReaders = "support records are shared only with the employee and those managing them"

    /// Issue 14 §5 (000 §9.2 "where poor performance is identified", 001 "Confidentiality", 003
    /// §1.8, §6.3–6.5): the employee, the reviewer, whoever manages the concern or plan, the line
    /// manager, the head (the operations director for central staff) and HR; for a head, the
    /// committee, the Chair of Governors and the CEO. Never colleagues, nor other governors.
    public static func readsSupport(_ who: RecordRelationship, _ subject: Subject) -> Bool {
        let part = who.participation
        // People only: neither API keys nor the platform administrator read support records.
        return part.isReviewee || who.managesItem || part.isHR || managesSupport(who, subject)
    }

    /// Who raises concerns and runs plans: the reviewer, the line manager, senior leaders of the
    /// unit, the head (the operations director for central staff); for a head, the committee,
    /// the Chair of Governors and the CEO (003 §6.4–6.5; 004 §1.3).
    public static func managesSupport(_ who: RecordRelationship, _ subject: Subject) -> Bool {
        let part = who.participation
        if part.isReviewee { return false }
        if part.isReviewer || who.managesItem { return true }
        switch subject.category {
        case .headteacher: return part.isCommitteeMember || part.isChairOfGovernors || part.isCEO
        case .centralStaff: return part.isOperationsDirector || part.isLineManager
        case .schoolStaff: return part.isHeadOfUnit || part.isSeniorLeader || part.isLineManager
        // The CEO's: their reviewers, appointed by the board (000 §3.1, 004 §1.3).
        case .ceo: return false
        }
    }

    /// 004 §6.2: under a policy whose CEO leads the head's conversation, the CEO leads it;
    /// otherwise the reviewer does (004 §6: the appraiser holds it).
    public static func mayLead(_ part: Participation, _ subject: Subject) -> Bool {
        ceoLeads(subject) ? part.isCEO : part.isReviewer
    }

    public static func ceoLeads(_ subject: Subject) -> Bool {
        subject.category == .headteacher && subject.policy.conversations?.headteacherLead == .ceo
    }

    private static func allow(_ reaches: Bool, _ permitted: Bool, _ refusal: String,
                              policy: String?) -> RecordAccessDecision {
        guard reaches else { return .hidden(reason: notRelated) }
        return permitted ? .allow : .refused(reason: refusal, policy: policy)
    }
}

/// A refusal by `RecordAccessRules`, already audited by the use case that asked.
public struct RecordAccessRefused: Error, Sendable {
    public let decision: RecordAccessDecision
    public let resource: String
    public init(_ decision: RecordAccessDecision, resource: String) {
        self.decision = decision; self.resource = resource
    }
}
