import Foundation
import Testing
import TestSupport

/// Issue 5 acceptance: a year of objectives over HTTP — proposal, disagreement, determination,
/// revision, progress, assessment — under 000 and 003, with each policy's own rules.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ObjectiveYearTests: PresetScenario {
    let api = TestAPI()

    static func objective(_ title: String, kind: String = "practice") -> String {
        """
        {"title": "\(title)", "description": "Improve questioning in Year 9 science", "success_criteria": "Judged from three observed lessons",
         "kind": "\(kind)", "due_date": "2027-07-01", "milestones": [{"description": "Mid-point review", "due_date": "2027-02-01"}],
         "standards": ["TS2", "TS4"]}
        """
    }

    func id(_ response: TestResponse) -> String { response.json["id"] as? String ?? "missing" }

    /// Under 000 (§5.3) and 003 (§4.2: reviewers set objectives) the reviewer determines what
    /// cannot be agreed; both presets allow revision in year (000 §5.5).
    @Test(arguments: ["000-alpha-trust", "003-hampshire-model"])
    func aTeachersYear(under preset: String) async throws {
        var t = try await makeTrust(preset: preset)
        t.people["hr"] = try await person(t.id, "hr")
        try await grant(t.id, t.people["hr"]!, "hr")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        var token: [String: String] = [:]
        for name in ["teacher", "deputy", "head", "ta", "hr"] { token[name] = try await login(t, name) }

        // The reviewer proposes; proposing is agreeing to one's own proposal.
        let proposed = await call(token["deputy"]!, "POST", appraisal + "/objectives", Self.objective("Questioning"))
        #expect(proposed.status == 201, "\(proposed.text)")
        #expect(proposed.json["state"] as? String == "proposed" && proposed.json["agreed_by_reviewer"] as? Bool == true)
        #expect(proposed.json["standards"] as? [String] == ["TS2", "TS4"])
        let first = "/v1/objectives/\(id(proposed))"
        // What each may do with it, so a front shows the right buttons.
        func actions(_ who: String) async -> [String] {
            await call(token[who]!, "GET", "/v1/me/permissions?resource=\(first)").json["actions"] as? [String] ?? []
        }
        #expect(await actions("teacher") == ["GET", "PATCH"])
        #expect(await actions("head") == ["GET"])
        #expect(await actions("ta") == [])
        #expect(await api.send("GET", "/v1/me/permissions?resource=\(first)", trust: t.id).json["actions"] as? [String] == ["GET"])
        // The reviewee's task list asks them to respond.
        let tasks = await call(token["teacher"]!, "GET", "/v1/me/tasks")
        #expect(tasks.items.contains { $0["kind"] as? String == "respond_to_proposal" && $0["resource"] as? String == first })

        // They cannot agree: the teacher disputes it.
        let disputed = await call(token["teacher"]!, "POST", first + "/transitions", #"{"to": "disputed", "comment": "Too narrow"}"#, version: 1)
        #expect(disputed.json["state"] as? String == "disputed", "\(disputed.text)")
        // The reviewer determines them — not the reviewee, not the head.
        let byTeacher = await call(token["teacher"]!, "POST", first + "/transitions", #"{"to": "determined"}"#, version: 2)
        #expect(byTeacher.status == 422 && rules(byTeacher) == ["decided_by"])
        let byHead = await call(token["head"]!, "POST", first + "/transitions", #"{"to": "determined"}"#, version: 2)
        #expect(byHead.status == 422 && rules(byHead) == ["decided_by"])
        let determined = await call(token["deputy"]!, "POST", first + "/transitions", #"{"to": "determined"}"#, version: 2)
        #expect(determined.json["state"] as? String == "determined", "\(determined.text)")
        #expect(determined.json["determined_by"] as? String == t.people["deputy"]!.uuidString.lowercased())
        // A stale version is refused and changes nothing.
        #expect(await call(token["deputy"]!, "POST", first + "/transitions", #"{"to": "withdrawn", "comment": "x"}"#, version: 2).status == 412)

        // Revised in year, with a reason, and agreed again.
        let noReason = await call(token["deputy"]!, "PATCH", first, #"{"title": "Questioning and feedback"}"#, version: 3)
        #expect(noReason.status == 422 && noReason.errorFields == ["revision_reason"])
        let revised = await call(token["deputy"]!, "PATCH", first,
                                 #"{"title": "Questioning and feedback", "revision_reason": "New timetable"}"#, version: 3)
        #expect(revised.json["state"] as? String == "proposed" && revised.json["title"] as? String == "Questioning and feedback")
        #expect(revised.json["agreed_by_reviewee"] as? Bool == false)
        let agreed = await call(token["teacher"]!, "POST", first + "/transitions", #"{"to": "agreed"}"#, version: 4)
        #expect(agreed.json["state"] as? String == "agreed", "\(agreed.text)")

        // Progress through the year, by either side only.
        #expect(await call(token["teacher"]!, "POST", first + "/progress-notes", #"{"note": "Trialled cold calling"}"#).status == 201)
        #expect(await call(token["head"]!, "POST", first + "/progress-notes", #"{"note": "x"}"#).status == 403)
        #expect(await call(token["ta"]!, "POST", first + "/progress-notes", #"{"note": "x"}"#).status == 404)
        #expect(await call(token["deputy"]!, "GET", first + "/progress-notes").items.count == 1)

        // The end-of-year assessment is the reviewer's.
        #expect(await call(token["teacher"]!, "PUT", first + "/assessment", #"{"outcome": "met"}"#).status == 403)
        let assessed = await call(token["deputy"]!, "PUT", first + "/assessment", #"{"outcome": "partly_met"}"#)
        #expect((assessed.json["assessment"] as? [String: Any])?["outcome"] as? String == "partly_met", "\(assessed.text)")
        #expect(rules(await call(token["deputy"]!, "PATCH", first, #"{"title": "Late", "revision_reason": "x"}"#, version: 6)) == ["assessed"])

        // The whole history, in order, each step with the objective as it then stood.
        let history = await call(token["teacher"]!, "GET", first + "/history")
        #expect(history.items.map { $0["action"] as? String } == ["proposed", "disputed", "determined", "revised", "agreed", "assessed"])
        #expect((history.items.first?["objective"] as? [String: Any])?["title"] as? String == "Questioning")

        // Who reads it: the reviewee, the reviewer, the head — not a colleague, and not HR, who
        // sees the appraisal's status but not its record (000 §9.2, 003 §1.8).
        #expect(await call(token["head"]!, "GET", first).status == 200)
        #expect(await call(token["hr"]!, "GET", appraisal + "/objectives").status == 404)
        #expect(await call(token["hr"]!, "GET", appraisal).status == 200)
        #expect(await call(token["ta"]!, "GET", first).status == 404)
        #expect(await call(token["ta"]!, "GET", appraisal + "/objectives").status == 404)

        // Reads of the record are audited; no event carries its text.
        let audit = await api.send("GET", "/v1/audit-events?limit=200", trust: t.id)
        #expect(audit.items.contains { $0["action"] as? String == "read" && $0["resource_type"] as? String == "objective" })
        #expect(!audit.text.contains("Questioning") && !audit.text.contains("cold calling") && !audit.text.contains("Too narrow"))
    }

    @Test func theHeadsObjectivesUnder003() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        // The head's committee held trust-wide (a committee grant naming no unit, 003 §3.2).
        t.people["committee"] = try await person(t.id, "committee")
        try await grant(t.id, t.people["committee"]!, "committee_member")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "gov3"], adviser: "adviser").0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        var token: [String: String] = [:]
        for name in ["head", "gov1", "gov2", "chairgov", "committee"] { token[name] = try await login(t, name) }

        let practice = await call(token["gov1"]!, "POST", appraisal + "/objectives", Self.objective("Curriculum"))
        #expect(practice.status == 201, "\(practice.text)")
        // 003 §4.1: at least one objective about pupil outcomes before the head's objectives are set.
        let tooSoon = await call(token["head"]!, "POST", "/v1/objectives/\(id(practice))/transitions", #"{"to": "agreed"}"#, version: 1)
        #expect(tooSoon.status == 422 && rules(tooSoon) == ["required_kinds"])
        let outcomes = await call(token["gov2"]!, "POST", appraisal + "/objectives", Self.objective("Attainment", kind: "pupil_outcomes"))
        #expect(await call(token["head"]!, "POST", "/v1/objectives/\(id(practice))/transitions", #"{"to": "agreed"}"#, version: 1)
            .json["state"] as? String == "agreed")
        // Disagreement: the governors appraising the head determine (003 §4.1), not the head.
        #expect(await call(token["head"]!, "POST", "/v1/objectives/\(id(outcomes))/transitions", #"{"to": "disputed"}"#, version: 1).status == 200)
        #expect(rules(await call(token["head"]!, "POST", "/v1/objectives/\(id(outcomes))/transitions", #"{"to": "determined"}"#, version: 2))
            == ["decided_by"])
        // The determination is the task of the governors appraising the head: those appointed,
        // and the committee held trust-wide, which covers this school as a unit's would.
        func determineTasks(_ name: String) async -> [String] {
            await call(token[name]!, "GET", "/v1/me/tasks").items
                .filter { $0["kind"] as? String == "determine_objective" }.compactMap { $0["resource"] as? String }
        }
        #expect(await determineTasks("gov2") == ["/v1/objectives/\(id(outcomes))"])
        #expect(await determineTasks("committee") == ["/v1/objectives/\(id(outcomes))"])
        #expect(await determineTasks("head") == [])
        #expect(await call(token["gov2"]!, "POST", "/v1/objectives/\(id(outcomes))/transitions", #"{"to": "determined"}"#, version: 2)
            .json["state"] as? String == "determined")
        #expect(await determineTasks("committee") == [])
        // The Chair, not on the committee, sees nothing of it.
        #expect(await call(token["chairgov"]!, "GET", appraisal + "/objectives").status == 404)
    }

    @Test func unknownStandardsAndBadInputAreRefusedNamingTheField() async throws {
        let t = try await makeTrust(preset: "002-lt2-trust")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let deputy = try await login(t, "deputy")
        let path = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)/objectives"
        let unknown = await call(deputy, "POST", path, Self.objective("X").replacingOccurrences(of: "TS4", with: "TS99"))
        #expect(unknown.status == 422 && unknown.errorFields == ["standards[1]"])
        let badKind = await call(deputy, "POST", path, Self.objective("X", kind: "bonus"))
        #expect(badKind.status == 422 && badKind.errorFields == ["kind"])
        let blank = await call(deputy, "POST", path, Self.objective(" "))
        #expect(blank.status == 422 && blank.errorFields == ["title"])
        #expect(await call(deputy, "GET", path).items.isEmpty)
        // 002 §2.2.3: a professional development objective is among them before they are set.
        let practice = await call(deputy, "POST", path, Self.objective("Practice"))
        let teacher = try await login(t, "teacher")
        #expect(rules(await call(teacher, "POST", "/v1/objectives/\(id(practice))/transitions", #"{"to": "agreed"}"#, version: 1))
            == ["required_kinds"])
    }
}
