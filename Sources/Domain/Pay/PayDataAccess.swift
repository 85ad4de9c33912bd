import Foundation

/// Who reads and records an employment's pay and a person's protected characteristics (issue
/// 15 §1, §6) — decided here for every entry point. Callers that are not people (API keys,
/// the platform administrator) act for the HR system and passed the route's staff permission.
public enum PayDataAccess {
    /// One grant of the caller: its role and the unit it is held in (nil: trust-wide).
    public typealias Grant = (role: String, unit: UUID?)

    /// Pay: HR, the employee, the head of the employment's unit (the operations director for
    /// central staff), and the pay committee of the trust or of that unit.
    public static func readsPay(me: UUID?, grants: [Grant], person: UUID, unit: UUID, central: Bool) -> Bool {
        guard let me else { return true }
        if me == person { return true }
        return grants.contains { grant in
            switch grant.role {
            case Role.hr.rawValue: return true
            case Role.headteacher.rawValue: return grant.unit == unit
            case Role.operationsDirector.rawValue: return central
            case Role.payCommitteeMember.rawValue: return grant.unit == nil || grant.unit == unit
            default: return false
            }
        }
    }

    /// Whether a staff record sent to the caller carries the employment's pay point: to the
    /// employee, HR, and callers who are not people (the HR system's keys, the operator).
    public static func seesPayPoint(on person: UUID, caller: Caller?) -> Bool {
        switch caller {
        case .user(_, let me, _, let roles)?: return me == person || roles.contains(.hr)
        case .platformAdministrator?, .apiKey?: return true
        case nil: return false
        }
    }

    /// Pay points are recorded by HR (or the HR system); decisions add theirs through the
    /// pay committee's decision.
    public static func recordsPay(me: UUID?, grants: [Grant]) -> Bool {
        guard me != nil else { return true }
        return grants.contains { $0.role == Role.hr.rawValue }
    }

    /// Special-category data: HR and the person themselves, nobody else (not the head, not the
    /// pay committee: the report counts them, suppressed).
    public static func readsCharacteristics(me: UUID?, grants: [Grant], person: UUID) -> Bool {
        guard let me else { return false }
        return me == person || grants.contains { $0.role == Role.hr.rawValue }
    }

    /// The equality report: HR and the CEO, who answer to the board for equal pay (002 §1.2);
    /// governors and trustees get anonymised reports of their own (issue 17).
    public static func readsEqualityReport(me: UUID?, grants: [Grant]) -> Bool {
        guard me != nil else { return false }
        return grants.contains { $0.role == Role.hr.rawValue || $0.role == Role.ceo.rawValue }
    }
}
