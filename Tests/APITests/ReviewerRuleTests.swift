import Foundation
import Testing
import TestSupport

/// Issue 10 items 1–3 and 11–16: who may review whom, and rules that did nothing or the wrong
/// thing — each under its own policy, in years other than the scenario tests'.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ReviewerRuleTests: PresetScenario {
    let api = TestAPI()

    /// A school business manager whom the head line-manages (a support role under every policy).
    func withBusinessManager(_ preset: String) async throws -> Trust {
        var t = try await makeTrust(preset: preset)
        try await employ(&t, "sbm", unit: t.school, group: "support", title: "School Business Manager", manager: "head")
        return t
    }

    /// Item 1: appointing yourself as the reviewer of someone you line-manage is the normal case
    /// (003 §3.4, 001 "Appointing Reviewers", 004 §5.2, 000 §3.1, 002 §2.2.2); being your own
    /// reviewer never is.
    @Test(arguments: ["000-alpha-trust", "002-lt2-trust", "003-hampshire-model", "004-aspire-mat"])
    func headsReviewWhomTheyLineManage(preset: String) async throws {
        let t = try await withBusinessManager(preset)
        let (appraisals, _) = try await open(t, year: 2028)
        #expect(await appoint(t, appraisals["deputy"], by: "head", reviewers: ["head"]).0 == 201)
        #expect(await appoint(t, appraisals["sbm"], by: "head", reviewers: ["head"]).0 == 201)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["teacher"]) == (422, ["not_reviewee"]))
        if preset != "003-hampshire-model" {
            // 000 §3.1, 002 §1.5, 004 §5.2: the CEO appoints for central staff, themselves included.
            #expect(await appoint(t, appraisals["ops"], by: "ceo", reviewers: ["ceo"]).0 == 201)
        }
    }

    /// 003 §3.4–3.5: a head who does not line-manage the reviewee takes the role only on concerns.
    @Test func hampshireHeadTakesOthersOnlyOnConcerns() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let (appraisals, _) = try await open(t, year: 2029)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["head"]) == (422, ["self_appointment"]))
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["head"], reason: "concerns").0 == 201)
    }

    /// Items 1 and 3 under 001: the relevant line manager is the one who supervises the reviewee.
    @Test func associateStaffReviewedByTheirOwnLineManager() async throws {
        let t = try await withBusinessManager("001-associate-staff")
        let (appraisals, _) = try await open(t, year: 2029)
        #expect(await appoint(t, appraisals["sbm"], by: "head", reviewers: ["head"]).0 == 201)
        // The head is above the teaching assistant's line manager, not their line manager.
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["head"]) == (422, ["line_manager"]))
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        // The operations director line-manages the finance officer; the CEO is further up.
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ceo"]) == (422, ["line_manager"]))
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ops"]).0 == 201)
    }

    /// Items 14 and 15 under 004: staff under capability are not appraised (§12); a deadline
    /// after a fixed-term contract ends is not set (§4.2).
    @Test func aspireEnrolment() async throws {
        var t = try await makeTrust(preset: "004-aspire-mat")
        try await employ(&t, "struggling", unit: t.school, group: "teacher", title: "Teacher", manager: "deputy",
                         extra: #", "qts": true, "under_capability": true"#)
        try await employ(&t, "maternity", unit: t.school, group: "teacher", title: "Maternity Cover", manager: "deputy",
                         start: "2028-09-01",
                         extra: #", "qts": true, "contract_type": "fixed_term", "contract_end_date": "2029-03-31""#)
        let (appraisals, excluded) = try await open(t, year: 2028)
        #expect(excluded["struggling"] == "capability")
        #expect(appraisals["maternity"]?["period_end"] as? String == "2029-03-31")
        #expect(deadlines(appraisals["maternity"]).keys.sorted() == ["autumn_conversation"])
        #expect(deadlines(appraisals["teacher"]).keys.sorted() == ["autumn_conversation", "mid_year_conversation"])
    }

    /// Item 13: 004 §7.3 — classroom observation of anyone employed to work in class (a
    /// teaching assistant too) is by someone with QTS; 000 §6.1 asks it for teachers only.
    @Test(arguments: [("004-aspire-mat", 422), ("000-alpha-trust", 201)])
    func qtsForClassroomObservation(preset: String, status: Int) async throws {
        let t = try await makeTrust(preset: preset)
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["head"]).0 == 201)
        let head = try await login(t, "head")
        let observation = """
            {"kind": "drop_in", "observer_id": "\(t.people["finance"]!)", "observed_at": "2026-11-10T10:00:00Z",
             "duration_minutes": 20, "focus": "Small-group reading"}
            """
        let response = await call(head, "POST", "/v1/appraisals/\(appraisals["ta"]!["id"]!)/observations", observation)
        #expect(response.status == status, "\(response.text)")
        if status == 422 { #expect(rules(response) == ["qts"]) }
    }

    /// Item 12: 002 §2.2.4, 003 §5.1.1 — senior leaders besides the head may drop in; under 004
    /// a senior leader is no reader of the record at all (404, as if it did not exist).
    @Test(arguments: [("003-hampshire-model", 201), ("002-lt2-trust", 201), ("004-aspire-mat", 404)])
    func seniorLeadersDropIn(preset: String, status: Int) async throws {
        var t = try await makeTrust(preset: preset)
        try await employ(&t, "assistant_head", unit: t.school, group: "leadership", title: "Assistant Head",
                         manager: "head",
                         extra: #", "qts": true"#)
        try await grant(t.id, t.people["assistant_head"]!, "senior_leader", unit: t.school)
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let leader = try await login(t, "assistant_head")
        let dropIn = """
            {"kind": "drop_in", "observer_id": "\(t.people["assistant_head"]!)", "observed_at": "2026-11-10T09:30:00Z",
             "duration_minutes": 15, "focus": "Starter activity"}
            """
        let path = "/v1/appraisals/\(appraisals["teacher"]!["id"]!)/observations"
        #expect(await call(leader, "POST", path, dropIn).status == status)
        // A formal lesson observation stays the reviewer's or the head's.
        let formal = await call(leader, "POST", path, dropIn.replacingOccurrences(of: "drop_in", with: "formal_lesson"))
        #expect(formal.status == (status == 404 ? 404 : 403))
    }

    /// Item 11: 002 §2.2.5 — at least one formal interim review, by the half-way point of the
    /// period on the calendar: a deadline, the reviewer's task, overdue once passed.
    @Test func lt2InterimReviewIsDueAndOverdue() async throws {
        var t = try await makeTrust(preset: "002-lt2-trust")
        // A starter on 5 January 2026: their period runs to 31 August, half way is Monday 4 May,
        // the early May bank holiday, so the last school day before it, Friday 1 May.
        try await employ(&t, "starter", unit: t.school, group: "teacher", title: "Teacher", manager: "deputy",
                         start: "2026-01-05", extra: #", "qts": true"#)
        let (appraisals, _) = try await open(t, year: 2025)
        #expect(deadlines(appraisals["teacher"]) == ["interim_review": "2026-03-02"])
        #expect(deadlines(appraisals["starter"]) == ["interim_review": "2026-05-01"])
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let deputy = try await login(t, "deputy")
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"]!)"
        func interimTasks() async -> [[String: Any]] {
            await call(deputy, "GET", "/v1/me/tasks").items.filter { $0["kind"] as? String == "hold_interim_review" }
        }
        let task = await interimTasks().first
        #expect(task?["due_date"] as? String == "2026-03-02" && task?["overdue"] as? Bool == true)
        #expect(task?["resource"] as? String == appraisal + "/meetings")
        let held = await call(deputy, "POST", appraisal + "/meetings", #"{"kind": "interim", "held_on": "2026-03-10"}"#)
        #expect(held.status == 201, "\(held.text)")
        #expect(await interimTasks().isEmpty)
    }
}

/// Item 17: 001's June–May cycles at the named schools get a review deadline of their own cycle.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct LearningSupportCycleTests: PresetScenario {
    let api = TestAPI()

    @Test func juneToMayCycleHasItsOwnReviewDeadline() async throws {
        let t = try await makeTrust(preset: "001-associate-staff")
        let preset = await api.send("GET", "/v1/policy-presets/001-associate-staff", trust: t.id)
        var document = try #require(preset.json["document"] as? [String: Any])
        document["overrides"] = [["unit_id": t.school.uuidString.lowercased(), "job_titles": ["Teaching Assistant"],
                                  "cycle": ["start_month": 6, "start_day": 1, "length_months": 12]]]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["document": document]), as: UTF8.self)
        let current = await api.send("GET", "/v1/policy", trust: t.id)
        let put = await api.send("PUT", "/v1/policy", json: body, trust: t.id,
                                headers: [("If-Match", current.headers["ETag"] ?? "*")])
        #expect(put.status == 200 || put.status == 201, "\(put.text)")
        let (appraisals, _) = try await open(t, year: 2028)
        #expect(appraisals["ta"]?["period_start"] as? String == "2028-06-01")
        #expect(appraisals["ta"]?["period_end"] as? String == "2029-05-31")
        #expect(deadlines(appraisals["ta"]) == ["annual_review_meeting": "2029-06-30"])
        // Everyone else keeps January – December, reviewed in the January after.
        #expect(deadlines(appraisals["finance"]) == ["annual_review_meeting": "2029-01-31"])
    }
}
