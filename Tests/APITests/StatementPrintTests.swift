import Foundation
import Testing
import TestSupport

/// Issue 13 §2: a year under 000 that ends in a signed statement, printed for the personnel
/// file in the shape of 000's Appendix A. The PDF comes from cairo and Pango; the test turns it
/// into PNG pages with pdftoppm (poppler) and reads its text back with pdftotext.
/// A cycle of 2029/30, issued in October 2030: no other scenario's years.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct StatementPrintTests: PresetScenario {
    let now = TestClock("2029-09-10")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// The school's 2030/31 year, October half term 28 October – 1 November 2030.
    func schoolYear2030(_ t: Trust) async {
        let year = await api.send("PUT", "/v1/units/\(t.school)/school-years/2030", json: """
            {"terms": [
              {"name": "autumn", "start_date": "2030-09-03", "end_date": "2030-12-20",
               "half_term_start_date": "2030-10-28", "half_term_end_date": "2030-11-01"},
              {"name": "spring", "start_date": "2031-01-06", "end_date": "2031-04-04",
               "half_term_start_date": "2031-02-17", "half_term_end_date": "2031-02-21"},
              {"name": "summer", "start_date": "2031-04-22", "end_date": "2031-07-22",
               "half_term_start_date": "2031-05-26", "half_term_end_date": "2031-05-30"}]}
            """, trust: t.id)
        #expect(year.status == 201, "\(year.text)")
    }

    @Test func aYearUnder000EndsInASignedStatementPrintedAsAppendixA() async throws {
        var t = try await makeTrust(preset: "000-alpha-trust")
        try await employ(&t, "scientist", unit: t.school, group: "teacher", title: "Teacher of Chemistry",
                         manager: "deputy", extra: #", "qts": true"#)
        await schoolYear2030(t)
        let (appraisals, _) = try await open(t, year: 2029)
        // 000 §3.1: the head appoints reviewers for the academy's staff.
        #expect(await appoint(t, appraisals["scientist"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["scientist"]!["id"] as! String)"
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "scientist"], &emails)
        let deputy = token["deputy"]!, scientist = token["scientist"]!

        // 000 §5.3: objectives set by discussion and agreed.
        let objective = await call(deputy, "POST", appraisal + "/objectives", """
            {"title": "Raise Year 11 practical grades",
             "description": "Required practicals planned with the department",
             "success_criteria": "Four in five pupils secure in the practical questions", "kind": "practice",
             "due_date": "2030-06-30", "standards": ["TS2"]}
            """)
        #expect(objective.status == 201, "\(objective.text)")
        let objectivePath = "/v1/objectives/\(objective.json["id"] as? String ?? "-")"
        let agreed = await call(scientist, "POST", objectivePath + "/transitions", #"{"to": "agreed"}"#, version: 1)
        #expect(agreed.json["state"] as? String == "agreed", "\(agreed.text)")
        let development = await call(scientist, "POST", appraisal + "/development", """
            {"need": "Titration technique for new staff", "planned_delivery": "Two department sessions",
             "completed_on": "2030-02-14", "impact": "Now leads the sessions"}
            """)
        #expect(development.status == 201, "\(development.text)")

        // 000 §4.1: the final review by 31 October 2030; the reviewer assesses and writes.
        now.set("2030-10-22") // a Tuesday, the week before half term
        token = try await tokens(t, ["deputy", "scientist", "ta"], &emails)
        let reviewer = token["deputy"]!, reviewee = token["scientist"]!
        let assessed = await call(reviewer, "PUT", objectivePath + "/assessment",
                                  #"{"outcome": "met", "reasons": "81% secure in the mock paper"}"#)
        #expect(assessed.status == 200, "\(assessed.text)")
        let drafted = await call(reviewer, "POST", appraisal + "/statements", """
            {"objectives_assessment": "The practical objective was met.", "standards_assessment": "Meets TS1-TS8.",
             "cpd_and_impact": "The titration sessions now run without support."}
            """)
        #expect(drafted.status == 201, "\(drafted.text)")
        let statement = "/v1/statements/\(drafted.json["id"] as? String ?? "-")"
        let issued = await call(reviewer, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        // Ten working days (000 §7.3) on the school's calendar: the half term does not count.
        #expect(issued.json["comment_due"] as? String == "2030-11-12", "\(issued.text)")
        #expect(await call(reviewee, "PUT", statement + "/comment",
                           #"{"comment": "A fair record of the year."}"#).status == 200)
        let signed = await call(reviewee, "POST", statement + "/transitions", #"{"to": "signed"}"#, version: 3)
        #expect(signed.json["state"] as? String == "locked", "\(signed.text)")

        let printed = await api.send("GET", statement, headers: [("Authorization", "Bearer \(reviewee)"),
                                                                 ("Accept", "application/pdf")], authorised: false)
        #expect(printed.status == 200, "\(printed.text)")
        #expect(printed.headers["Content-Type"] == "application/pdf")
        #expect(printed.body.prefix(5) == Data("%PDF-".utf8))
        let text = try PDFTools.text(of: printed.body)
        for expected in ["STRICTLY CONFIDENTIAL", "Name of reviewee", "scientist X", "Teacher of Chemistry", "deputy X",
                         "From 1 September 2029 to 31 August 2030", "Raise Year 11 practical grades",
                         "Met: 81% secure in the mock paper", "Titration technique for new staff",
                         "Assessment against objectives", "The practical objective was met.",
                         "Pay recommendation", "Employee's comments", "A fair record of the year.",
                         "Issued by deputy X on 22 October 2030", "Signed on 22 October 2030"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let pages = try PDFTools.pngPages(of: printed.body)
        // To look at it: APPRAISE_TEST_PDF_DIR=/some/dir keeps the PDF and its pages there.
        if let keep = ProcessInfo.processInfo.environment["APPRAISE_TEST_PDF_DIR"] {
            try printed.body.write(to: URL(fileURLWithPath: keep + "/statement.pdf"))
            for (index, page) in try PDFTools.pngPages(of: printed.body, resolution: 100).enumerated() {
                try page.write(to: URL(fileURLWithPath: keep + "/statement-page-\(index + 1).png"))
            }
        }
        #expect(!pages.isEmpty)
        for page in pages {
            #expect(page.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(page.count > 5_000, "a blank page is a few hundred bytes")
        }
        // The JSON is still the default; the PDF is a read audited as such.
        let json = await call(reviewee, "GET", statement)
        #expect(json.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let audit = await api.send("GET", "/v1/audit-events?resource_type=statement_form&limit=5", trust: t.id)
        #expect(audit.items.count == 1 && !audit.text.contains("fair record"), "\(audit.text)")
        // Someone outside the record is not shown that it exists, in either form.
        let ta = token["ta"]!
        let refused = await api.send("GET", statement, headers: [("Authorization", "Bearer \(ta)"),
                                                                 ("Accept", "application/pdf")], authorised: false)
        #expect(refused.status == 404)
    }
}
