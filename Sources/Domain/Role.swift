import Foundation

/// Roles a person can be granted, each where the policies define it (issue 3 §2).
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Runs Appraise for the trust: accounts, API keys, grants (product role).
    case trustAdmin = "trust_admin"
    /// HR: keeps staff records, sees the audit log (001 "Appointing Reviewers"; 003 §1.8).
    case hr
    /// Chief executive: appoints reviewers for central staff, is appraised by the board (000 §3.1; 004 §5.1).
    case ceo
    /// Operations director: the head's role for central staff (001 "Appointing Reviewers").
    case operationsDirector = "operations_director"
    /// Headteacher, executive principal, principal or head of school of a unit (000 §3.1; 003 §3; 004 §5.2).
    case headteacher
    /// Senior leader: moderation of objectives and statements (000 §5.4; 003 §5.4).
    case seniorLeader = "senior_leader"
    /// Trustee or director of the board (000 §3.1; 004 §5.1).
    case trustee
    case chairOfTrustees = "chair_of_trustees"
    /// Governor of a local governing body (003 §3.2; 004 §5.1).
    case governor
    case chairOfGovernors = "chair_of_governors"
    /// Member of a committee: headteacher's performance management (003 §3.2) or pay (003 §5.3.6).
    case committeeMember = "committee_member"
    /// External adviser to those appraising the head (003 §3.1; 002 §2.2.2).
    case externalAdviser = "external_adviser"
    /// Reporting: anonymised data only (PRODUCT.md "Confidentiality, audit and records").
    case reporting
    /// Member of the pay committee of the trust (no unit) or of one unit: decides pay and hears
    /// appeals (003 §5.3.6; issue 15 §3).
    case payCommitteeMember = "pay_committee_member"

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Roles held in one unit (a school's head, its governors); the others are held trust-wide.
    public var isUnitRole: Bool {
        switch self {
        case .headteacher, .seniorLeader, .governor, .chairOfGovernors: return true
        default: return false
        }
    }
}

public struct Grant: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var personId: UUID
    public var role: Role
    public var unitId: UUID?
    public var version: Int
    public var createdAt: Date

    public init(id: UUID, trustId: UUID, personId: UUID, role: Role, unitId: UUID?, version: Int, createdAt: Date) {
        self.id = id
        self.trustId = trustId
        self.personId = personId
        self.role = role
        self.unitId = unitId
        self.version = version
        self.createdAt = createdAt
    }
}

public struct GrantInput: Sendable, Equatable, Codable, ValidatedInput {
    public var personId: UUID
    public var role: Role
    public var unitId: UUID?

    public static let fields: Set<String> = ["person_id", "role", "unit_id"]

    public init(personId: UUID, role: Role, unitId: UUID? = nil) {
        self.personId = personId
        self.role = role
        self.unitId = unitId
    }

    public func validate() throws {
        var check = Validator()
        if role.isUnitRole {
            check.check(unitId != nil, "unit_id", "required", "is required: \(role.rawValue) is held in one unit")
        } else if role != .committeeMember && role != .payCommitteeMember {
            check.check(unitId == nil, "unit_id", "forbidden", "must be absent: \(role.rawValue) is held trust-wide")
        }
        try check.result()
    }
}
