import Foundation
import Testing
@testable import Domain

/// `London` answers by the EU summer-time rule in the years it covers, not by Foundation's
/// time zones (issue 12 §4). These tests hold it to Foundation's Europe/London — the system's
/// tz database — so a change in the law (or a mistake in the rule) fails here.
@Suite struct LondonTests {
    /// Each year's clock changes, a second and half an hour either side.
    @Test func theRuleAgreesWithTheTimeZoneAroundEveryClockChange() {
        for year in London.ruleYears {
            let summer = London.summerTime(in: year)
            for change in [summer.start, summer.end] {
                for delta in [-1_800.0, -1, 0, 1, 1_799, 1_800] {
                    let instant = Date(timeIntervalSince1970: change + delta)
                    let offset = Double(London.timeZone.secondsFromGMT(for: instant))
                    #expect(London.ruleOffset(at: change + delta, in: year) == offset, "\(instant)")
                    #expect(London.date(of: instant) == London.calendarDate(of: instant), "\(instant)")
                }
            }
        }
    }

    /// Every day of forty years: its start, and instants at either end of it in both clocks.
    @Test func theRuleAgreesWithTheTimeZoneOnEveryDay() {
        var day = CalendarDate(year: 2000, month: 1, day: 1)!
        while day.year < 2040 {
            let start = London.startOfDay(day)
            #expect(start == London.calendarStartOfDay(day), "\(day)")
            for instant in [start, start.addingTimeInterval(-1), start.addingTimeInterval(23.5 * 3_600)] {
                #expect(London.date(of: instant) == London.calendarDate(of: instant), "\(instant)")
            }
            day = day.adding(days: 1)
        }
    }

    /// Outside the rule's years London is Foundation's: 1995 still kept British rules
    /// (summer time ended on 22 October, a week before the last Sunday).
    @Test func yearsOutsideTheRuleAreTheTimeZones() {
        let instant = Date(timeIntervalSince1970: 814_403_000) // 1995-10-22 23:03 UTC
        #expect(!London.ruleYears.contains(1995))
        #expect(London.date(of: instant) == CalendarDate(year: 1995, month: 10, day: 22))
    }
}
