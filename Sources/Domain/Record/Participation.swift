import Foundation

/// How the caller takes part in one appraisal's record: the two sides of the review, and the
/// standings some policies give a say (determining objectives they cannot agree).
public struct Participation: Sendable, Equatable {
    public var isReviewee: Bool
    /// A current reviewer, or a member of the reviewing panel.
    public var isReviewer: Bool
    /// Headteacher of the appraisal's unit.
    public var isHeadOfUnit: Bool
    /// Operations director of the trust (001: the head's role for central staff).
    public var isOperationsDirector: Bool
    /// Governor, chair of governors or committee member of the appraisal's unit.
    public var isGovernor: Bool
    /// A senior leader of the appraisal's unit (002 §2.2.4, 003 §5.1.1: may drop in).
    public var isSeniorLeader = false
    /// Holds the CEO role (004 §6.2: leads the head's conversation).
    public var isCEO = false
    /// The reviewee is central staff (the appointment rule's category), not a school's.
    public var revieweeIsCentral = false
    /// HR, trust-wide (issue 14 §5: sees support and capability records).
    public var isHR = false
    /// Chair of governors of the appraisal's unit (003 §6.4: told of concerns about the head).
    public var isChairOfGovernors = false
    /// A member of the unit's headteacher's performance management committee (003 §3.2, §6.4).
    public var isCommitteeMember = false
    /// The line manager of the appraisal's employment (000 §8.1: "other relevant manager").
    public var isLineManager = false
    /// A member of the pay committee of the trust or of the appraisal's unit (003 §5.3.6).
    public var isPayCommitteeMember = false

    public init(isReviewee: Bool, isReviewer: Bool, isHeadOfUnit: Bool = false, isOperationsDirector: Bool = false,
                isGovernor: Bool = false) {
        self.isReviewee = isReviewee; self.isReviewer = isReviewer; self.isHeadOfUnit = isHeadOfUnit
        self.isOperationsDirector = isOperationsDirector; self.isGovernor = isGovernor
    }

    public static let none = Participation(isReviewee: false, isReviewer: false)

    /// One of the two sides of the review.
    public var isSide: Bool { isReviewee || isReviewer }

    /// Whether the caller may determine objectives the two sides cannot agree.
    public func mayDetermine(_ decider: ObjectiveRules.Decider) -> Bool {
        switch decider {
        // 000 §5.3, 002 §2.2.3, 003 §4.2: the reviewer determines them.
        case .reviewer: return isReviewer
        // 001 "Setting Objectives", "Appointing Reviewers": the headteacher for the school's
        // associate staff, the operations director for central staff — neither crosses over.
        case .headteacherOrOperationsDirector: return revieweeIsCentral ? isOperationsDirector : isHeadOfUnit
        // 003 §4.1: the governing body, through the governors appraising the head.
        case .governingBody: return isGovernor || isReviewer
        }
    }
}

/// A side of the review acting where it may not: 403 naming who may.
public struct NotAParticipant: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
