import Foundation

/// Day arithmetic on calendar dates, with no time zone involved: a date plus a day is always
/// the next date, whatever the clocks do (clock changes matter only for instants, see
/// `London`). Days are numbered from 1970-01-01 with the proleptic Gregorian calendar
/// (H. Hinnant's `days_from_civil`), so the arithmetic is exact for any year.
extension CalendarDate {
    public enum Weekday: Int, Sendable, CaseIterable, Codable {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
        public var isWeekend: Bool { self == .saturday || self == .sunday }
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)!
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber % 7) + 7 + 3) % 7 // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    public static func - (lhs: CalendarDate, rhs: CalendarDate) -> Int { lhs.dayNumber - rhs.dayNumber }

    /// The same day of the month `months` later, clamped to the month's last day (31 Jan + 1 month
    /// = 28/29 Feb): how contracts and cycle periods are counted.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, year: newYear)))!
    }

    /// The first date on or after this one that falls on `weekday`.
    public func next(_ weekday: Weekday, includingToday: Bool = true) -> CalendarDate {
        let start = includingToday ? self : adding(days: 1)
        let offset = (weekday.rawValue - start.weekday.rawValue + 7) % 7
        return start.adding(days: offset)
    }

    /// The last date on or before this one that falls on `weekday`.
    public func previous(_ weekday: Weekday, includingToday: Bool = true) -> CalendarDate {
        let start = includingToday ? self : adding(days: -1)
        let offset = (start.weekday.rawValue - weekday.rawValue + 7) % 7
        return start.adding(days: -offset)
    }

    /// The `n`th `weekday` of a month (n from 1), or the last one when n is nil.
    public static func nth(_ n: Int?, _ weekday: Weekday, of month: Int, _ year: Int) -> CalendarDate {
        if let n {
            return CalendarDate(year: year, month: month, day: 1)!.next(weekday).adding(days: 7 * (n - 1))
        }
        return CalendarDate(year: year, month: month, day: daysIn(month: month, year: year))!.previous(weekday)
    }

    /// The academic year (1 September – 31 August) a date falls in, named by the year it starts.
    public var academicYear: Int { month >= 9 ? year : year - 1 }
}

/// The calendar of England and Wales as seen by a deadline: instants are judged in
/// Europe/London (DESIGN §11), where the clocks change twice a year.
///
/// Since 1996 London keeps the EU's summer time (tzdata's `EU` rule; the Summer Time Order
/// 2002): BST, an hour ahead of GMT, from 01:00 UTC on the last Sunday of March to 01:00 UTC
/// on the last Sunday of October. Those years are worked out here, by day arithmetic; others
/// go to Foundation's `Calendar`, whose time zones load ICU's data — about 2 MB of every
/// server's resident memory from its first reminders pass (issue 12 §4: ICU's resident pages
/// 3.0 → 1.1 MB, the file-backed total 41.6 → 38.8 MB). `LondonTests` checks the two
/// agree across the years the rule covers, so a change in the law shows up there.
public enum London {
    public static let timeZone = TimeZone(identifier: "Europe/London")!

    /// The years whose instants the rule answers for.
    static let ruleYears = 1996...2199
    static let secondsPerDay = 86_400.0

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The London calendar date an instant falls on.
    public static func date(of instant: Date) -> CalendarDate {
        let seconds = instant.timeIntervalSince1970
        let utcDay = CalendarDate(dayNumber: Int((seconds / secondsPerDay).rounded(.down)))
        guard ruleYears.contains(utcDay.year) else { return calendarDate(of: instant) }
        let offset = ruleOffset(at: seconds, in: utcDay.year)
        return CalendarDate(dayNumber: Int(((seconds + offset) / secondsPerDay).rounded(.down)))
    }

    /// The instant a London calendar day starts (midnight local time, in GMT or BST).
    public static func startOfDay(_ date: CalendarDate) -> Date {
        guard ruleYears.contains(date.year) else { return calendarStartOfDay(date) }
        // The clocks change at 01:00 UTC, so midnight is BST's on the days after the last
        // Sunday of March up to and including the last Sunday of October.
        let midnightUTC = Double(date.dayNumber) * secondsPerDay
        let summer = summerTime(in: date.year)
        let inSummer = summer.start < midnightUTC && midnightUTC <= summer.end
        return Date(timeIntervalSince1970: midnightUTC - (inSummer ? 3_600 : 0))
    }

    /// Whether something done at `instant` was done "by" `date`: on or before that London day.
    public static func isOnTime(_ instant: Date, by date: CalendarDate) -> Bool {
        instant < startOfDay(date.adding(days: 1))
    }

    /// Seconds London is ahead of UTC at an instant (seconds since 1970) in `year`.
    static func ruleOffset(at seconds: Double, in year: Int) -> Double {
        let summer = summerTime(in: year)
        return summer.start <= seconds && seconds < summer.end ? 3_600 : 0
    }

    /// When BST starts and ends in `year`, in seconds since 1970 (UTC).
    static func summerTime(in year: Int) -> (start: Double, end: Double) {
        let start = CalendarDate.nth(nil, .sunday, of: 3, year).dayNumber
        let end = CalendarDate.nth(nil, .sunday, of: 10, year).dayNumber
        return (Double(start) * secondsPerDay + 3_600, Double(end) * secondsPerDay + 3_600)
    }

    /// Foundation's answers, for the years outside the rule (and for `LondonTests`).
    static func calendarDate(of instant: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    static func calendarStartOfDay(_ date: CalendarDate) -> Date {
        calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
    }
}

extension CalendarDate {
    /// "3 July 2028", as dates are written in England (the statement's form, reminder emails).
    public var spelledOut: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
}
