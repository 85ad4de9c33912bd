import Foundation
import Testing
import TestSupport

/// Issue 17 §3: the termly governors' report, printed as PDF with the statement's library and
/// looked at as a page image: its charts drawn, anonymised for a governor (hidden counts named
/// as hidden, no equality tables), whole for HR with the equality analysis.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct GovernorsReportTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    @Test func chartsForGovernorsAnonymisedAndForHRWhole() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        for name in ["t1", "t2", "t3", "t4", "t5", "t6"] {
            try await employ(&t, name, unit: t.school, group: "teacher", title: "Teacher", manager: "deputy",
                             extra: #", "qts": true"#)
        }
        let (appraisals, _) = try await open(t, year: 2027)
        let cycle = try #require(appraisals["teacher"]?["cycle_id"] as? String)
        for name in ["t1", "t2", "t3", "t4", "t5", "t6"] {
            #expect(await appoint(t, appraisals[name], by: "head", reviewers: ["deputy"]).0 == 201)
        }
        t.people["hrlead"] = try await person(t.id, "hrlead")
        try await grant(t.id, t.people["hrlead"]!, "hr")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["gov1", "teacher", "hrlead"], &emails)
        let path = "/v1/governors-report?cycle_id=\(cycle)&unit_id=\(t.school)"
        let pdf = [("Accept", "application/pdf")]

        let governor = await call(token["gov1"]!, "GET", path, headers: pdf)
        #expect(governor.status == 200 && governor.headers["Content-Type"] == "application/pdf", "\(governor.text)")
        let text = try PDFTools.text(of: governor.body)
        #expect(text.contains("termly report for governors") && text.contains("ANONYMISED"))
        for title in ["Completion by step", "Statements issued on time", "Objective outcomes",
                      "Outcomes and pay progression"] {
            #expect(text.contains(title), "\(title)")
        }
        #expect(text.contains("hidden (fewer than 5"), "a suppressed count is drawn as hidden, not as zero")
        #expect(text.contains("Read by HR and the CEO"), "no equality tables for a governor")
        // The bars are drawn: the chart colour covers part of the first page's image.
        #expect(try PDFTools.pixels(of: governor.body, colour: (74, 115, 166)) > 200)
        #expect(try PDFTools.pngPages(of: governor.body).count >= 1)

        // HR reads every count and the equality analysis; the reviewee is refused.
        let hr = await call(token["hrlead"]!, "GET", path, headers: pdf)
        let whole = try PDFTools.text(of: hr.body)
        #expect(hr.status == 200 && whole.contains("CONFIDENTIAL") && !whole.contains("ANONYMISED"))
        #expect(whole.contains("By unit") && !whole.contains("Read by HR and the CEO"), "the equality tables")
        #expect(await call(token["teacher"]!, "GET", path, headers: pdf).status == 403)
        #expect(await call(token["gov1"]!, "GET", "/v1/governors-report", headers: pdf).status == 422)
    }
}
