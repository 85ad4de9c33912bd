import Domain
import Foundation
import Testing

/// Each deadline rule of the appraisal record across a weekend, a bank holiday and a school
/// holiday, on the default calendar of 2026/27 (October half term 26–30 Oct; summer term from
/// 5 Apr; May Day Monday 3 May 2027), for term-time and all-year staff.
struct RecordDeadlineTests {
    let calendar = WorkingCalendar(schoolYears: [], span: 2025...2028)
    /// 003 §5.1.1: verbal feedback within 5, written within 7 working days.
    let hampshire = ObservationRules(verbalFeedbackWorkingDays: 5, writtenFeedbackWorkingDays: 7, workObservationFeedbackHours: nil,
                                     maxHoursPerYear: nil, maxFormalWorkObservationsPerCycle: nil, teacherObserverNeedsQts: true,
                                     workObservationNeedsNotice: false, learningWalksForPerformanceManagement: true)
    /// 001: feedback within 48 hours of a work observation.
    let associate = ObservationRules(verbalFeedbackWorkingDays: nil, writtenFeedbackWorkingDays: nil, workObservationFeedbackHours: 48,
                                     maxHoursPerYear: nil, maxFormalWorkObservationsPerCycle: 1, teacherObserverNeedsQts: false,
                                     workObservationNeedsNotice: true, learningWalksForPerformanceManagement: true)
    /// 001: the record within two weeks; two weeks' notice of the annual review.
    let meetings = MeetingRules(annualReviewNoticeDays: 14, recordDueDays: 14, minimumFormalInterimReviews: 0, interimSchedule: .termly)

    func d(_ text: String) -> CalendarDate { CalendarDate(text)! }
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func verbalAndWritten(_ observed: String, _ pattern: Employment.WorkingPattern) throws -> [String] {
        try ObservationRulesCheck.feedbackDue(for: .formalLesson, observedAt: instant(observed), rules: hampshire, calendar: calendar,
                                              pattern: pattern).map { $0.dueDate!.description }
    }

    func within48Hours(_ observed: String, _ pattern: Employment.WorkingPattern) throws -> Date? {
        try ObservationRulesCheck.feedbackDue(for: .work, observedAt: instant(observed), rules: associate, calendar: calendar,
                                              pattern: pattern).first?.dueAt
    }

    @Test func verbalAndWrittenFeedbackInWorkingDays() throws {
        // Weekend: a Friday observation — the following Friday, then Tuesday week.
        #expect(try verbalAndWritten("2026-11-13T10:00:00Z", .termTime) == ["2026-11-20", "2026-11-24"])
        // Bank holiday: Thursday 29 April 2027, over May Day.
        #expect(try verbalAndWritten("2027-04-29T10:00:00Z", .termTime) == ["2027-05-07", "2027-05-11"])
        // School holiday: the Friday before half term — term-time staff count after it.
        #expect(try verbalAndWritten("2026-10-23T10:00:00Z", .termTime) == ["2026-11-06", "2026-11-10"])
        #expect(try verbalAndWritten("2026-10-23T10:00:00Z", .allYear) == ["2026-10-30", "2026-11-03"])
        // A lesson at 23:30 London time on 6 November (BST over) counts from the London day.
        #expect(try verbalAndWritten("2026-11-06T23:30:00Z", .allYear) == ["2026-11-13", "2026-11-17"])
        // The policy sets no feedback deadlines: none are owed.
        let none = ObservationRules(verbalFeedbackWorkingDays: nil, writtenFeedbackWorkingDays: nil, workObservationFeedbackHours: nil,
                                    maxHoursPerYear: nil, maxFormalWorkObservationsPerCycle: nil, teacherObserverNeedsQts: true,
                                    workObservationNeedsNotice: false, learningWalksForPerformanceManagement: true)
        #expect(try ObservationRulesCheck.feedbackDue(for: .dropIn, observedAt: instant("2026-11-13T10:00:00Z"), rules: none,
                                                      calendar: calendar, pattern: .termTime).isEmpty)
    }

    @Test func feedbackWithin48WorkingHours() throws {
        // Weekend: Friday 10:00 → Tuesday 10:00.
        #expect(try within48Hours("2026-11-13T10:00:00Z", .termTime) == instant("2026-11-17T10:00:00Z"))
        // Midweek: exactly two days later.
        #expect(try within48Hours("2026-11-10T10:00:00Z", .termTime) == instant("2026-11-12T10:00:00Z"))
        // Bank holiday: Friday 30 April 2027 14:00 BST → over May Day → Wednesday 5 May 14:00 BST.
        #expect(try within48Hours("2027-04-30T13:00:00Z", .termTime) == instant("2027-05-05T13:00:00Z"))
        // School holiday and the clocks going back: Thursday 22 October 09:00 BST → Monday 2 November
        // 09:00 GMT for term-time staff; all-year staff work the half term → Monday 26 October.
        #expect(try within48Hours("2026-10-22T08:00:00Z", .termTime) == instant("2026-11-02T09:00:00Z"))
        #expect(try within48Hours("2026-10-22T08:00:00Z", .allYear) == instant("2026-10-26T09:00:00Z"))
        // Observed on a Saturday: the count starts with Monday.
        #expect(try within48Hours("2026-11-14T10:00:00Z", .allYear) == instant("2026-11-18T00:00:00Z"))
    }

    @Test func meetingRecordWithinTwoWeeks() throws {
        func due(_ held: String, _ pattern: Employment.WorkingPattern = .termTime) throws -> String? {
            try MeetingRulesCheck.recordDue(heldOn: d(held), rules: meetings, calendar: calendar, pattern: pattern)?.description
        }
        #expect(try due("2026-11-03") == "2026-11-17")
        // Weekend: two weeks after a Sunday is a Sunday — due the Monday.
        #expect(try due("2026-11-08") == "2026-11-23")
        // Bank holiday: two weeks after 19 April 2027 is May Day — due the Tuesday.
        #expect(try due("2027-04-19") == "2027-05-04")
        // School holiday: two weeks after 15 October is in half term — after it for term-time staff.
        #expect(try due("2026-10-15") == "2026-11-02")
        #expect(try due("2026-10-15", .allYear) == "2026-10-29")
        // A policy with no record deadline sets none (000 §9.1 requires the record, not a date).
        let none = MeetingRules(annualReviewNoticeDays: nil, recordDueDays: nil, minimumFormalInterimReviews: 0, interimSchedule: .none)
        #expect(try MeetingRulesCheck.recordDue(heldOn: d("2026-11-03"), rules: none, calendar: calendar, pattern: .termTime) == nil)
    }

    @Test func twoWeeksNoticeOfTheAnnualReview() {
        func notice(_ kind: Meeting.Kind, held: String, given: String?) -> [String] {
            let input = MeetingInput(kind: kind, heldOn: d(held), attendees: nil, noticeGivenOn: given.map(d))
            do { try MeetingRulesCheck.check(input, rules: meetings); return [] } catch let failure as ValidationFailure {
                return failure.errors.map(\.rule)
            } catch { return ["?"] }
        }
        #expect(notice(.annual, held: "2027-01-20", given: "2027-01-06") == [])
        #expect(notice(.annual, held: "2027-01-20", given: "2027-01-07") == ["notice"])
        #expect(notice(.annual, held: "2027-01-20", given: nil) == ["required"])
        #expect(notice(.termly, held: "2027-01-20", given: nil) == [])
    }
}
