import Foundation
import Testing
import TestSupport

/// Issue 13 acceptance: a whole year under 001 and under 002 through to a locked statement,
/// each with its own policy's sections, deadlines and people (000 is `StatementPrintTests`,
/// 003 `StatementTests`, 004 `ConversationCloseTests`). Years 2031 and 2032/33.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PresetYearTests: PresetScenario {
    let now = TestClock("2031-01-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// 001: January to December; the line manager reviews; the record lists the conclusions and
    /// the actions for both (development needs, recommended action); the associate declines.
    @Test func anAssociatesYearUnder001EndsDeclined() async throws {
        let t = try await makeTrust(preset: "001-associate-staff")
        let (appraisals, _) = try await open(t, year: 2031)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)"
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "ta"], &emails)
        let objective = await call(token["deputy"]!, "POST", appraisal + "/objectives", """
            {"title": "Phonics groups", "description": "Run three Year 1 groups",
             "success_criteria": "Each group moves on a phase", "kind": "role", "due_date": "2031-12-12"}
            """)
        #expect(objective.status == 201, "\(objective.text)")
        let objectivePath = "/v1/objectives/\(objective.json["id"] as? String ?? "-")"
        #expect(await call(token["ta"]!, "POST", objectivePath + "/transitions", #"{"to": "agreed"}"#,
                           version: 1).status == 200)

        // 001: the review meeting by the end of January after the December year end.
        now.set("2032-01-12")
        token = try await tokens(t, ["deputy", "ta"], &emails)
        let tasks = await call(token["deputy"]!, "GET", "/v1/me/tasks").items
        #expect(tasks.first { $0["kind"] as? String == "issue_statement" }?["due_date"] as? String == "2032-01-31")
        #expect(await call(token["deputy"]!, "PUT", objectivePath + "/assessment",
                           #"{"outcome": "partly_met", "reasons": "Two of three groups moved on"}"#).status == 200)
        let drafted = await call(token["deputy"]!, "POST", appraisal + "/statements",
                                 #"{"objectives_assessment": "Partly met."}"#)
        let statement = "/v1/statements/\(drafted.json["id"] as? String ?? "-")"
        let early = await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        #expect(rules(early) == ["required_section", "required_section"], "\(early.text)")
        let actions = #"{"development_needs": "Phonics training", "recommended_action": "Shadow the lead"}"#
        #expect(await call(token["deputy"]!, "PATCH", statement, actions, version: 1).status == 200)
        #expect(await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#,
                           version: 2).status == 200)
        let declined = await call(token["ta"]!, "POST", statement + "/transitions",
                                  #"{"to": "declined", "comment": "The third group started late."}"#, version: 3)
        #expect(declined.json["state"] as? String == "locked", "\(declined.text)")
        #expect(declined.json["reviewee_response"] as? String == "declined")
        #expect(await call(token["deputy"]!, "PATCH", statement, actions, version: 4).status == 409)
    }

    /// 002: September to August; a professional development objective (§2.2.3); at least one
    /// formal interim review (§2.2.5); the final report on objectives, standards, development
    /// needs and the action recommended (§2.2.7), signed; its new-cycle objectives proposed in
    /// the next appraisal.
    @Test func aTeachersYearUnder002EndsSigned() async throws {
        now.set("2032-09-06")
        let t = try await makeTrust(preset: "002-lt2-trust")
        let (appraisals, _) = try await open(t, year: 2032)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "teacher"], &emails)
        let objective = await call(token["deputy"]!, "POST", appraisal + "/objectives", """
            {"title": "Retrieval practice", "description": "Weekly quizzes in Year 8",
             "success_criteria": "Recall up a grade by the summer", "kind": "professional_development",
             "due_date": "2033-07-01"}
            """)
        #expect(objective.status == 201, "\(objective.text)")
        let objectivePath = "/v1/objectives/\(objective.json["id"] as? String ?? "-")"
        let agreed = await call(token["teacher"]!, "POST", objectivePath + "/transitions", #"{"to": "agreed"}"#,
                                version: 1)
        #expect(agreed.json["state"] as? String == "agreed", "\(agreed.text)")

        now.set("2033-07-05")
        token = try await tokens(t, ["deputy", "teacher"], &emails)
        let next = #", "next_cycle_objectives": [{"title": "Lead KS3 retrieval", "description": "Plan it", "#
            + #""success_criteria": "Used in every KS3 class", "kind": "leadership"}], "#
            + #""next_cycle_monitoring": "Termly with the deputy"}"#
        let full = #"{"objectives_assessment": "Met.", "standards_assessment": "Meets the standards.", "#
            + #""development_needs": "Middle leadership", "recommended_action": "NPQML""# + next
        let drafted = await call(token["deputy"]!, "POST", appraisal + "/statements", full)
        let statement = "/v1/statements/\(drafted.json["id"] as? String ?? "-")"
        // §2.2.5: not without the formal interim review.
        let early = await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        #expect(rules(early) == ["interim_reviews_missing"], "\(early.text)")
        let interim = await call(token["deputy"]!, "POST", appraisal + "/interim-reviews",
                                 #"{"held_on": "2033-02-08", "progress": [], "support_needed": "Release time"}"#)
        #expect(interim.status == 201, "\(interim.text)")
        let issued = await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        #expect(issued.json["interim_reviews_held"] as? Int == 1, "\(issued.text)")
        let signed = await call(token["teacher"]!, "POST", statement + "/transitions", #"{"to": "signed"}"#, version: 2)
        #expect(signed.json["state"] as? String == "locked" && signed.json["reviewee_response"] as? String == "signed")
        let printed = await api.send("GET", statement, headers: [("Authorization", "Bearer \(token["teacher"]!)"),
                                                                 ("Accept", "application/pdf")], authorised: false)
        #expect(printed.status == 200 && printed.body.prefix(5) == Data("%PDF-".utf8))
        #expect(try PDFTools.text(of: printed.body).contains("Proposed objective 1: Lead KS3 retrieval"))

        // The new-cycle statement (003 §5.3.3, second list; 000 §5.1, any objectives policy):
        // when the next cycle opens its objectives arrive as proposals, for both sides to agree.
        let (following, _) = try await open(t, year: 2033)
        let nextAppraisal = "/v1/appraisals/\(following["teacher"]!["id"] as! String)"
        let proposals = await call(token["teacher"]!, "GET", nextAppraisal + "/objectives").items
        #expect(proposals.map { $0["title"] as? String } == ["Lead KS3 retrieval"], "\(proposals)")
        #expect(proposals.first?["state"] as? String == "proposed")
        #expect(proposals.first?["proposed_by"] as? String == t.people["deputy"]!.uuidString.lowercased())
        let carried = await api.send("GET", "/v1/audit-events?action=carry_forward_objectives&limit=5", trust: t.id)
        #expect(carried.items.count == 1 && !carried.text.contains("Lead KS3"), "\(carried.text)")
    }
}
