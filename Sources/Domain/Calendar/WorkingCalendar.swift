import Foundation

/// Whose days count: "working days", "working weeks", "school weeks" and "half a term" are
/// calendar arithmetic on a unit's school year, never multiples of seven (PRODUCT.md
/// "Policy as configuration"). Term-time staff do not work in school holidays; all-year staff
/// do. Weekends and bank holidays are nobody's working days.
public struct WorkingCalendar: Sendable {
    /// School years the unit has set, by the year they start; others use `SchoolYear.standard`.
    private let years: [Int: SchoolYear]
    private let bankHolidays: Set<CalendarDate>
    private let firstYear: Int, lastYear: Int

    /// `span` bounds the years date arithmetic may reach (a deadline is never years away).
    public init(schoolYears: [SchoolYear], span: ClosedRange<Int>) {
        var years: [Int: SchoolYear] = [:]
        for year in (span.lowerBound - 1)...(span.upperBound + 1) { years[year] = .standard(year) }
        for year in schoolYears { years[year.academicYear] = year }
        self.years = years
        firstYear = span.lowerBound - 1
        lastYear = span.upperBound + 2
        bankHolidays = BankHolidays.dates(from: firstYear, through: lastYear)
    }

    public func schoolYear(containing date: CalendarDate) -> SchoolYear {
        years[date.academicYear] ?? .standard(date.academicYear)
    }

    public func isBankHoliday(_ date: CalendarDate) -> Bool { bankHolidays.contains(date) }

    public func isSchoolDay(_ date: CalendarDate) -> Bool {
        schoolYear(containing: date).isSchoolDay(date, bankHolidays: bankHolidays)
    }

    public func isWorkingDay(_ date: CalendarDate, for pattern: Employment.WorkingPattern) -> Bool {
        switch pattern {
        case .termTime: return isSchoolDay(date)
        case .allYear: return !date.weekday.isWeekend && !bankHolidays.contains(date)
        }
    }

    /// A bound on how far a count may search: a misconfigured calendar with no school days
    /// must end in an error, not a loop.
    private static let searchLimit = 3 * 366

    /// The date `n` working days after `date` (the day itself not counted): "within 5 working
    /// days" of an observation on a Friday is the following Friday, later across a holiday.
    public func adding(workingDays n: Int, to date: CalendarDate, for pattern: Employment.WorkingPattern) throws -> CalendarDate {
        var day = date, counted = 0, steps = 0
        while counted < n {
            day = day.adding(days: 1)
            steps += 1
            if steps > Self.searchLimit { throw CalendarExhausted() }
            if isWorkingDay(day, for: pattern) { counted += 1 }
        }
        return day
    }

    /// `n` working weeks after `date`: five weekdays a week, not counting weekdays of a school
    /// holiday for term-time staff (their weeks stop while the school is shut), landing on a
    /// working day. A week with a bank holiday or a closure still counts as a working week:
    /// four weeks from a Monday end on the Monday four weeks later, a half term in between
    /// adds one week (000 §8.1 "4 and 8 working weeks"; 004 §11.2 "12 working weeks").
    public func adding(workingWeeks n: Int, to date: CalendarDate, for pattern: Employment.WorkingPattern) throws -> CalendarDate {
        try addingWeeks(n, to: date, pattern: pattern)
    }

    /// `n` school weeks after `date`: as working weeks of term-time staff (003 §6.12.2).
    public func adding(schoolWeeks n: Int, to date: CalendarDate) throws -> CalendarDate {
        try addingWeeks(n, to: date, pattern: .termTime)
    }

    private func addingWeeks(_ n: Int, to date: CalendarDate, pattern: Employment.WorkingPattern) throws -> CalendarDate {
        var end = date, remaining = 5 * n, steps = 0
        func inWorkingPeriod(_ day: CalendarDate) -> Bool {
            if day.weekday.isWeekend { return false }
            switch pattern {
            case .allYear: return true
            case .termTime:
                // Bank holidays and closures inside term belong to a working week; holidays do not.
                let year = schoolYear(containing: day)
                guard let term = year.terms.first(where: { $0.contains(day) }) else { return false }
                return !term.isHalfTerm(day)
            }
        }
        while remaining > 0 {
            end = end.adding(days: 1)
            steps += 1
            if steps > Self.searchLimit { throw CalendarExhausted() }
            if inWorkingPeriod(end) { remaining -= 1 }
        }
        // Five weekdays a week from a weekday lands on the same weekday n weeks on.
        while !isWorkingDay(end, for: pattern) {
            end = end.adding(days: 1)
            steps += 1
            if steps > Self.searchLimit { throw CalendarExhausted() }
        }
        return end
    }

    /// Half a term after `date` (003 §6.12.2: "between four school weeks and half a term"): as
    /// many school days as the half term `date` falls in has (or, in a holiday, the next one).
    public func adding(halfTermTo date: CalendarDate) throws -> CalendarDate {
        let length = halfTermLength(around: date)
        return try addingSchoolDays(length, to: date)
    }

    /// School days in the half term containing `date`, or the next one to start.
    public func halfTermLength(around date: CalendarDate) -> Int {
        let halves = halfTerms(schoolYear(containing: date)) + halfTerms(years[date.academicYear + 1] ?? .standard(date.academicYear + 1))
        let half = halves.first { date <= $0.1 } ?? halves.last!
        var count = 0
        var day = half.0
        while day <= half.1 {
            if isSchoolDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// Each term split at its half-term break: six spans a year.
    private func halfTerms(_ year: SchoolYear) -> [(CalendarDate, CalendarDate)] {
        year.terms.flatMap { term in
            [(term.startDate, term.halfTermStartDate.adding(days: -1)), (term.halfTermEndDate.adding(days: 1), term.endDate)]
        }
    }

    public func addingSchoolDays(_ n: Int, to date: CalendarDate) throws -> CalendarDate {
        try adding(workingDays: n, to: date, for: .termTime)
    }

    /// The start of the half-term break of a term, in the academic year `date` falls in
    /// (004 §6.3: "before October half term").
    public func halfTermStart(of term: SchoolYear.TermName, inYearOf date: CalendarDate) -> CalendarDate? {
        schoolYear(containing: date).term(term)?.halfTermStartDate
    }
}

/// Date arithmetic ran past every day the calendar can offer (a year with no school days).
public struct CalendarExhausted: Error, Sendable {}
