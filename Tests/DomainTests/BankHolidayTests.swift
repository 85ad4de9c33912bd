import Domain
import Testing

/// Bank holidays in England and Wales against GOV.UK's published lists.
struct BankHolidayTests {
    func dates(_ year: Int) -> [String] { BankHolidays.of(year).map(\.date.description) }

    @Test(arguments: [
        (1818, "1818-03-22"), (1943, "1943-04-25"), (2000, "2000-04-23"), (2024, "2024-03-31"), (2025, "2025-04-20"),
        (2026, "2026-04-05"), (2027, "2027-03-28"), (2028, "2028-04-16"), (2038, "2038-04-25"), (2285, "2285-03-22"),
    ])
    func easterByTheComputus(year: Int, expected: String) {
        #expect(BankHolidays.easterSunday(year).description == expected)
    }

    @Test func anOrdinaryYear() {
        #expect(dates(2026) == ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                                "2026-12-25", "2026-12-28"]) // Boxing Day on a Saturday: Monday 28th
    }

    @Test func bothChristmasDaysAtTheWeekend() {
        #expect(dates(2027) == ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
                                "2027-12-27", "2027-12-28"])
        #expect(dates(2021).suffix(2) == ["2021-12-27", "2021-12-28"])
    }

    @Test func christmasOnSundayBoxingDayKeepsMonday() {
        let holidays = BankHolidays.of(2022).filter { $0.date.month == 12 }
        #expect(holidays.map(\.date.description) == ["2022-12-26", "2022-12-27"])
        #expect(holidays.map(\.name) == ["Boxing Day", "Christmas Day (substitute day)"])
    }

    @Test func newYearAtTheWeekend() {
        #expect(dates(2022).first == "2022-01-03")
        #expect(dates(2023).first == "2023-01-02")
        #expect(!dates(2022).contains("2022-01-01"))
    }

    @Test func oneOffsSince2010() {
        #expect(dates(2011).contains("2011-04-29"))
        #expect(dates(2012).contains("2012-06-04") && dates(2012).contains("2012-06-05") && !dates(2012).contains("2012-05-28"))
        #expect(dates(2020).contains("2020-05-08") && !dates(2020).contains("2020-05-04"))
        #expect(dates(2022) == ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
                                "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"])
        #expect(dates(2023).contains("2023-05-08") && dates(2023).contains("2023-05-01"))
        #expect(dates(2023).count == 9)
    }

    @Test func eightHolidaysInARegularYear() {
        for year in [2013, 2019, 2024, 2030, 2045] { #expect(BankHolidays.of(year).count == 8, "\(year)") }
    }
}
