import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 5 acceptance under 004 (Aspire): a conversation year — no objectives, an autumn and
/// a mid-year conversation — and wellbeing notes that only the employee and the lead ever see,
/// kept only with consent. Observation rules of 004 §7 on the same appraisal.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ConversationYearTests: PresetScenario {
    let api = TestAPI()

    func storedWellbeingNotes(_ trust: UUID) async throws -> Int {
        try await TestDatabase.ownerPool.read(trustID: trust, "SELECT count(*) AS n FROM wellbeing_notes") { try $0.decode(Int.self, "n") }.first ?? -1
    }

    @Test func anAspireConversationYearKeepsWellbeingPrivate() async throws {
        var t = try await makeTrust(preset: "004-aspire-mat")
        t.people["hr"] = try await person(t.id, "hr")
        try await grant(t.id, t.people["hr"]!, "hr")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        var token: [String: String] = [:]
        for name in ["teacher", "deputy", "head", "hr", "ceo", "ta"] { token[name] = try await login(t, name) }
        let secret = "WELLBEING-\(UUID().uuidString)"

        // 004 §6.1: conversations, not objectives.
        let objective = await call(token["deputy"]!, "POST", appraisal + "/objectives", ObjectiveYearTests.objective("No"))
        #expect(objective.status == 422 && rules(objective) == ["model"])

        // 004 §6.4a: without consent the notes are refused and nothing at all is stored.
        let autumn = #"{"kind": "autumn", "held_on": "2026-10-14", "growth_areas": ["Adaptive teaching"], "cpd_activities": ["Subject network"]%@}"#
        let noConsent = await call(token["deputy"]!, "POST", appraisal + "/conversations",
                                   autumn.replacingOccurrences(of: "%@", with: #", "wellbeing_notes": "\#(secret)""#))
        #expect(noConsent.status == 422 && noConsent.errorFields == ["wellbeing_notes"] && !noConsent.text.contains(secret))
        #expect(await call(token["deputy"]!, "GET", appraisal + "/conversations").items.isEmpty)
        #expect(try await storedWellbeingNotes(t.id) == 0)

        let held = await call(token["deputy"]!, "POST", appraisal + "/conversations",
                              autumn.replacingOccurrences(of: "%@", with: #", "wellbeing_consent": true, "wellbeing_notes": "\#(secret)""#))
        #expect(held.status == 201, "\(held.text)")
        #expect(held.json["wellbeing_consent"] as? Bool == true && held.json["wellbeing_notes"] == nil && !held.text.contains(secret))
        #expect(try await storedWellbeingNotes(t.id) == 1)
        let conversation = "/v1/conversations/\(held.json["id"] as? String ?? "-")"
        // One autumn conversation; the mid-year one is separate.
        #expect(rules(await call(token["deputy"]!, "POST", appraisal + "/conversations", autumn.replacingOccurrences(of: "%@", with: ""))) == ["unique"])
        #expect(await call(token["deputy"]!, "POST", appraisal + "/conversations", #"{"kind": "mid_year", "held_on": "2026-11-20"}"#).status == 201)

        // The employee and the lead read the notes.
        #expect(await call(token["teacher"]!, "GET", conversation + "/wellbeing").json["notes"] as? String == secret)
        #expect(await call(token["deputy"]!, "GET", conversation + "/wellbeing").json["notes"] as? String == secret)
        // The head, HR, the CEO, the platform administrator: as if there were nothing there.
        for name in ["head", "hr", "ceo", "ta"] {
            let refused = await call(token[name]!, "GET", conversation + "/wellbeing")
            #expect(refused.status == 404 && !refused.text.contains(secret), "\(name)")
        }
        let admin = await api.send("GET", conversation + "/wellbeing", trust: t.id)
        #expect(admin.status == 404 && !admin.text.contains(secret))
        // Every other read — the conversation, lists, the appraisal, tasks — never carries them.
        // (HR and the CEO see the appraisal's status only: 004 shares the record with the head.)
        for (name, path) in [("head", conversation), ("head", appraisal + "/conversations"), ("ceo", appraisal),
                             ("teacher", conversation),
                             ("deputy", "/v1/me/tasks"), ("teacher", "/v1/me/tasks")] {
            let read = await call(token[name]!, "GET", path)
            #expect(read.status == 200 && !read.text.contains(secret), "\(name) \(path)")
        }
        // Nor does the audit log, read by HR or the administrator, page by page.
        var cursor: String? = nil
        repeat {
            let page = await api.send("GET", "/v1/audit-events?limit=200" + (cursor.map { "&cursor=\($0)" } ?? ""), trust: t.id)
            #expect(page.status == 200 && !page.text.contains(secret))
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        #expect(!(await call(token["hr"]!, "GET", "/v1/audit-events?limit=200")).text.contains(secret))

        // Withdrawing consent deletes the notes.
        let withdrawn = await call(token["teacher"]!, "PUT", conversation + "/wellbeing", #"{"consent": false}"#)
        #expect(withdrawn.json["consent"] as? Bool == false && withdrawn.json["notes"] == nil, "\(withdrawn.text)")
        #expect(try await storedWellbeingNotes(t.id) == 0)
        #expect(rules(await call(token["teacher"]!, "PUT", conversation + "/wellbeing", #"{"consent": false, "notes": "x"}"#)) == ["consent"])
    }

    @Test func observationRulesOf004() async throws {
        let t = try await makeTrust(preset: "004-aspire-mat")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let path = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)/observations"
        let deputy = try await login(t, "deputy")
        func observe(_ kind: String, by observer: String, minutes: Int, extra: String = "") async -> TestResponse {
            await call(deputy, "POST", path, """
                {"kind": "\(kind)", "observer_id": "\(t.people[observer]!)", "observed_at": "2026-11-10T09:00:00Z",
                 "duration_minutes": \(minutes), "focus": "Questioning"\(extra)}
                """)
        }
        // 004 §7.3: classroom observation of a teacher by someone with QTS.
        let unqualified = await observe("formal_lesson", by: "ta", minutes: 60)
        #expect(unqualified.status == 422 && rules(unqualified) == ["qts"])
        #expect(await observe("formal_lesson", by: "deputy", minutes: 120).status == 201)
        // 004 §7.2: three hours a year, enforced when scheduling.
        let over = await observe("drop_in", by: "deputy", minutes: 90)
        #expect(over.status == 422 && rules(over) == ["max_hours_per_year"])
        // 004 §7.4: a learning walk is not performance management unless concerns arise.
        let walk = await observe("learning_walk", by: "deputy", minutes: 60)
        #expect(walk.json["for_performance_management"] as? Bool == false, "\(walk.text)")
        #expect(await observe("drop_in", by: "deputy", minutes: 60).status == 201) // 180 minutes: at the cap
        let concerned = await observe("learning_walk", by: "deputy", minutes: 30, extra: #", "concerns_raised": true"#)
        #expect(concerned.status == 422 && rules(concerned) == ["max_hours_per_year"])
    }
}
