import Foundation

/// A deadline of one appraisal, computed when it is enrolled.
public struct Deadline: Sendable, Equatable, Codable {
    public var key: String
    public var dueDate: CalendarDate
    /// The clause that sets it (issue 11 §3); absent on deadlines computed before it was kept.
    public var policyRef: PolicyRef?
    public init(key: String, dueDate: CalendarDate, policyRef: PolicyRef? = nil) {
        self.key = key
        self.dueDate = dueDate
        self.policyRef = policyRef
    }
}

extension Deadline {
    /// The conversation a deadline is for (004 §6.3: `autumn_conversation` → `autumn`); nil
    /// for any other deadline.
    public var conversationKind: String? {
        key.hasSuffix(Self.conversationSuffix) ? String(key.dropLast(Self.conversationSuffix.count)) : nil
    }

    static let conversationSuffix = "_conversation"
}

extension PolicyCitation {
    /// Each deadline with the clause its rule comes from (`deadlines.<key>`, or `deadlines`).
    public func cite(_ deadlines: [Deadline]) -> [Deadline] {
        deadlines.map { deadline in
            var cited = deadline
            cited.policyRef = ref("deadlines.\(deadline.key)")
            return cited
        }
    }
}

extension DateRule {
    /// The date this rule gives for a period on a unit's calendar; nil when it falls before the
    /// period starts (a starter after October half term has no "before half term" conversation).
    public func date(for period: AppraisalPeriod, calendar: WorkingCalendar) -> CalendarDate? {
        let anchor = from == .cycleEnd ? period.endDate : period.startDate
        let result: CalendarDate?
        switch kind {
        case .nextDate:
            guard let month, let day else { return nil }
            // "By 31 October" after a cycle ending 31 August is that October; the first such
            // day strictly after the end, or on or after the start.
            // 29 February falls back to the 28th in a common year.
            func inYear(_ year: Int) -> CalendarDate {
                CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))!
            }
            let candidate = inYear(anchor.year)
            let late = from == .cycleEnd ? candidate <= anchor : candidate < anchor
            result = late ? inYear(anchor.year + 1) : candidate
        case .months:
            result = months.map { anchor.adding(months: $0) }
        case .beforeHalfTerm:
            guard let term, let halfTerm = calendar.halfTermStart(of: term, inYearOf: period.startDate) else { return nil }
            var day = halfTerm.adding(days: -1)
            while !calendar.isSchoolDay(day) && day > period.startDate { day = day.adding(days: -1) }
            result = day
        case .termEnd:
            guard let term else { return nil }
            result = calendar.schoolYear(containing: period.startDate).term(term)?.endDate
        case .halfWay:
            var day = period.startDate.adding(days: (period.endDate - period.startDate) / 2)
            while !calendar.isSchoolDay(day) && day > period.startDate { day = day.adding(days: -1) }
            result = day
        }
        guard let result, result >= period.startDate else { return nil }
        // A deadline inside the year (an interim review, a conversation) falls within the
        // appraisal's own period: a fixed-term contract ending 31 March has no July
        // conversation (000 §2.1, 003 §2.2, 004 §4.2: the period is adjusted to the contract).
        if from != .cycleEnd && result > period.endDate { return nil }
        return result
    }
}

extension PolicyDocument {
    /// Every deadline the (resolved) policy gives an appraisal of this period.
    public func deadlines(for period: AppraisalPeriod, calendar: WorkingCalendar) -> [Deadline] {
        deadlines.compactMap { rule in rule.rule.date(for: period, calendar: calendar).map { Deadline(key: rule.key, dueDate: $0) } }
    }
}
