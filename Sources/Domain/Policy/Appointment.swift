import Foundation

/// Who appoints whose reviewer, and who may be one (000 §3.1; 001 "Appointing Reviewers";
/// 002 §2.2.2; 003 §3; 004 §5). A rule per kind of reviewee; none means the policy does not
/// cover them (001 is for associate staff only).
public struct AppointmentRules: Sendable, Equatable, Codable {
    public var schoolStaff: AppointmentRule?
    public var centralStaff: AppointmentRule?
    public var headteacher: AppointmentRule?
    public var ceo: AppointmentRule?

    public func rule(for category: RevieweeCategory) -> AppointmentRule? {
        switch category {
        case .schoolStaff: return schoolStaff
        case .centralStaff: return centralStaff
        case .headteacher: return headteacher
        case .ceo: return ceo
        }
    }
}

/// Which appointment rule applies to an employment.
public enum RevieweeCategory: String, Sendable, Codable, CaseIterable {
    case schoolStaff = "school_staff", centralStaff = "central_staff", headteacher, ceo

    public init(staffGroup: Employment.StaffGroup, unitKind: OrganisationUnit.Kind) {
        switch staffGroup {
        case .headteacher: self = .headteacher
        case .ceo: self = .ceo
        case .central: self = .centralStaff
        default: self = unitKind == .centralTeam ? .centralStaff : .schoolStaff
        }
    }
}

/// A standing a person has relative to the reviewee, from role grants (unit roles in the
/// reviewee's unit) and employments: `line_manager` is the reviewee's own line manager, the
/// one who supervises them (001 "the relevant line manager"; 003 §3.4), not every manager
/// further up the chain.
public enum Standing: String, Sendable, Codable, CaseIterable {
    case headteacher, seniorLeader = "senior_leader", ceo, operationsDirector = "operations_director"
    case trustee, chairOfTrustees = "chair_of_trustees", governor, chairOfGovernors = "chair_of_governors"
    case hr, lineManager = "line_manager", externalAdviser = "external_adviser"
}

public struct AppointmentRule: Sendable, Equatable, Codable {
    public enum Form: String, Sendable, Codable, CaseIterable {
        case individual, panel
    }
    public enum AdviserRequirement: String, Sendable, Codable, CaseIterable {
        case required, optional, none
    }
    /// Whether the appointer may name themselves as the reviewer of *someone else*. (Being
    /// your own reviewer is never allowed: `not_reviewee`.)
    public enum AppointerAsReviewer: String, Sendable, Codable, CaseIterable {
        /// The appointer may not review.
        case never
        /// 003 §3.4–3.5, §6.3: the reviewer is normally the line manager — a head who
        /// line-manages the reviewee reviews them — and otherwise the head takes the role only
        /// when concerns arise.
        case onConcerns = "on_concerns"
        /// 000 §3.1, 002 §2.2.2, 004 §5.2: whoever decides who reviews may choose themselves.
        case always
    }

    /// Who may make the appointment: any one of these standings.
    public var appointers: [Standing]
    public var form: Form
    public var minMembers: Int
    public var maxMembers: Int?
    /// Each member must hold one of these standings (nil: anyone in the trust).
    public var memberStandings: [Standing]?
    /// For each of these, some member must hold it (002 §2.2.2: the CEO and the Chair).
    public var requiredStandings: [Standing]
    /// No member may hold these (003 §3.3: not the Chair of Governors).
    public var excludedStandings: [Standing]
    public var externalAdviser: AdviserRequirement
    /// 001: the relevant line manager conducts the review.
    public var reviewerMustBeLineManager: Bool
    public var appointerAsReviewer: AppointerAsReviewer
    /// Someone who must be consulted and recorded (004 §5.1: the CEO, for the head).
    public var consult: Standing?
    /// 003 §3.5: the reviewer role may be re-delegated when concerns arise.
    public var mayRedelegateOnConcerns: Bool

    /// Whether the appointer may be the reviewer of this reviewee.
    public func appointerMayReview(asLineManager: Bool, reason: AppointmentReason) -> Bool {
        switch appointerAsReviewer {
        case .always: return true
        case .never: return false
        // 003 §3.4: "normally the employee's line manager"; §3.5: otherwise on concerns.
        case .onConcerns: return asLineManager || reason == .concerns
        }
    }

    public static func individual(appointedBy appointers: [Standing], mustBeLineManager: Bool = false,
                                  appointerAsReviewer: AppointerAsReviewer = .always, members: [Standing]? = nil,
                                  redelegate: Bool = true) -> AppointmentRule {
        AppointmentRule(appointers: appointers, form: .individual, minMembers: 1, maxMembers: 1, memberStandings: members,
                        requiredStandings: [], excludedStandings: [], externalAdviser: .optional,
                        reviewerMustBeLineManager: mustBeLineManager, appointerAsReviewer: appointerAsReviewer,
                        consult: nil, mayRedelegateOnConcerns: redelegate)
    }
}
