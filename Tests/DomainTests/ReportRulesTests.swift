import Domain
import Foundation
import Testing

/// Issue 17 §1: the reports' tables, their suppression, and who reads them how.
struct ReportRulesTests {
    let oak = UUID(), elm = UUID()

    func count(_ unit: UUID, _ name: String, _ category: String, _ count: Int) -> ReportCount {
        ReportCount(unitId: unit, unitName: name, staffGroup: .teacher, category: category, count: count)
    }

    func line(_ table: ReportTable, _ unit: UUID?, _ category: String) -> ReportTable.Line? {
        table.lines.first { $0.unitId == unit && $0.category == category }
    }

    /// Elm's `not_met` is 3: hidden. Elm's line would give it away (its total minus the shown
    /// counts), and so would the `not_met` column (the trust's total minus Oak's), so one more
    /// count of each is hidden — and no line of the table is left with exactly one hidden count.
    @Test func aSuppressedCountCannotBeWorkedOutBySubtraction() {
        let counts = [count(elm, "Elm Academy", "met", 10), count(elm, "Elm Academy", "partly_met", 7),
                      count(elm, "Elm Academy", "not_met", 3), count(elm, "Elm Academy", "not_assessed", 6),
                      count(oak, "Oak Primary", "met", 8), count(oak, "Oak Primary", "partly_met", 6),
                      count(oak, "Oak Primary", "not_met", 9), count(oak, "Oak Primary", "not_assessed", 5)]
        let table = ReportTable(.objectiveOutcomes, counts: counts, audience: .anonymised)
        #expect(line(table, elm, "not_met")?.count == nil)
        #expect(line(table, elm, "not_assessed")?.count == nil, "the smallest shown count beside it in its line")
        #expect(line(table, oak, "not_met")?.count == nil, "the smallest shown count beside it in its column")
        #expect(line(table, elm, "met")?.count == 10 && line(table, nil, "total")?.count == 54)
        // Every line of the table — a unit's categories and total, a category down the units and
        // the trust's total — hides none or at least two.
        let columns = table.categories + [ReportTable.total]
        for unit in [elm, oak, nil] as [UUID?] {
            let hidden = columns.filter { line(table, unit, $0)?.count == nil }.count
            #expect(hidden != 1, "unit \(String(describing: unit))")
        }
        for column in columns {
            let hidden = [elm, oak, nil].filter { line(table, $0, column)?.count == nil }.count
            #expect(hidden != 1, "column \(column)")
        }

        // Read by those entitled to every count, nothing is hidden, the same counts.
        let whole = ReportTable(.objectiveOutcomes, counts: counts, audience: .identified)
        #expect(whole.lines.allSatisfy { $0.count != nil } && line(whole, elm, "not_met")?.count == 3)
        #expect(whole.lines.count == table.lines.count)
    }

    @Test func aTableHasEveryCategoryAUnitTotalAndTheTrustsTotals() {
        let table = ReportTable(.overdue, counts: [count(oak, "Oak", "none", 6), count(oak, "Oak", "interim_review", 2),
                                                   count(elm, "Elm", "final_review", 1)], audience: .identified)
        #expect(table.categories == ["none", "final_review", "interim_review"], "found deadlines after the known")
        #expect(table.lines.count == 3 * 4, "two units and the trust, three categories and a total each")
        #expect(line(table, oak, "final_review")?.count == 0 && line(table, nil, "total")?.count == 9)
        #expect(table.lines.prefix(4).allSatisfy { $0.unitName == "Elm" }, "units in name order")
        let csv = table.csv.split(separator: "\r\n")
        #expect(csv.first == "unit_id,unit_name,staff_group,category,count,suppressed" && csv.count == 13)
    }

    @Test func aUnitNameIsNeverRunAsAFormula() {
        let table = ReportTable(.support, counts: [count(oak, "=HYPERLINK(\"x\")", "none", 7)], audience: .identified)
        #expect(table.csv.contains(#""'=HYPERLINK(""x"")""#))
    }

