import Foundation
import Testing
import TestSupport

/// Issue 17 §1: the reports over HTTP on a seeded 2027/28 cycle under 003 — known counts for HR,
/// a head's units only, anonymised for governors and reporting keys, JSON and CSV line for line,
/// every read and refusal audited.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ReportTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    typealias Lines = [[String: Any]]

    func lines(_ response: TestResponse) -> Lines { response.json["lines"] as? Lines ?? [] }

    /// The count on the line of `unit` (nil: the trust's totals), `group` and `category`;
    /// NSNull where suppressed, nil where there is no such line.
    func cell(_ lines: Lines, _ unit: UUID?, _ group: String?, _ category: String) -> Any? {
        lines.first {
            ($0["unit_id"] as? String).flatMap(UUID.init(uuidString:)) == unit
                && ($0["staff_group"] as? String) == group
                && $0["category"] as? String == category
        }?["count"]
    }

    @Test func knownCountsForEachReaderInJSONAndCSV() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        let extra = ["t1", "t2", "t3", "t4", "t5", "t6"]
        for name in extra {
            try await employ(&t, name, unit: t.school, group: "teacher", title: "Teacher", manager: "deputy",
                             extra: #", "qts": true"#)
        }
        let (appraisals, _) = try await open(t, year: 2027)
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let teachers = (["teacher", "ect"] + extra).filter { appraisals[$0] != nil }
        // Six teachers get the deputy as reviewer; the teacher agrees an objective.
        for name in ["teacher", "t1", "t2", "t3", "t4", "t5"] {
            #expect(await appoint(t, appraisals[name], by: "head", reviewers: ["deputy"]).0 == 201)
        }
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "teacher"], &emails)
        let teacherAppraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"]!)"
        let objective = await call(token["deputy"]!, "POST", teacherAppraisal + "/objectives",
                                   ObjectiveYearTests.objective("Reading age"))
        let objectivePath = "/v1/objectives/\(objective.json["id"] as? String ?? "-")"
        #expect(await call(token["teacher"]!, "POST", objectivePath + "/transitions", #"{"to": "agreed"}"#,
                           version: 1).status == 200)

        // HR: every count.
        let report = "/v1/reports/completion?cycle_id=\(cycle)"
        let hr = await api.send("GET", report, trust: t.id)
        #expect(hr.status == 200 && hr.json["audience"] as? String == "identified", "\(hr.text)")
        let whole = lines(hr)
        #expect(cell(whole, t.school, "teacher", "setting_objectives") as? Int == 5)
        #expect(cell(whole, t.school, "teacher", "in_year") as? Int == 1)
        #expect(cell(whole, t.school, "teacher", "no_reviewer") as? Int == teachers.count - 6)
        #expect(cell(whole, t.school, "teacher", "total") as? Int == teachers.count)
        #expect(cell(whole, nil, nil, "total") as? Int == appraisals.count)
        #expect(await api.send("GET", "/v1/reports/completion?year=2027", trust: t.id).json["lines"] as? NSArray
                == whole as NSArray, "the year's cycles: here the one cycle")

        // The same lines as CSV, field for field.
        let csv = await api.send("GET", report, trust: t.id, headers: [("Accept", "text/csv")])
        #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8")
        let rows = csv.text.split(separator: "\r\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count == whole.count)
        for (row, line) in zip(rows, whole) {
            let count = (line["count"] as? Int).map(String.init) ?? ""
            #expect(String(row[3]) == line["category"] as? String && String(row[4]) == count)
            #expect(String(row[0]) == (line["unit_id"] as? String ?? ""))
        }

        // The reports computed in SQL, on the same cycle.
        let outcomes = lines(await api.send("GET", "/v1/reports/objective-outcomes?cycle_id=\(cycle)", trust: t.id))
        #expect(cell(outcomes, t.school, "teacher", "not_assessed") as? Int == 1)
        let load = lines(await api.send("GET", "/v1/reports/reviewer-load?cycle_id=\(cycle)", trust: t.id))
        #expect(cell(load, t.school, "teacher", "4_to_6") as? Int == 6, "the deputy reviews six")
        let statements = lines(await api.send("GET", "/v1/reports/statements-on-time?cycle_id=\(cycle)", trust: t.id))
        #expect(cell(statements, nil, nil, "not_yet_due") as? Int == cell(statements, nil, nil, "total") as? Int)
        for kind in ["overdue", "observation-feedback", "support", "pay-outcomes", "outcomes-and-pay"] {
            let response = await api.send("GET", "/v1/reports/\(kind)?cycle_id=\(cycle)&staff_group=teacher",
                                          trust: t.id)
            #expect(response.status == 200 && !lines(response).isEmpty, "\(kind): \(response.text)")
        }
        let support = await api.send("GET", "/v1/reports/support?cycle_id=\(cycle)", trust: t.id)
        #expect(support.json["audience"] as? String == "anonymised", "support is anonymised even for HR")

        // A governor of the school: anonymised — five shown, one hidden.
        token = try await tokens(t, ["gov1", "head", "teacher"], &emails)
        let governor = await call(token["gov1"]!, "GET", report)
        #expect(governor.status == 200 && governor.json["audience"] as? String == "anonymised")
        #expect(governor.json["suppression_threshold"] as? Int == 5)
        #expect(cell(lines(governor), t.school, "teacher", "setting_objectives") as? Int == 5)
        #expect(cell(lines(governor), t.school, "teacher", "in_year") is NSNull)
        #expect(lines(governor).allSatisfy { ($0["count"] as? Int ?? 5) >= 5 }, "no count under 5")

        // The head reads their school whole, not the central team; a teacher reads nothing.
        let head = await call(token["head"]!, "GET", report)
        let units = Set(lines(head).compactMap { ($0["unit_id"] as? String).flatMap(UUID.init(uuidString:)) })
        #expect(head.status == 200 && units == [t.school], "\(head.text)")
        #expect(await call(token["head"]!, "GET", report + "&unit_id=\(t.central)").status == 403)
        #expect(await call(token["teacher"]!, "GET", report).status == 403)
        let refusals = await api.send("GET", "/v1/audit-events?resource_type=report_completion&limit=200", trust: t.id)
        let outcomesAudited = refusals.items.compactMap { $0["outcome"] as? String }
        #expect(outcomesAudited.filter { $0 == "denied" }.count == 2 && outcomesAudited.contains("allowed"))

        // A reporting tool's key: anonymised; bad requests name the parameter.
        let key = await api.send("POST", "/v1/api-keys", json: #"{"name": "BI", "scopes": ["reports:read"]}"#,
                                 trust: t.id)
        let bearer = "Bearer \(key.json["key"] as? String ?? "")"
        let bi = await api.send("GET", report, headers: [("Authorization", bearer)], authorised: false)
        #expect(bi.status == 200 && bi.json["audience"] as? String == "anonymised", "\(bi.text)")
        #expect(await api.send("GET", "/v1/reports/completion", trust: t.id).status == 422)
        #expect(await api.send("GET", "/v1/reports/salaries?year=2027", trust: t.id).status == 400)
        #expect(await api.send("GET", "/v1/reports/completion?cycle_id=\(UUID())", trust: t.id).status == 404)
    }
}
