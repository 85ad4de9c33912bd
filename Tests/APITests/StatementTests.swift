import Foundation
import Testing
import TestSupport

/// Issue 13 §2 acceptance, over HTTP: the written statement from draft to lock under the
/// policy in force — its required sections, the comment window counted on the unit's
/// calendar, signing, declining, closing, a locked statement refusing edits and a correction
/// keeping both versions. A cycle of 2027/28, statements in 2028: not the other scenarios' year.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct StatementTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    func id(_ response: TestResponse) -> String { response.json["id"] as? String ?? "missing" }

    /// Every section 003 §5.3.3 requires.
    static let allSections = #"{"objectives_assessment": "O", "role_assessment": "R", "standards_assessment": "S", "#
        + #""evidence_summary": "E"}"#
    static let issue = #"{"to": "issued"}"#

    /// The school's 2028/29 year: October half term 23–27 October 2028.
    func schoolYear2028(_ t: Trust) async {
        func term(_ name: String, _ dates: [String]) -> String {
            #"{"name": "\#(name)", "start_date": "\#(dates[0])", "end_date": "\#(dates[1])", "#
                + #""half_term_start_date": "\#(dates[2])", "half_term_end_date": "\#(dates[3])"}"#
        }
        let terms = [term("autumn", ["2028-09-04", "2028-12-20", "2028-10-23", "2028-10-27"]),
                     term("spring", ["2029-01-08", "2029-03-29", "2029-02-12", "2029-02-16"]),
                     term("summer", ["2029-04-16", "2029-07-20", "2029-05-28", "2029-06-01"])]
        let year = await api.send("PUT", "/v1/units/\(t.school)/school-years/2028",
                                  json: #"{"terms": [\#(terms.joined(separator: ", "))]}"#, trust: t.id)
        #expect(year.status == 201, "\(year.text)")
    }

    /// 003: a teacher's statement needs the objectives, role, standards and evidence sections
    /// (§5.3.3); ten working days to comment counted on the school's calendar, skipping its
    /// half term for a term-time teacher; the reviewee comments, signs, and it is locked.
    @Test func aTeachersStatementUnder003() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        try await employ(&t, "librarian", unit: t.school, group: "support", title: "Librarian", manager: "deputy",
                         extra: #", "working_pattern": "all_year""#)
        await schoolYear2028(t)
        let (appraisals, _) = try await open(t, year: 2027)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        now.set("2028-10-13") // a Friday
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["teacher", "deputy", "head", "ta"], &emails)
        // 003 §5.3.2: the interim review half way through the year was held.
        let interim = await call(token["deputy"]!, "POST", appraisal + "/meetings",
                                 #"{"kind": "interim", "held_on": "2028-03-01"}"#)
        #expect(interim.status == 201, "\(interim.text)")
        // Only the reviewer drafts; the reviewee and the head are refused.
        let body = #"{"objectives_assessment": "Both objectives met.", "standards_assessment": "Meets TS1–TS8."}"#
        #expect(await call(token["teacher"]!, "POST", appraisal + "/statements", body).status == 403)
        #expect(await call(token["head"]!, "POST", appraisal + "/statements", body).status == 403)
        // 003 §2.1, §5.3.3: by 31 October, on the reviewer's task list from 60 days before.
        func task(_ who: String, _ kind: String) async -> [String: Any]? {
            await call(token[who]!, "GET", "/v1/me/tasks").items.first { $0["kind"] as? String == kind }
        }
        #expect(await task("deputy", "issue_statement")?["due_date"] as? String == "2028-10-31")
        let drafted = await call(token["deputy"]!, "POST", appraisal + "/statements", body)
        #expect(drafted.status == 201 && drafted.json["state"] as? String == "draft", "\(drafted.text)")
        let statement = "/v1/statements/\(id(drafted))"
        // One statement per appraisal.
        #expect(await call(token["deputy"]!, "POST", appraisal + "/statements", body).status == 409)

        // 003 §5.3.3: the role and the evidence are missing, so it cannot be issued yet.
        let early = await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        #expect(early.status == 422 && rules(early) == ["required_section", "required_section"], "\(early.text)")
        let cited = (early.json["errors"] as? [[String: Any]])?.first?["policy_ref"] as? [String: Any]
        #expect(cited?["path"] as? String == "statements.required_sections")
        let sections = #"{"role_assessment": "Leads KS3 well.", "evidence_summary": "Six observations, books."}"#
        let revised = await call(token["deputy"]!, "PATCH", statement, sections, version: 1)
        #expect(revised.status == 200 && revised.json["version"] as? Int == 2, "\(revised.text)")
        let mine = #"{"role_assessment": "Mine"}"#
        #expect(await call(token["teacher"]!, "PATCH", statement, mine, version: 2).status == 403)

        let issued = await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 2)
        #expect(issued.status == 200 && issued.json["state"] as? String == "issued", "\(issued.text)")
        // Ten working days from Friday 13 October, not counting the half term 23–27 October.
        #expect(issued.json["comment_due"] as? String == "2028-11-03")
        #expect(issued.json["comment_window_open"] as? Bool == true)
        #expect(issued.json["interim_reviews_held"] as? Int == 1)
        #expect(issued.json["interim_reviews_required"] as? Int == 1)
        #expect(await task("deputy", "issue_statement") == nil)
        let respond = await task("teacher", "respond_to_statement")
        #expect(respond?["due_date"] as? String == "2028-11-03" && respond?["resource"] as? String == statement)
        // Issued: its sections never change again.
        #expect(await call(token["deputy"]!, "PATCH", statement, mine, version: 3).status == 409)

        // The reviewee comments within the window; nobody else may.
        #expect(await call(token["deputy"]!, "PUT", statement + "/comment", #"{"comment": "Not mine"}"#).status == 403)
        now.set("2028-11-03")
        token = try await tokens(t, ["teacher", "deputy", "head", "ta"], &emails)
        let comment = #"{"comment": "Agreed, thank you."}"#
        let commented = await call(token["teacher"]!, "PUT", statement + "/comment", comment)
        #expect(commented.status == 200 && commented.json["reviewee_comment"] as? String == "Agreed, thank you.")
        let signed = await call(token["teacher"]!, "POST", statement + "/transitions", #"{"to": "signed"}"#, version: 4)
        #expect(signed.json["state"] as? String == "locked" && signed.json["reviewee_response"] as? String == "signed",
                "\(signed.text)")

        // Locked: no edit, no comment, no second answer (409); the head reads it, the TA does not.
        #expect(await call(token["deputy"]!, "PATCH", statement, mine, version: 5).status == 409)
        #expect(await call(token["teacher"]!, "PUT", statement + "/comment", #"{"comment": "Later"}"#).status == 409)
        let decline = #"{"to": "declined", "comment": "x"}"#
        #expect(await call(token["teacher"]!, "POST", statement + "/transitions", decline, version: 5).status == 409)
        #expect(await call(token["head"]!, "GET", statement).status == 200)
        #expect(await call(token["ta"]!, "GET", statement).status == 404)

        // A correction is a new version with its reason; both are kept, the first superseded.
        #expect(await call(token["teacher"]!, "POST", statement + "/corrections", #"{"reason": "Typo"}"#).status == 403)
        let corrected = await call(token["deputy"]!, "POST", statement + "/corrections",
                                   #"{"reason": "The evidence summary named the wrong term."}"#)
        #expect(corrected.status == 201 && corrected.json["number"] as? Int == 2, "\(corrected.text)")
        #expect(corrected.json["corrects_id"] as? String == id(drafted))
        #expect(corrected.json["state"] as? String == "draft")
        #expect(corrected.json["role_assessment"] as? String == "Leads KS3 well.")
        let history = await call(token["teacher"]!, "GET", appraisal + "/statements")
        #expect(history.items.map { $0["number"] as? Int } == [1, 2])
        #expect(history.items.first?["superseded_by_id"] as? String == id(corrected))
        #expect(history.items.first?["reviewee_comment"] as? String == "Agreed, thank you.")
        #expect(await call(token["deputy"]!, "POST", statement + "/corrections", #"{"reason": "Again"}"#).status == 422)

        // The audit trail names the sections changed, never their text.
        let audit = await api.send("GET", "/v1/audit-events?resource_type=statement&limit=50", trust: t.id)
        #expect(!audit.text.contains("Leads KS3") && !audit.text.contains("Agreed, thank you"))
        #expect(audit.text.contains("role_assessment"))
    }

    /// The window on an all-year employee's calendar skips the August bank holiday; a reviewee
    /// who declines must say why; a reviewer may close an unanswered statement only after the
    /// window. Dates of 2028.
    @Test func declineAndCloseAcrossABankHoliday() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        try await employ(&t, "librarian", unit: t.school, group: "support", title: "Librarian", manager: "deputy",
                         extra: #", "working_pattern": "all_year""#)
        let (appraisals, _) = try await open(t, year: 2027)
        #expect(await appoint(t, appraisals["librarian"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let full = Self.allSections

        now.set("2028-08-25") // a Friday; Monday 28 August is the summer bank holiday
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["librarian", "ta", "deputy"], &emails)
        // Neither held the interim review 003 §5.3.2 requires: the statement says why, or waits.
        let absent = #"{"interim_exception_reason": "On sick leave from January to April (003 §1.11)."}"#
        func issue(_ name: String) async -> String {
            let appraisal = "/v1/appraisals/\(appraisals[name]!["id"] as! String)"
            let drafted = await call(token["deputy"]!, "POST", appraisal + "/statements", full)
            let statement = "/v1/statements/\(id(drafted))"
            let missing = await call(token["deputy"]!, "POST", statement + "/transitions", Self.issue, version: 1)
            #expect(missing.status == 422 && rules(missing) == ["interim_reviews_missing"], "\(missing.text)")
            #expect(await call(token["deputy"]!, "PATCH", statement, absent, version: 1).status == 200)
            let issued = await call(token["deputy"]!, "POST", statement + "/transitions", Self.issue, version: 2)
            #expect(issued.status == 200, "\(issued.text)")
            #expect(issued.json["interim_reviews_held"] as? Int == 0)
            return statement
        }
        let librarian = await issue("librarian")
        // Ten working days: 29 August to 11 September, the bank holiday not counted.
        #expect(await call(token["deputy"]!, "GET", librarian).json["comment_due"] as? String == "2028-09-11")
        let noReason = await call(token["librarian"]!, "POST", librarian + "/transitions", #"{"to": "declined"}"#,
                                  version: 3)
        #expect(noReason.status == 422 && rules(noReason) == ["required"])
        let declined = await call(token["librarian"]!, "POST", librarian + "/transitions",
                                  #"{"to": "declined", "comment": "The spring term's evidence was left out."}"#,
                                  version: 3)
        #expect(declined.json["state"] as? String == "locked", "\(declined.text)")
        #expect(declined.json["reviewee_response"] as? String == "declined")

        // A term-time TA's window stops for the summer holiday: the reviewer cannot close it early.
        let ta = await issue("ta")
        let due = await call(token["deputy"]!, "GET", ta).json["comment_due"] as? String ?? ""
        #expect(due > "2028-09-11", "\(due)")
        let early = await call(token["deputy"]!, "POST", ta + "/transitions", #"{"to": "closed"}"#, version: 3)
        #expect(early.status == 422 && rules(early) == ["comment_window"])
        now.set("2028-12-01")
        token = try await tokens(t, ["ta", "deputy"], &emails)
        #expect(await call(token["ta"]!, "PUT", ta + "/comment", #"{"comment": "Too late"}"#).status == 422)
        let closed = await call(token["deputy"]!, "POST", ta + "/transitions", #"{"to": "closed"}"#, version: 3)
        #expect(closed.json["state"] as? String == "locked" && closed.json["reviewee_response"] as? String == "none",
                "\(closed.text)")

        // Issue 13 §4: the cycle closes once every statement is locked, or with a reason kept on it.
        let cycle = "/v1/cycles/\(appraisals["ta"]!["cycle_id"] as! String)"
        func move(_ body: String) async -> TestResponse {
            let version = await api.send("GET", cycle, trust: t.id).json["version"] as? Int ?? 0
            return await api.send("POST", cycle + "/transitions", json: body, trust: t.id,
                                  headers: [("If-Match", "\"\(version)\"")])
        }
        #expect(await move(#"{"to": "closing"}"#).status == 200)
        let unsigned = await move(#"{"to": "closed"}"#)
        #expect(unsigned.status == 422 && rules(unsigned) == ["statements_unlocked"], "\(unsigned.text)")
        let closedCycle = await move(#"{"to": "closed", "reason": "Two staff left before their statements."}"#)
        #expect(closedCycle.json["state"] as? String == "closed", "\(closedCycle.text)")
        #expect(closedCycle.json["close_reason"] as? String == "Two staff left before their statements.")
        let enrolled = closedCycle.json["enrolled_count"] as? Int ?? 0
        #expect(closedCycle.json["unlocked_statements_at_close"] as? Int == enrolled - 2)
    }

    /// 003 §5.3.1: the head's statement, by the governors appraising the head, is issued only
    /// once the external adviser's consultation is recorded; 31 December is the head's deadline.
    @Test func theHeadsStatementNeedsTheAdviserUnder003() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let (appraisals, _) = try await open(t, year: 2027)
        #expect(deadlines(appraisals["head"])["final_review"] == "2028-12-31")
        let appointed = await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "gov3"],
                                      adviser: "adviser")
        #expect(appointed.0 == 201, "\(appointed.1)")
        let appraisal = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        now.set("2028-12-15")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["head", "gov1"], &emails)
        let interim = await call(token["gov1"]!, "POST", appraisal + "/meetings",
                                 #"{"kind": "interim", "held_on": "2028-04-20"}"#)
        #expect(interim.status == 201, "\(interim.text)")
        let drafted = await call(token["gov1"]!, "POST", appraisal + "/statements", Self.allSections)
        let statement = "/v1/statements/\(id(drafted))"
        let refused = await call(token["gov1"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        #expect(refused.status == 422 && rules(refused) == ["adviser_consulted"], "\(refused.text)")
        let consulted = #"{"adviser_consulted_on": "2028-12-11"}"#
        #expect(await call(token["gov1"]!, "PATCH", statement, consulted, version: 1).status == 200)
        let issued = await call(token["gov1"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 2)
        #expect(issued.json["state"] as? String == "issued", "\(issued.text)")
    }

    /// Issue 13 §1, 002 §2.2.5: the formal interim review — progress on each objective, what
    /// should change, the support needed — written by the reviewer, commented on by the
    /// reviewee; it clears the reviewer's task and counts towards the statement's.
    @Test func anInterimReviewUnder002() async throws {
        let t = try await makeTrust(preset: "002-lt2-trust")
        let (appraisals, _) = try await open(t, year: 2027)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        now.set("2028-02-14")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["teacher", "deputy", "head", "ta"], &emails)
        let objective = await call(token["deputy"]!, "POST", appraisal + "/objectives", """
            {"title": "Reading", "description": "Year 4 reading", "success_criteria": "Reading ages",
             "kind": "pupil_outcomes"}
            """)
        #expect(objective.status == 201, "\(objective.text)")
        func tasks(_ who: String) async -> [String] {
            await call(token[who]!, "GET", "/v1/me/tasks").items.compactMap { $0["kind"] as? String }
        }
        #expect(await tasks("deputy").contains("hold_interim_review"))

        let body = """
            {"held_on": "2028-02-10", "progress": [{"objective_id": "\(id(objective))", "progress": "On track"}],
             "objectives_to_revise": ["\(id(objective))"], "support_needed": "Time with the literacy lead"}
            """
        #expect(await call(token["teacher"]!, "POST", appraisal + "/interim-reviews", body).status == 403)
        let future = body.replacingOccurrences(of: "2028-02-10", with: "2028-03-01")
        #expect(rules(await call(token["deputy"]!, "POST", appraisal + "/interim-reviews", future)) == ["not_held"])
        let foreign = body.replacingOccurrences(of: "\"objectives_to_revise\": [\"\(id(objective))\"]",
                                                with: "\"objectives_to_revise\": [\"\(UUID())\"]")
        #expect(rules(await call(token["deputy"]!, "POST", appraisal + "/interim-reviews", foreign)) == ["exists"])
        let written = await call(token["deputy"]!, "POST", appraisal + "/interim-reviews", body)
        #expect(written.status == 201, "\(written.text)")
        let review = "/v1/interim-reviews/\(id(written))"
        #expect(await call(token["head"]!, "GET", review).status == 200)
        #expect(await call(token["ta"]!, "GET", review).status == 404)
        #expect(await call(token["deputy"]!, "PUT", review + "/comment", #"{"comment": "Mine"}"#).status == 403)
        let commented = await call(token["teacher"]!, "PUT", review + "/comment", #"{"comment": "Agreed."}"#)
        #expect(commented.json["reviewee_comment"] as? String == "Agreed.", "\(commented.text)")
        #expect(!(await tasks("deputy")).contains("hold_interim_review"))

        // 002 §2.2.7: the statement counts it, so it needs no reason.
        let drafted = await call(token["deputy"]!, "POST", appraisal + "/statements", """
            {"objectives_assessment": "O", "standards_assessment": "S", "development_needs": "D",
             "recommended_action": "A"}
            """)
        let issued = await call(token["deputy"]!, "POST", "/v1/statements/\(id(drafted))/transitions", Self.issue,
                                version: 1)
        #expect(issued.json["interim_reviews_held"] as? Int == 1, "\(issued.text)")
    }

    /// 004 §6: the conversations model has no written statement.
    @Test func noStatementUnderTheConversationsModel() async throws {
        let t = try await makeTrust(preset: "004-aspire-mat")
        let (appraisals, _) = try await open(t, year: 2027)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        now.set("2028-10-02")
        let token = try await login(t, "deputy")
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        let refused = await call(token, "POST", appraisal + "/statements", #"{"objectives_assessment": "O"}"#)
        #expect(refused.status == 422 && rules(refused) == ["model"], "\(refused.text)")
    }
}
