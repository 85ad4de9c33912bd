import Foundation
import Testing
import TestSupport

/// Issue 10 items 7, 9, 10 and 16: what the tasks ask, the caller can do; who determines under
/// 001; the reason for a revision is kept.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct RecordRuleTests: PresetScenario {
    let api = TestAPI()

    static func objective(_ title: String, due: String) -> String {
        """
        {"title": "\(title)", "description": "Reconcile the month's orders",
         "success_criteria": "No unmatched invoices",
         "kind": "role", "due_date": "\(due)"}
        """
    }

    /// Item 9: a peer observer named on an observation opens it and records the feedback their
    /// task asks for — and reads nothing else of the record.
    @Test func peerObserverGivesTheFeedbackTheyOwe() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        try await employ(&t, "peer", unit: t.school, group: "teacher", title: "Teacher", manager: "deputy",
                         extra: #", "qts": true"#)
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let deputy = try await login(t, "deputy"), peer = try await login(t, "peer")
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"]!)"
        let created = await call(deputy, "POST", appraisal + "/observations", """
            {"kind": "formal_lesson", "observer_id": "\(t.people["peer"]!)", "observed_at": "2026-11-24T11:00:00Z",
             "duration_minutes": 50, "focus": "Peer triad: questioning"}
            """)
        #expect(created.status == 201, "\(created.text)")
        let observation = "/v1/observations/\(created.json["id"] as? String ?? "-")"
        let tasks = await call(peer, "GET", "/v1/me/tasks").items.filter { $0["kind"] as? String == "give_feedback" }
        #expect(tasks.map { $0["resource"] as? String } == [observation, observation])
        #expect(await call(peer, "GET", observation).status == 200)
        let verbal = #"{"kind": "verbal", "given_at": "2026-11-25T15:00:00Z"}"#
        let given = await call(peer, "POST", observation + "/feedback", verbal)
        #expect(given.status == 200, "\(given.text)")
        // The rest of the record stays closed to them.
        #expect(await call(peer, "GET", appraisal).status == 404)
        #expect(await call(peer, "GET", appraisal + "/objectives").status == 404)
    }

    /// Items 7 and 10 under 001: a disputed objective is the head's to determine for school
    /// staff and the operations director's for central staff — their task, not the reviewer's,
    /// and neither crosses over.
    @Test func associateStaffDeterminersGetTheTask() async throws {
        let t = try await makeTrust(preset: "001-associate-staff")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ops"]).0 == 201)
        let deputy = try await login(t, "deputy"), ta = try await login(t, "ta"), head = try await login(t, "head")
        let ops = try await login(t, "ops"), finance = try await login(t, "finance")
        func dispute(_ reviewer: String, _ reviewee: String, _ appraisal: String) async -> String {
            let created = await call(reviewer, "POST", "/v1/appraisals/\(appraisal)/objectives",
                                     Self.objective("Orders", due: "2026-12-18"))
            let path = "/v1/objectives/\(created.json["id"] as? String ?? "-")"
            let disputed = await call(reviewee, "POST", path + "/transitions", #"{"to": "disputed"}"#, version: 1)
            #expect(disputed.status == 200)
            return path
        }
        let schoolObjective = await dispute(deputy, ta, appraisals["ta"]!["id"] as! String)
        let centralObjective = await dispute(ops, finance, appraisals["finance"]!["id"] as! String)
        func determineTasks(_ token: String) async -> [String] {
            await call(token, "GET", "/v1/me/tasks").items.filter { $0["kind"] as? String == "determine_objective" }
                .compactMap { $0["resource"] as? String }
        }
        #expect(await determineTasks(head) == [schoolObjective])
        #expect(await determineTasks(deputy) == [])
        #expect(await determineTasks(ops) == [centralObjective])
        // The operations director determines for central staff; the school's staff's record is
        // not theirs to read (001 "Confidentiality"), so it does not exist for them.
        func determine(_ token: String, _ objective: String) async -> Int {
            await call(token, "POST", objective + "/transitions", #"{"to": "determined"}"#, version: 2).status
        }
        #expect(await determine(ops, schoolObjective) == 404)
        #expect(await determine(head, centralObjective) != 200)
        #expect(await determine(ops, centralObjective) == 200)
        #expect(await determine(head, schoolObjective) == 200)
    }

    /// Item 16: the reason for an in-year revision is kept in the objective's history.
    @Test func revisionReasonIsKept() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let deputy = try await login(t, "deputy"), ta = try await login(t, "ta")
        let created = await call(deputy, "POST", "/v1/appraisals/\(appraisals["ta"]!["id"]!)/objectives",
                                 Self.objective("Library stock", due: "2027-06-30"))
        let path = "/v1/objectives/\(created.json["id"] as? String ?? "-")"
        #expect(await call(ta, "POST", path + "/transitions", #"{"to": "agreed"}"#, version: 1).status == 200)
        let revision = #"{"title": "Library and loans", "revision_reason": "Loans moved to the TA"}"#
        let revised = await call(deputy, "PATCH", path, revision,
                                 version: 2)
        #expect(revised.status == 200, "\(revised.text)")
        let history = await call(ta, "GET", path + "/history").items
        #expect(history.last?["action"] as? String == "revised")
        #expect(history.last?["comment"] as? String == "Loans moved to the TA")
    }
}
