import Domain
import Foundation
import Testing

/// Issue 15's rules that need no database: small-cell suppression where subtraction would give
/// a hidden count away, each preset's reading of who recommends and who approves, and 004's
/// automatic progression for every staff group.
@Suite struct PayRulesTests {
    func pay(_ preset: String, _ group: Employment.StaffGroup = .teacher) -> PayRules {
        PolicyPreset.named(preset)!.document.resolved(unitId: UUID(), staffGroup: group, jobTitle: "Teacher").pay
    }

    /// Every count under 5 hidden; then, in each row and column, one hidden count beside a
    /// shown total would be its total minus the rest, so a second one is hidden too.
    @Test func noHiddenCountCanBeWorkedOutFromTheTotals() {
        // female: 20 progress, 3 no progression; male: 15 and 10.
        let table = SmallCellSuppression.suppress([[20, 3], [15, 10]], columns: 2)
        #expect(table.counts == [[20, 3, 23], [15, 10, 25], [35, 13, 48]])
        #expect(table.shown(0, 1) == nil) // the small cell
        // Row 0 (20, <5, 23): 23 − 20 would give it away, so 20 is hidden too; the same for column 1.
        for row in table.hidden.indices {
            let hidden = table.hidden[row].filter { $0 }.count
            #expect(hidden == 0 || hidden >= 2, "row \(row): \(table.hidden[row])")
        }
        for column in table.hidden[0].indices {
            let hidden = table.hidden.filter { $0[column] }.count
            #expect(hidden == 0 || hidden >= 2, "column \(column)")
        }
        #expect(table.shown(2, 2) == 48) // the grand total stays
    }

    /// A group of one employee: its row total is itself under 5, and the unit's other group
    /// cannot be shown beside a shown grand total.
    @Test func aSingleEmployeeIsNeverIdentifiable() {
        let report = EqualityReport([
            .init(unit: "Oak", outcome: .progress, answers: [.sex: "male"]),
        ] + (0..<9).map { _ in .init(unit: "Oak", outcome: .progress, answers: [.sex: "female"]) })
        let bySex = report.tables.first { $0.by == "sex" }!
        let male = bySex.rows.first { $0.group == "male" }!
        #expect(male.total == .suppressed && male.cells[0] == .suppressed)
        let female = bySex.rows.first { $0.group == "female" }!
        #expect(female.cells[0] == .suppressed, "9 = 10 − 1 would give the one away")
        #expect(report.csv.contains("sex,male,<5,<5,<5,<5,<5\r\n"))
    }

    /// A cycle with no decided outcome still has its totals, all suppressed.
    @Test func anEmptyReportHasItsTotals() {
        let report = EqualityReport([])
        #expect(report.tables.allSatisfy {
            $0.rows.isEmpty && $0.totals.cells.count == 4 && $0.totals.total == .suppressed
        })
    }

    @Test func csvDefusesFormulasAndQuotes() {
        let report = EqualityReport([.init(unit: "=HYPERLINK(\"x\")", outcome: .progress, answers: [:])])
        #expect(report.csv.contains("unit,\"'=HYPERLINK(\"\"x\"\")\",<5"))
    }

    /// 000 §3.1 the reviewer; 001 the head or the operations director; 003 §3.4 either.
    @Test func whoRecommendsIsEachPolicysOwn() throws {
        var reviewer = Participation(isReviewee: false, isReviewer: true)
        let head = Participation(isReviewee: false, isReviewer: false, isHeadOfUnit: true)
        #expect(try PayDecisionRules.recommendedAs(reviewer, category: .schoolStaff, rules: pay("000-alpha-trust"))
                == .reviewer)
        #expect(throws: NotAParticipant.self) {
            try PayDecisionRules.recommendedAs(head, category: .schoolStaff, rules: pay("000-alpha-trust"))
        }
        #expect(throws: NotAParticipant.self) {
            try PayDecisionRules.recommendedAs(reviewer, category: .schoolStaff, rules: pay("001-associate-staff"))
        }
        let ops = Participation(isReviewee: false, isReviewer: false, isOperationsDirector: true)
        #expect(try PayDecisionRules.recommendedAs(ops, category: .centralStaff, rules: pay("001-associate-staff"))
                == .operationsDirector)
        #expect(try PayDecisionRules.recommendedAs(head, category: .schoolStaff, rules: pay("003-hampshire-model"))
                == .headteacher)
        reviewer.isReviewee = true
        #expect(throws: NotAParticipant.self) {
            try PayDecisionRules.recommendedAs(reviewer, category: .schoolStaff, rules: pay("002-lt2-trust"))
        }
    }

    /// 003 §5.3.6 (and 000 §3.1's consultation): the head approves a reviewer's recommendation,
    /// never their own nor the head's; 002 has no approval step.
    @Test func whoseRecommendationsWaitForTheHead() {
        let hampshire = pay("003-hampshire-model")
        #expect(PayDecisionRules.needsApproval(hampshire, as: .reviewer, category: .schoolStaff))
        #expect(!PayDecisionRules.needsApproval(hampshire, as: .headteacher, category: .schoolStaff))
        #expect(!PayDecisionRules.needsApproval(pay("003-hampshire-model", .headteacher), as: .reviewer,
                                                category: .headteacher))
        #expect(!PayDecisionRules.needsApproval(pay("002-lt2-trust"), as: .reviewer, category: .schoolStaff))
        #expect(PayDecisionRules.needsApproval(pay("000-alpha-trust"), as: .reviewer, category: .centralStaff))
    }

    /// 001 "Links to Pay": withholding refused without a written concern and support.
    @Test func withholdingNeedsPriorSupportOnlyWhereThePolicySaysSo() throws {
        let input = PayRecommendationInput(outcome: .withholdIncrement, recommendedPoint: nil, honorariumAmount: nil,
                                           reasons: "Unsatisfactory", recommendedOn: CalendarDate("2035-03-02")!)
        let today = CalendarDate("2035-03-02")!
        #expect(throws: ValidationFailure.self) {
            try PayDecisionRules.check(input, rules: pay("001-associate-staff", .support),
                                       hadWrittenConcernAndSupport: false, today: today)
        }
        try PayDecisionRules.check(input, rules: pay("001-associate-staff", .support),
                                   hadWrittenConcernAndSupport: true, today: today)
    }

    /// 004 §8.3, §8.5 for each staff group, with and without a live process.
    @Test func automaticProgressionForEveryStaffGroup() {
        let aspire = pay("004-aspire-mat")
        for group in Employment.StaffGroup.allCases {
            let teaching = [.teacher, .leadership, .headteacher].contains(group)
            let free = AutomaticProgression.decide(rules: aspire, staffGroup: group, capabilityLive: false,
                                                   supportPlanLive: false)
            #expect(free.outcome == .progress)
            let planned = AutomaticProgression.decide(rules: aspire, staffGroup: group, capabilityLive: false,
                                                      supportPlanLive: true)
            #expect(planned.outcome == (teaching ? .withheld : .progress), "\(group)")
            let capability = AutomaticProgression.decide(rules: aspire, staffGroup: group, capabilityLive: true,
                                                         supportPlanLive: false)
            #expect(capability.outcome == .withheld, "\(group)")
        }
        #expect(AutomaticProgression.decide(rules: pay("000-alpha-trust"), staffGroup: .teacher,
                                            capabilityLive: true, supportPlanLive: false).outcome == .notApplicable)
    }
}
