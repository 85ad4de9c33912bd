import Foundation

/// One academic year of a unit's calendar (1 September – 31 August): three terms, each with a
/// half-term break, and days the school is closed (reference/standards-and-calendar.md
/// "School year"). Term dates differ by local authority and academy, so they are data.
public struct SchoolYear: Sendable, Equatable, Codable {
    public enum TermName: String, Sendable, Codable, CaseIterable {
        case autumn, spring, summer
    }

    public struct Term: Sendable, Equatable, Codable {
        public var name: TermName
        public var startDate: CalendarDate
        public var endDate: CalendarDate
        public var halfTermStartDate: CalendarDate
        public var halfTermEndDate: CalendarDate

        public init(name: TermName, startDate: CalendarDate, endDate: CalendarDate,
                    halfTermStartDate: CalendarDate, halfTermEndDate: CalendarDate) {
            self.name = name
            self.startDate = startDate
            self.endDate = endDate
            self.halfTermStartDate = halfTermStartDate
            self.halfTermEndDate = halfTermEndDate
        }

        public func contains(_ date: CalendarDate) -> Bool { startDate <= date && date <= endDate }
        public func isHalfTerm(_ date: CalendarDate) -> Bool { halfTermStartDate <= date && date <= halfTermEndDate }
    }

    /// A day the school is shut in term time (polling day, emergency closure): not a school day.
    public struct Closure: Sendable, Equatable, Codable {
        public var date: CalendarDate
        public var reason: String
        public init(date: CalendarDate, reason: String) {
            self.date = date
            self.reason = reason
        }
    }

    /// The year it starts: 2026 is the academic year 2026/27.
    public var academicYear: Int
    public var terms: [Term]
    public var closures: [Closure]

    public init(academicYear: Int, terms: [Term], closures: [Closure] = []) {
        self.academicYear = academicYear
        self.terms = terms
        self.closures = closures
    }

    public var firstDay: CalendarDate { CalendarDate(year: academicYear, month: 9, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: academicYear + 1, month: 8, day: 31)! }

    public func term(_ name: TermName) -> Term? { terms.first { $0.name == name } }

    /// A school day: a weekday in term, outside half term, not a bank holiday, not a closure.
    func isSchoolDay(_ date: CalendarDate, bankHolidays: Set<CalendarDate>) -> Bool {
        guard !date.weekday.isWeekend, !bankHolidays.contains(date),
              let term = terms.first(where: { $0.contains(date) }), !term.isHalfTerm(date) else { return false }
        return !closures.contains { $0.date == date }
    }

    /// Term dates, in order and inside the academic year, each half term inside its term.
    public func validate(field: String = "") throws {
        var check = Validator()
        let prefix = field.isEmpty ? "" : field + "."
        check.check(terms.map(\.name) == TermName.allCases, prefix + "terms", "three_terms",
                    "must list the autumn, spring and summer terms, in that order")
        for (index, term) in terms.enumerated() {
            let at = "\(prefix)terms[\(index)]"
            check.check(term.startDate <= term.endDate, at + ".end_date", "after_start", "must not be before start_date")
            check.check(firstDay <= term.startDate && term.endDate <= lastDay, at + ".start_date", "in_academic_year",
                        "the term must fall between \(firstDay) and \(lastDay)")
            check.check(term.startDate < term.halfTermStartDate && term.halfTermStartDate <= term.halfTermEndDate
                        && term.halfTermEndDate < term.endDate, at + ".half_term_start_date", "inside_term",
                        "the half term must start after the term starts, end before it ends, and not end before it starts")
            if index > 0 {
                check.check(terms[index - 1].endDate < term.startDate, at + ".start_date", "after_previous_term",
                            "must be after the previous term's end_date")
            }
        }
        for (index, closure) in closures.enumerated() {
            check.check(firstDay <= closure.date && closure.date <= lastDay, "\(prefix)closures[\(index)].date",
                        "in_academic_year", "must fall between \(firstDay) and \(lastDay)")
            check.text(closure.reason, "\(prefix)closures[\(index)].reason", max: 200)
        }
        try check.result()
    }
}

extension SchoolYear {
    /// The calendar a unit gets until it sets its own: the usual pattern of English schools.
    /// A sensible default, not any authority's dates; units should set their real ones.
    public static func standard(_ academicYear: Int) -> SchoolYear {
        let y = academicYear, next = academicYear + 1
        let holidays = BankHolidays.dates(from: y, through: next)
        func firstWeekday(onOrAfter date: CalendarDate) -> CalendarDate {
            var day = date
            while day.weekday.isWeekend || holidays.contains(day) { day = day.adding(days: 1) }
            return day
        }
        func lastWeekday(onOrBefore date: CalendarDate) -> CalendarDate {
            var day = date
            while day.weekday.isWeekend { day = day.adding(days: -1) }
            return day
        }
        func week(from monday: CalendarDate) -> (CalendarDate, CalendarDate) { (monday, monday.adding(days: 4)) }

        // Autumn: from the first weekday of September to the Friday on or before 20 December;
        // half term in the week of the last Monday of October.
        let autumnHalf = week(from: CalendarDate.nth(nil, .monday, of: 10, y))
        let autumn = Term(name: .autumn, startDate: firstWeekday(onOrAfter: CalendarDate(year: y, month: 9, day: 1)!),
                          endDate: CalendarDate(year: y, month: 12, day: 20)!.previous(.friday),
                          halfTermStartDate: autumnHalf.0, halfTermEndDate: autumnHalf.1)
        // Spring: from the first working weekday on or after 4 January to the Thursday before
        // Good Friday; half term in the week of the third Monday of February.
        let goodFriday = BankHolidays.easterSunday(next).adding(days: -2)
        let springHalf = week(from: CalendarDate.nth(3, .monday, of: 2, next))
        let spring = Term(name: .spring, startDate: firstWeekday(onOrAfter: CalendarDate(year: next, month: 1, day: 4)!),
                          endDate: goodFriday.adding(days: -1), halfTermStartDate: springHalf.0, halfTermEndDate: springHalf.1)
        // Summer: from the Monday after Easter Monday to the last weekday on or before 22 July;
        // half term in the week of the spring bank holiday.
        let springBank = BankHolidays.of(next).first { $0.name == BankHolidays.springBank }!.date
        let summerHalf = week(from: springBank.previous(.monday))
        let summer = Term(name: .summer, startDate: goodFriday.adding(days: 10),
                          endDate: lastWeekday(onOrBefore: CalendarDate(year: next, month: 7, day: 22)!),
                          halfTermStartDate: summerHalf.0, halfTermEndDate: summerHalf.1)
        return SchoolYear(academicYear: academicYear, terms: [autumn, spring, summer])
    }
}
