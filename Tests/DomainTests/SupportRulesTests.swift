import Domain
import Foundation
import Testing

/// Issue 14's calendar rules for people the HTTP scenarios do not use: all-year staff (central
/// team), whose school holidays are working days and whose bank holidays are not.
@Suite struct SupportRulesTests {
    let calendar = WorkingCalendar(schoolYears: [], span: 2029...2032)

    func day(_ text: String) -> CalendarDate {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])!
    }

    func rules(_ preset: String) -> SupportRules {
        PolicyPreset.named(preset)!.document.support
    }

    /// 000 §8.1: October half term is a working week for all-year staff, so four working weeks
    /// from Monday 8 October 2029 end four weeks on (a term-time teacher's end a week later).
    @Test func workingWeeksCountTheHalfTermForAllYearStaff() throws {
        let bounds = try SupportPlanRules.bounds(from: day("2029-10-08"), rules: rules("000-alpha-trust"),
                                                 calendar: calendar, pattern: .allYear)
        #expect(bounds.min == day("2029-11-05"))
        #expect(bounds.max == day("2029-12-03"))
        let teacher = try SupportPlanRules.bounds(from: day("2029-10-08"), rules: rules("000-alpha-trust"),
                                                  calendar: calendar, pattern: .termTime)
        #expect(teacher.min == day("2029-11-12"))
    }

    /// 004 §11.2: weekly meetings; Christmas week still has working days for all-year staff
    /// (only the two bank holidays are lost), so it keeps its meeting, moved off the holiday.
    @Test func weeklyMeetingsSkipOnlyWeeksWithoutAWorkingDay() {
        let allYear = SupportPlanRules.weeklyMeetings(from: day("2030-12-18"), to: day("2031-01-15"),
                                                      calendar: calendar, pattern: .allYear)
        #expect(allYear == [day("2030-12-27"), day("2031-01-02"), day("2031-01-08"), day("2031-01-15")])
        let termTime = SupportPlanRules.weeklyMeetings(from: day("2030-12-18"), to: day("2031-01-15"),
                                                       calendar: calendar, pattern: .termTime)
        #expect(!termTime.contains { $0 < day("2031-01-06") })
    }

    /// 004 §11.2: ten working days' notice; Good Friday and Easter Monday 2031 are not working
    /// days even for all-year staff.
    @Test func capabilityNoticeCountsWorkingDays() throws {
        let concern = Concern(id: UUID(), trustId: UUID(), appraisalId: UUID(),
                              input: ConcernInput(raisedOn: day("2031-03-01"), nature: "N", seriousness: .serious,
                                                  previousSupport: nil, response: .formalCapability,
                                                  responseNotes: nil, bypassReason: "x", bypassAdvice: nil),
                              raisedBy: nil, raisedAs: .headteacher, notified: [], relapseOf: nil, at: Date())
        func start(_ meeting: String) throws {
            try CapabilityRules.start(CapabilityInput(concernId: concern.id, notifiedInWritingOn: day("2031-04-08"),
                                                      meetingOn: day(meeting), rightToBeAccompaniedExplained: true),
                                      concern: concern, plan: nil, rules: rules("004-aspire-mat"), calendar: calendar,
                                      pattern: .allYear, today: day("2031-04-08"))
        }
        #expect(throws: ValidationFailure.self) { try start("2031-04-23") }
        try start("2031-04-24")
        // 003 sets no notice: a meeting the next day is the policy's to allow.
        try CapabilityRules.start(CapabilityInput(concernId: concern.id, notifiedInWritingOn: day("2031-04-08"),
                                                  meetingOn: day("2031-04-09"), rightToBeAccompaniedExplained: true),
                                  concern: concern, plan: nil, rules: rules("003-hampshire-model"), calendar: calendar,
                                  pattern: .allYear, today: day("2031-04-08"))
    }
}
