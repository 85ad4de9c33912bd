import Foundation
import Testing
import TestSupport

/// Issue 13 §2 under 004: a year that closes with its conversations, not a statement — the
/// head's led by the CEO (004 §6.2), the outcome "meeting the standards" (§6.3), and the head's
/// professional-development commitments shared with the local governing body without the
/// wellbeing part (§6.2). A 2030/31 cycle: no other scenario's year.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ConversationCloseTests: PresetScenario {
    let now = TestClock("2030-09-02")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    @Test func theHeadsYearClosesAndTheGoverningBodySeesTheCommitmentsOnly() async throws {
        let t = try await makeTrust(preset: "004-aspire-mat")
        let (appraisals, _) = try await open(t, year: 2030)
        // 004 §5.1: the LGB appraises the head, in consultation with the CEO.
        let panel = await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"], consulted: "ceo")
        #expect(panel.0 == 201)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let head = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        let teacher = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        let secret = "WELLBEING-\(UUID().uuidString)"

        now.set("2030-12-10")
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["ceo", "gov3", "teacher", "deputy", "head"], &emails)
        let autumn = await call(token["ceo"]!, "POST", head + "/conversations", """
            {"kind": "autumn", "held_on": "2030-12-10", "growth_areas": ["Curriculum leadership"],
             "cpd_activities": ["NPQEH module 2"], "wellbeing_consent": true, "wellbeing_notes": "\(secret)"}
            """)
        #expect(autumn.status == 201, "\(autumn.text)")
        // Half way: the governing body sees what the head committed to, nothing else; the year is open.
        let early = await call(token["gov3"]!, "GET", head + "/conversation-year")
        #expect(early.status == 200 && early.json["view"] as? String == "commitments", "\(early.text)")
        #expect(early.json["growth_areas"] as? [String] == ["Curriculum leadership"])
        #expect(early.json["held"] == nil && early.json["outcome"] == nil && !early.text.contains(secret))
        #expect(await call(token["teacher"]!, "GET", head + "/conversation-year").status == 404)

        now.set("2031-06-10")
        token = try await tokens(t, ["ceo", "gov3", "teacher", "deputy", "head"], &emails)
        let midYear = await call(token["ceo"]!, "POST", head + "/conversations", """
            {"kind": "mid_year", "held_on": "2031-06-10", "cpd_activities": ["Coaching for new heads"]}
            """)
        #expect(midYear.status == 201, "\(midYear.text)")
        // Both held: closed, meeting the standards (§6.3) — no assessment, no pay recommendation.
        let closed = await call(token["ceo"]!, "GET", head + "/conversation-year")
        #expect(closed.json["view"] as? String == "full" && closed.json["closed"] as? Bool == true, "\(closed.text)")
        #expect(closed.json["outcome"] as? String == "meeting_standards")
        #expect(closed.json["required"] as? [String] == ["autumn", "mid_year"])
        #expect(closed.json["cpd_commitments"] as? [String] == ["NPQEH module 2", "Coaching for new heads"])
        let governors = await call(token["gov3"]!, "GET", head + "/conversation-year")
        #expect(governors.json["closed"] as? Bool == true && governors.json["outcome"] == nil)
        #expect(!governors.text.contains(secret))
        // Only a head's commitments go to the governors: a teacher's stay with the record's readers.
        #expect(await call(token["deputy"]!, "POST", teacher + "/conversations",
                           #"{"kind": "autumn", "held_on": "2030-10-08"}"#).status == 201)
        let teachers = await call(token["deputy"]!, "GET", teacher + "/conversation-year")
        #expect(teachers.json["closed"] as? Bool == false && teachers.json["outcome"] == nil, "\(teachers.text)")
        #expect(await call(token["gov3"]!, "GET", teacher + "/conversation-year").status == 404)

        // The cycle's progress counts the head's year as held, the teacher's as still due.
        let cycle = appraisals["head"]!["cycle_id"] as! String
        let progress = await api.send("GET", "/v1/cycles/\(cycle)/progress", trust: t.id)
        let steps = (progress.json["totals"] as? [String: Any])?["steps"] as? [String: Int]
        #expect(steps?["conversations_held"] == 1, "\(progress.text)")
        #expect(!(await api.send("GET", "/v1/audit-events?limit=200", trust: t.id)).text.contains(secret))
        let audit = await api.send("GET", "/v1/audit-events?resource_type=head_commitments&limit=10", trust: t.id)
        #expect(audit.items.count == 2)
    }
}
