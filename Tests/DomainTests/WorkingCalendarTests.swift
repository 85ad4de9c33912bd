import Domain
import Foundation
import Testing

/// Working-day arithmetic on the default calendar of 2026/27 (autumn 1 Sep – 18 Dec, half term
/// 26–30 Oct; spring 4 Jan – 25 Mar, half term 15–19 Feb; summer 5 Apr – 22 Jul, half term
/// 31 May – 4 Jun), and on a calendar a unit sets.
struct WorkingCalendarTests {
    let calendar = WorkingCalendar(schoolYears: [], span: 2025...2028)

    func d(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test func dayNumbersRoundTripAndWeekdays() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-23", "1900-03-01", "2400-12-31"] {
            #expect(CalendarDate(dayNumber: d(text).dayNumber) == d(text))
        }
        #expect(d("2026-11-23").weekday == .monday)
        #expect(d("2028-02-29").weekday == .tuesday)
        #expect(d("2027-03-01") - d("2027-02-28") == 1)
        #expect(d("2028-03-01") - d("2028-02-28") == 2)
        #expect(d("2028-01-31").adding(months: 1) == d("2028-02-29"))
        #expect(d("2027-01-31").adding(months: 1) == d("2027-02-28"))
        #expect(d("2026-09-01").adding(months: 12).adding(days: -1) == d("2027-08-31"))
    }

    @Test func theStandardSchoolYear() {
        let year = SchoolYear.standard(2026)
        let terms = year.terms.map { [$0.startDate, $0.halfTermStartDate, $0.halfTermEndDate, $0.endDate].map(\.description) }
        #expect(terms == [["2026-09-01", "2026-10-26", "2026-10-30", "2026-12-18"],
                          ["2027-01-04", "2027-02-15", "2027-02-19", "2027-03-25"],
                          ["2027-04-05", "2027-05-31", "2027-06-04", "2027-07-22"]])
        #expect(throws: Never.self) { try year.validate() }
        for academicYear in 2010...2040 { #expect(throws: Never.self) { try SchoolYear.standard(academicYear).validate() } }
    }

    @Test func workingDaysAcrossHalfTerm() throws {
        // Friday before October half term: term-time staff lose the holiday week, all-year staff do not.
        #expect(try calendar.adding(workingDays: 5, to: d("2026-10-23"), for: .termTime) == d("2026-11-06"))
        #expect(try calendar.adding(workingDays: 5, to: d("2026-10-23"), for: .allYear) == d("2026-10-30"))
        #expect(try calendar.adding(workingDays: 5, to: d("2026-11-02"), for: .termTime) == d("2026-11-09"))
    }

    @Test func workingDaysAcrossEaster() throws {
        #expect(try calendar.adding(workingDays: 5, to: d("2027-03-24"), for: .termTime) == d("2027-04-08"))
        // Good Friday and Easter Monday are bank holidays for everyone.
        #expect(try calendar.adding(workingDays: 5, to: d("2027-03-24"), for: .allYear) == d("2027-04-02"))
    }

    @Test func workingDaysAcrossChristmasAndNewYear() throws {
        #expect(try calendar.adding(workingDays: 5, to: d("2026-12-23"), for: .allYear) == d("2027-01-04"))
        #expect(try calendar.adding(workingDays: 7, to: d("2026-12-17"), for: .termTime) == d("2027-01-11"))
    }

    @Test func workingDaysAcrossAMayBankHolidayAndAWeekend() throws {
        #expect(try calendar.adding(workingDays: 7, to: d("2027-04-29"), for: .termTime) == d("2027-05-11"))
        #expect(try calendar.adding(workingDays: 1, to: d("2026-11-20"), for: .allYear) == d("2026-11-23"))
        // A Saturday observation: counting starts on Monday.
        #expect(try calendar.adding(workingDays: 1, to: d("2026-11-21"), for: .termTime) == d("2026-11-23"))
    }

    @Test func workingDaysInALeapYear() throws {
        #expect(try calendar.adding(workingDays: 2, to: d("2028-02-25"), for: .allYear) == d("2028-02-29"))
        #expect(try calendar.adding(workingDays: 3, to: d("2028-02-25"), for: .allYear) == d("2028-03-01"))
    }

    @Test func workingWeeks() throws {
        // 000 §8.1: four working weeks from Monday 12 October; a half term in between adds a week
        // for term-time staff only.
        #expect(try calendar.adding(workingWeeks: 4, to: d("2026-10-12"), for: .allYear) == d("2026-11-09"))
        #expect(try calendar.adding(workingWeeks: 4, to: d("2026-10-12"), for: .termTime) == d("2026-11-16"))
        // A week with a bank holiday still counts: 31 Aug 2026 is one, and the landing day moves off it.
        #expect(try calendar.adding(workingWeeks: 1, to: d("2026-08-24"), for: .allYear) == d("2026-09-01"))
        // 004 §11.2: twelve working weeks from 2 November cross the Christmas holiday (two weeks).
        #expect(try calendar.adding(workingWeeks: 12, to: d("2026-11-02"), for: .allYear) == d("2027-01-25"))
        #expect(try calendar.adding(workingWeeks: 12, to: d("2026-11-02"), for: .termTime) == d("2027-02-08"))
    }

    @Test func schoolWeeksAndHalfATerm() throws {
        // 003 §6.12.2: four school weeks from 4 February 2027 cross the February half term.
        #expect(try calendar.adding(schoolWeeks: 4, to: d("2027-02-03")) == d("2027-03-10"))
        // The spring term's second half runs 22 Feb – 25 Mar: 24 school days.
        #expect(calendar.halfTermLength(around: d("2027-03-01")) == 24)
        #expect(try calendar.adding(halfTermTo: d("2027-03-01")) == d("2027-04-12"))
        // In a holiday, the next half term's length is used.
        #expect(calendar.halfTermLength(around: d("2026-10-28")) == 35) // 2 Nov – 18 Dec
    }

    @Test func aUnitsOwnCalendarAndClosures() throws {
        var year = SchoolYear.standard(2026)
        year.terms[0].halfTermStartDate = d("2026-10-19")
        year.terms[0].halfTermEndDate = d("2026-10-23")
        year.closures = [SchoolYear.Closure(date: d("2026-11-04"), reason: "Polling station")]
        let own = WorkingCalendar(schoolYears: [year], span: 2025...2028)
        #expect(try own.adding(workingDays: 5, to: d("2026-10-16"), for: .termTime) == d("2026-10-30"))
        #expect(try own.adding(workingDays: 3, to: d("2026-11-02"), for: .termTime) == d("2026-11-06"))
        #expect(!own.isWorkingDay(d("2026-11-04"), for: .termTime))
        #expect(own.isWorkingDay(d("2026-11-04"), for: .allYear))
    }

    @Test func aCalendarWithoutTermsFailsInsteadOfLooping() {
        var year = SchoolYear.standard(2026)
        year.terms = []
        let empty = WorkingCalendar(schoolYears: [year], span: 2026...2026)
        #expect(throws: CalendarExhausted.self) { try empty.adding(workingDays: 500, to: d("2026-09-01"), for: .termTime) }
        #expect(throws: ValidationFailure.self) { try year.validate() }
    }

    @Test func deadlinesAreJudgedInLondon() {
        // Winter (GMT): 23:30 UTC on 31 October 2026 is still 31 October in London.
        let utc = ISO8601DateFormatter()
        #expect(London.isOnTime(utc.date(from: "2026-10-31T23:30:00Z")!, by: d("2026-10-31")))
        // Summer (BST): 23:30 UTC on 30 June is 00:30 on 1 July in London — late.
        #expect(!London.isOnTime(utc.date(from: "2026-06-30T23:30:00Z")!, by: d("2026-06-30")))
        #expect(London.date(of: utc.date(from: "2026-06-30T23:30:00Z")!) == d("2026-07-01"))
        // The days the clocks change: 29 March and 25 October 2026 are 23 and 25 hours long.
        #expect(London.startOfDay(d("2026-03-30")).timeIntervalSince(London.startOfDay(d("2026-03-29"))) == 23 * 3600)
        #expect(London.startOfDay(d("2026-10-26")).timeIntervalSince(London.startOfDay(d("2026-10-25"))) == 25 * 3600)
        #expect(London.isOnTime(utc.date(from: "2026-10-25T23:59:59Z")!, by: d("2026-10-25")))
    }
}
