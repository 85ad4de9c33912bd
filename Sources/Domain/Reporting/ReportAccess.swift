import Foundation

/// Who reads the reports, over which units, and whether their counts are suppressed (issue 17
/// §1) — decided here for every entry point. Trust roles read the trust, a head their units,
/// unsuppressed; the board, governors (000 §3.2, 001 "Monitoring and Review", 003 §1.7–1.8)
/// and reporting tools read anonymised counts only.
public enum ReportAccess {
    public enum Audience: String, Sendable, Equatable {
        /// Every count shown: the trust's HR, CEO and administrators, a head for their units.
        case identified
        /// Counts under 5 hidden, and those that subtraction would reveal (003 §1.8: governors
        /// and inspectors see "anonymised information").
        case anonymised
    }

    /// The units a report covers for its reader (nil: the whole trust) and how it is shown.
    public struct Reach: Sendable, Equatable {
        public var units: [UUID]?
        public var audience: Audience
        public init(units: [UUID]?, audience: Audience) { self.units = units; self.audience = audience }
    }

    public enum Reader: Sendable {
        /// The platform's break-glass administrator.
        case platform
        /// An API key with `reports:read` (a BI tool): anonymised, like the board's.
        case apiKey
        /// A person, by their grants (role, unit; nil: trust-wide).
        case person(grants: [(role: String, unit: UUID?)])
    }

    /// The reader's reach for `kind`, narrowed to `unit` when the caller filters by one; nil
    /// when the reader may not read it (there).
    public static func reach(of reader: Reader, for kind: ReportKind, unit: UUID?) -> Reach? {
        let reach = plainReach(of: reader, for: kind, unit: unit)
        // Issue 17 §1: support and capability counts are anonymised whoever reads them.
        guard kind == .support else { return reach }
        return reach.map { Reach(units: $0.units, audience: .anonymised) }
    }

    private static func plainReach(of reader: Reader, for kind: ReportKind, unit: UUID?) -> Reach? {
        let reaches: [(unit: UUID?, audience: Audience)]
        switch reader {
        case .platform: return Reach(units: unit.map { [$0] }, audience: .identified)
        case .apiKey: return Reach(units: unit.map { [$0] }, audience: .anonymised)
        case .person(let grants): reaches = grants.compactMap { grant in
            audience(of: grant.role, for: kind).map { (grant.unit, $0) }
        }
        }
        let trustWide = reaches.filter { $0.unit == nil }
        let inUnits = reaches.filter { $0.unit != nil }
        for audience in [Audience.identified, .anonymised] {
            if trustWide.contains(where: { $0.audience == audience }) {
                return Reach(units: unit.map { [$0] }, audience: audience)
            }
            if let unit, inUnits.contains(where: { $0.unit == unit && $0.audience == audience }) {
                return Reach(units: [unit], audience: audience)
            }
        }
        guard unit == nil, !inUnits.isEmpty else { return nil }
        // Several units read differently (head of one, governor of another): all anonymised.
        let anonymised = inUnits.contains { $0.audience == .anonymised }
        return Reach(units: Array(Set(inUnits.compactMap(\.unit))).sorted { $0.uuidString < $1.uuidString },
                     audience: anonymised ? .anonymised : .identified)
    }

    /// How a role reads `kind` where it is held; nil: not at all.
    static func audience(of role: String, for kind: ReportKind) -> Audience? {
        guard let role = Role(rawValue: role) else { return nil }
        if kind == .payOutcomes || kind == .outcomesAndPay {
            // Pay as `PayDataAccess.readsPay` reads it: HR, the CEO (who answers to the board for
            // equal pay, 002 §1.2), the head for their unit and the pay committee; the others
            // who read reports read pay outcomes anonymised.
            switch role {
            case .hr, .ceo, .headteacher, .payCommitteeMember: return .identified
            case .trustAdmin, .operationsDirector: return .anonymised
            default: break
            }
        }
        switch role {
        case .trustAdmin, .hr, .ceo, .operationsDirector, .headteacher: return .identified
        case .trustee, .chairOfTrustees, .governor, .chairOfGovernors, .reporting: return .anonymised
        case .seniorLeader, .committeeMember, .externalAdviser, .payCommitteeMember: return nil
        }
    }
}
