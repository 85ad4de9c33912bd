import Foundation

/// Who reads an appraisal's record — objectives, observations, meetings, conversations,
/// development, evidence — beyond the reviewee and the reviewers (the panel and the external
/// adviser included), who always do. Each policy's own confidentiality section, not one rule:
/// 000 §9.2, 001 "Confidentiality and Professional Relationships", 003 §1.8.
///
/// Everyone else who needs to know an appraisal exists — trust-wide roles (trust admin, HR,
/// the CEO, the operations director), the head of its unit, whoever the policy lets appoint
/// its reviewer — sees only its status: whose it is, its period, deadlines, appointments and
/// state, never the record.
public struct ConfidentialityRules: Sendable, Equatable, Codable {
    public enum Reader: String, Sendable, Codable, CaseIterable {
        /// The head of the appraisal's unit, for the unit's staff (000 §9.2, 001, 003 §1.8).
        case headOfUnit = "head_of_unit"
        /// Senior leaders of the unit, for quality assurance and moderation (000 §9.2, 003 §1.8)
        /// — of the unit's staff, never of the head's own appraisal.
        case seniorLeaders = "senior_leaders"
        /// The operations director, for central staff (001: "the Headteacher or Operations Director").
        case operationsDirector = "operations_director"
        /// Each line manager of the reviewer (001: "the reviewer's line manager or, where they
        /// have more than one, each of their line managers").
        case reviewersLineManagers = "reviewers_line_managers"
        /// Every manager above the reviewee in the line-management chain.
        case lineManagementChain = "line_management_chain"
        /// For the head's appraisal, the governors' committee that appraises the head (003 §3.2).
        case headsCommittee = "heads_committee"
        /// For the head's appraisal, the CEO (004 §1.3, §6.2: the CEO takes the head's role).
        case ceoForHeads = "ceo_for_heads"
        /// Trust-wide roles (trust admin, HR, CEO, operations director) for every appraisal.
        case trustRoles = "trust_roles"
    }

    public var recordReaders: [Reader]

    public init(recordReaders: [Reader]) { self.recordReaders = recordReaders }

    /// Where a policy is silent: the reviewee, the reviewers and the head of the unit — the
    /// core the policies that speak agree on (000 §9.2, 001, 003 §1.8).
    public static let productDefault = ConfidentialityRules(recordReaders: [.headOfUnit])
}

extension PolicyDocument {
    /// The policy's confidentiality rules, or the product default for one that has none.
    public var confidentialityRules: ConfidentialityRules { confidentiality ?? .productDefault }
}
