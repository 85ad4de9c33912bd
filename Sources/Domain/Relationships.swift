import Foundation

/// How a caller stands to the person a record is about (issue 3 §3). Computed from
/// employments and grants; decided on by `Authorization.decide(_:reading:)`.
public enum Relationship: String, Sendable, CaseIterable, Codable {
    /// The record is about the caller.
    case own = "self"
    /// The caller is in the line-management chain above the record's employment.
    case lineManager = "line_manager"
    /// The caller holds the headteacher role in the record's unit.
    case headOfUnit = "head_of_unit"
    /// The caller is the current reviewer (or a panel member, or the external adviser) of an
    /// appraisal of the record's employment (000 §3, 003 §3.1, 004 §5).
    case reviewer = "reviewer_of"
    /// The caller sits on the committee that appraises the record's person: the governors'
    /// headteacher performance management committee of the head's unit (003 §3.2).
    case committeeMember = "committee_member_for"
    /// The caller works in the same unit (a colleague).
    case sameUnit = "same_unit"
    /// The caller works elsewhere in the trust.
    case otherUnit = "other_unit"
}

extension Authorization {
    /// Reading one staff record (an employment, a person) without a trust-wide role that
    /// covers all of them. Colleagues, in the same unit or another, are refused: knowing
    /// someone works here does not entitle you to their record.
    public static func decide(_ caller: Caller, readingStaffRecordWith relationships: Set<Relationship>) -> Decision {
        if decide(caller, .staffRead) == .allow { return .allow }
        guard case .user = caller else { return .deny(reason: "needs a permission to read staff records") }
        // PRODUCT.md "Confidentiality": a person sees everything held about them (subject access).
        if relationships.contains(.own) { return .allow }
        // 001 "Appointing Reviewers" and 000 §3.1: line managers review and are reviewed up the
        // chain, so they see the records of those they manage.
        if relationships.contains(.lineManager) { return .allow }
        // 000 §3.1, 004 §5.2: the head appoints reviewers for the unit's staff and oversees them.
        if relationships.contains(.headOfUnit) { return .allow }
        // 000 §3.1, 001 "Appointing Reviewers", 004 §5: a reviewer needs to know whom they
        // review (role, hours, start date) to set fair objectives and plan observations.
        if relationships.contains(.reviewer) { return .allow }
        // 003 §3.2: the headteacher's performance management committee reviews the head.
        if relationships.contains(.committeeMember) { return .allow }
        return .deny(reason: "not the person, their line manager, reviewer, committee or the head of their unit")
    }
}
