import Foundation

/// The dates an appraisal covers: the cycle's, or shorter for a mid-cycle starter or a short
/// fixed-term contract (000 §2.1; 001; 003 §2.2; 004 §4.2–4.3).
public struct AppraisalPeriod: Sendable, Equatable, Codable {
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public init(startDate: CalendarDate, endDate: CalendarDate) {
        self.startDate = startDate
        self.endDate = endDate
    }

    /// The cycle of `year` under a rule: 1 September 2026 – 31 August 2027 for year 2026.
    public static func cycle(_ rule: CycleRule, year: Int) -> AppraisalPeriod {
        let start = CalendarDate(year: year, month: rule.startMonth, day: min(rule.startDay, CalendarDate.daysIn(month: rule.startMonth, year: year)))!
        return AppraisalPeriod(startDate: start, endDate: start.adding(months: rule.lengthMonths).adding(days: -1))
    }
}

/// Why an employment is out of a cycle; each is a policy's words.
public enum ExclusionReason: String, Sendable, Codable, CaseIterable {
    /// 001 "Scope": the policy covers associate staff only.
    case notCovered = "not_covered"
    case notStarted = "not_started"
    case left
    /// 001 "Scope", 003 "Application", 004 §3: a contract of less than one term; 002 §1.1: under a year.
    case contractTooShort = "contract_too_short"
    /// 000 §2.1, 001 "Scope", 004 §3: during probation.
    case probation
    /// 000 §2.1, 002 §1.1, 003 "Application", 004 §3: during statutory induction.
    case induction
    /// 003 "Application": those subject to the Capability Policy; 000 §8.2, 001: the cycle is suspended.
    case capability
    /// Already appraised this year under another cycle of the trust (one appraisal a year).
    case alreadyEnrolled = "already_enrolled"
}

public enum Adjustment: String, Sendable, Codable, CaseIterable {
    /// 000 §2.1, 004 §4.3: started part way through the cycle.
    case midCycleStart = "mid_cycle_start"
    /// 000 §2.1, 001, 002 §2.2.1, 003 §2.2, 004 §4.2: the contract ends before the cycle does.
    case fixedTermEnd = "fixed_term_end"
    /// 000 §2.1: the procedure applies once probation has been completed.
    case afterProbation = "after_probation"
}

public enum EnrolmentDecision: Sendable, Equatable {
    case enrolled(AppraisalPeriod, adjustments: [Adjustment])
    case excluded(ExclusionReason, detail: String)
}

/// The facts eligibility needs about an employment (the store loads thousands at once).
public struct EnrolmentCandidate: Sendable {
    public var employmentId: UUID
    public var unitId: UUID
    public var staffGroup: Employment.StaffGroup
    public var contractType: Employment.ContractType
    public var contractEndDate: CalendarDate?
    public var startDate: CalendarDate
    public var endDate: CalendarDate?
    public var probationEndDate: CalendarDate?
    public var inductionStatus: Employment.InductionStatus
    public var underCapability: Bool

    public init(employmentId: UUID, unitId: UUID, staffGroup: Employment.StaffGroup, contractType: Employment.ContractType,
                contractEndDate: CalendarDate?, startDate: CalendarDate, endDate: CalendarDate?, probationEndDate: CalendarDate?,
                inductionStatus: Employment.InductionStatus, underCapability: Bool) {
        self.employmentId = employmentId
        self.unitId = unitId
        self.staffGroup = staffGroup
        self.contractType = contractType
        self.contractEndDate = contractEndDate
        self.startDate = startDate
        self.endDate = endDate
        self.probationEndDate = probationEndDate
        self.inductionStatus = inductionStatus
        self.underCapability = underCapability
    }
}

public enum Enrolment {
    /// Whether an employment is in a cycle whose period is `cycle`, under its resolved policy.
    public static func decide(_ candidate: EnrolmentCandidate, cycle: AppraisalPeriod, rules: EligibilityRules,
                              calendar: WorkingCalendar) -> EnrolmentDecision {
        if let groups = rules.staffGroups, !groups.contains(candidate.staffGroup) {
            return .excluded(.notCovered, detail: "the policy covers \(groups.map(\.rawValue).joined(separator: ", ")) staff only")
        }
        let lastDay = [candidate.endDate, candidate.contractEndDate].compactMap { $0 }.min()
        if let lastDay, lastDay < cycle.startDate {
            return .excluded(.left, detail: "the employment ended on \(lastDay), before the cycle began")
        }
        if candidate.startDate > cycle.endDate {
            return .excluded(.notStarted, detail: "the employment starts on \(candidate.startDate), after the cycle ends")
        }
        if rules.excludeCapability && candidate.underCapability {
            return .excluded(.capability, detail: "subject to the capability procedure")
        }
        if rules.excludeInduction && candidate.inductionStatus == .inProgress {
            return .excluded(.induction, detail: "serving statutory induction")
        }
        if let minimum = rules.minimumContract, candidate.contractType == .fixedTerm, let contractEnd = candidate.contractEndDate,
           !contract(from: candidate.startDate, to: contractEnd, lastsAtLeast: minimum, calendar: calendar) {
            return .excluded(.contractTooShort, detail: "a fixed-term contract shorter than \(minimum.value) \(minimum.unit.rawValue)")
        }
        var period = cycle
        var adjustments: [Adjustment] = []
        if candidate.startDate > period.startDate, rules.adjustForMidCycleStarters {
            period.startDate = candidate.startDate
            adjustments.append(.midCycleStart)
        }
        if rules.excludeProbation, let probationEnd = candidate.probationEndDate, probationEnd >= period.startDate {
            guard probationEnd < period.endDate else {
                return .excluded(.probation, detail: "probation ends on \(probationEnd), at or after the end of the cycle")
            }
            period.startDate = probationEnd.adding(days: 1)
            adjustments.append(.afterProbation)
        }
        if let lastDay, lastDay < period.endDate, rules.adjustForFixedTerm || candidate.endDate == lastDay {
            period.endDate = lastDay
            adjustments.append(.fixedTermEnd)
        }
        return .enrolled(period, adjustments: adjustments)
    }

    /// "A contract of less than one term": whole terms of the unit's calendar inside the contract.
    static func contract(from start: CalendarDate, to end: CalendarDate, lastsAtLeast minimum: Span,
                         calendar: WorkingCalendar) -> Bool {
        switch minimum.unit {
        case .terms:
            var whole = 0
            for year in start.academicYear...end.academicYear {
                let schoolYear = calendar.schoolYear(containing: CalendarDate(year: year, month: 9, day: 1)!)
                whole += schoolYear.terms.filter { start <= $0.startDate && $0.endDate <= end }.count
            }
            return whole >= minimum.value
        case .years: return end >= start.adding(months: 12 * minimum.value).adding(days: -1)
        case .months: return end >= start.adding(months: minimum.value).adding(days: -1)
        case .weeks: return end >= start.adding(days: 7 * minimum.value - 1)
        default: return true
        }
    }
}