    typealias Grants = [(role: String, unit: UUID?)]

    func reach(_ grants: Grants, _ kind: ReportKind = .completion, unit: UUID? = nil) -> ReportAccess.Reach? {
        ReportAccess.reach(of: .person(grants: grants), for: kind, unit: unit)
    }

    @Test func trustRolesReadTheTrustHeadsTheirUnitsAndTheBoardAnonymised() {
        #expect(reach([("hr", nil)]) == .init(units: nil, audience: .identified))
        #expect(reach([("operations_director", nil)], unit: oak) == .init(units: [oak], audience: .identified))
        #expect(reach([("headteacher", oak)]) == .init(units: [oak], audience: .identified))
        #expect(reach([("headteacher", oak)], unit: elm) == nil, "another school's report")
        // 003 §1.8: governors and trustees see anonymised information only.
        #expect(reach([("governor", elm)]) == .init(units: [elm], audience: .anonymised))
        #expect(reach([("chair_of_trustees", nil)], unit: oak) == .init(units: [oak], audience: .anonymised))
        #expect(reach([("reporting", nil)]) == .init(units: nil, audience: .anonymised))
        // A head who governs another school reads their own unsuppressed, the other anonymised,
        // and both together anonymised.
        let both: Grants = [("headteacher", oak), ("governor", elm)]
        #expect(reach(both, unit: oak)?.audience == .identified && reach(both, unit: elm)?.audience == .anonymised)
        #expect(reach(both)?.audience == .anonymised && Set(reach(both)?.units ?? []) == [oak, elm])
        for role in ["senior_leader", "committee_member", "external_adviser", "pay_committee_member"] {
            #expect(reach([(role, nil)]) == nil, "\(role)")
        }
        #expect(reach([]) == nil)
        #expect(ReportAccess.reach(of: .apiKey, for: .completion, unit: nil)?.audience == .anonymised)
        #expect(ReportAccess.reach(of: .platform, for: .completion, unit: nil)?.audience == .identified)
    }

    @Test func payOutcomesWholeOnlyToThoseWhoReadPayAndSupportAlwaysAnonymised() {
        #expect(reach([("hr", nil)], .payOutcomes)?.audience == .identified)
        #expect(reach([("pay_committee_member", oak)], .payOutcomes, unit: oak)?.audience == .identified)
        #expect(reach([("trust_admin", nil)], .payOutcomes)?.audience == .anonymised)
        #expect(reach([("governor", oak)], .payOutcomes)?.audience == .anonymised)
        // 003 §1.8: outcomes beside pay are read as pay is; governors only anonymised.
        #expect(reach([("governor", oak)], .outcomesAndPay)?.audience == .anonymised)
        #expect(reach([("trust_admin", nil)], .outcomesAndPay)?.audience == .anonymised)
        #expect(reach([("headteacher", oak)], .outcomesAndPay, unit: oak)?.audience == .identified)
        #expect(ReportKind.outcomesAndPay.categories.contains("some_not_met/withhold_increment"))
        // Issue 17 §1: support and capability counts are anonymised for every reader.
        #expect(reach([("hr", nil)], .support)?.audience == .anonymised)
        #expect(ReportAccess.reach(of: .platform, for: .support, unit: nil)?.audience == .anonymised)
    }
}

/// Issue 17 §7: the day a record falls due for destruction (001, 003 §1.9: six years).
struct RetentionRulesTests {
    func due(_ end: String, on today: String) throws -> Bool {
        Retention.isDue(periodEnd: try #require(CalendarDate(end)), years: 6,
                        today: try #require(CalendarDate(today)))
    }

    @Test func dueTheDayAfterTheAnniversary() throws {
        #expect(try !due("2029-08-31", on: "2035-08-31"))
        #expect(try due("2029-08-31", on: "2035-09-01"))
        // A period ending on 29 February is kept until 28 February six years on, as PostgreSQL counts.
        #expect(try !due("2032-02-29", on: "2038-02-28"))
        #expect(try due("2032-02-29", on: "2038-03-01"))
    }
}
