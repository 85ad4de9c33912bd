import Foundation

/// Bank holidays in England and Wales for any year, computed from the standing rules, with the
/// one-off changes since 2010 listed as data (reference/standards-and-calendar.md).
public enum BankHolidays {
    public struct Holiday: Sendable, Equatable, Codable {
        public var date: CalendarDate
        public var name: String
        public init(date: CalendarDate, name: String) {
            self.date = date
            self.name = name
        }
    }

    /// Changes to the standing rules by royal proclamation: a regular holiday moved, or an
    /// extra one added. Keyed by year; `moves` names the regular holiday and its new date.
    struct OneOff: Sendable {
        var moves: [String: CalendarDate] = [:]
        var extras: [Holiday] = []
    }

    static let oneOffs: [Int: OneOff] = [
        2011: OneOff(extras: [Holiday(date: d(2011, 4, 29), name: "Royal wedding")]),
        2012: OneOff(moves: [springBank: d(2012, 6, 4)],
                     extras: [Holiday(date: d(2012, 6, 5), name: "Queen's Diamond Jubilee")]),
        2020: OneOff(moves: [earlyMay: d(2020, 5, 8)]), // VE Day 75
        2022: OneOff(moves: [springBank: d(2022, 6, 2)],
                     extras: [Holiday(date: d(2022, 6, 3), name: "Queen's Platinum Jubilee"),
                              Holiday(date: d(2022, 9, 19), name: "State funeral of Queen Elizabeth II")]),
        2023: OneOff(extras: [Holiday(date: d(2023, 5, 8), name: "Coronation of King Charles III")]),
    ]

    static let earlyMay = "Early May bank holiday"
    static let springBank = "Spring bank holiday"

    private static func d(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }

    /// Easter Sunday by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm).
    public static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Every bank holiday of a year, in date order.
    public static func of(_ year: Int) -> [Holiday] {
        let easter = easterSunday(year)
        var regular: [Holiday] = [
            Holiday(date: easter.adding(days: -2), name: "Good Friday"),
            Holiday(date: easter.adding(days: 1), name: "Easter Monday"),
            Holiday(date: CalendarDate.nth(1, .monday, of: 5, year), name: earlyMay),
            Holiday(date: CalendarDate.nth(nil, .monday, of: 5, year), name: springBank),
            Holiday(date: CalendarDate.nth(nil, .monday, of: 8, year), name: "Summer bank holiday"),
        ]
        let oneOff = oneOffs[year] ?? OneOff()
        for index in regular.indices {
            if let moved = oneOff.moves[regular[index].name] { regular[index].date = moved }
        }
        regular += substituted(year)
        return (regular + oneOff.extras).sorted { $0.date < $1.date }
    }

    /// New Year's Day, Christmas Day and Boxing Day: when one falls at a weekend the next free
    /// weekday is the holiday instead (the weekend day itself is not listed, as on GOV.UK) (Christmas on Saturday → Monday 27th, Boxing Day → Tuesday 28th).
    static func substituted(_ year: Int) -> [Holiday] {
        let fixed = [(1, 1, "New Year's Day"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]
            .map { Holiday(date: d(year, $0.0, $0.1), name: $0.2) }
        // A holiday on a weekday keeps its day; those at a weekend take the next weekday not
        // already a holiday (2022: Boxing Day Monday 26th, Christmas substitute Tuesday 27th).
        var result = fixed.filter { !$0.date.weekday.isWeekend }
        for holiday in fixed where holiday.date.weekday.isWeekend {
            var date = holiday.date
            while date.weekday.isWeekend || result.contains(where: { $0.date == date }) { date = date.adding(days: 1) }
            result.append(Holiday(date: date, name: "\(holiday.name) (substitute day)"))
        }
        return result
    }

    /// Fast membership for date arithmetic over a span of years.
    public static func dates(from first: Int, through last: Int) -> Set<CalendarDate> {
        var all: Set<CalendarDate> = []
        for year in first...max(first, last) { all.formUnion(of(year).map(\.date)) }
        return all
    }
}
