import Foundation
import Testing
import TestSupport

/// Issue 5 acceptance under 001 (associate staff): at most three objectives, reasons when one
/// is not met, work observation with notice and feedback within 48 hours, the annual review
/// with two weeks' notice and its record within two weeks — flagged when late, listed as tasks.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct AssociateStaffYearTests: PresetScenario {
    let api = TestAPI()

    @Test func aTeachingAssistantsYearUnder001() async throws {
        let t = try await makeTrust(preset: "001-associate-staff")
        // 001 runs January – December: the 2026 cycle is under way on the day the tests run.
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)"
        let deputy = try await login(t, "deputy"), ta = try await login(t, "ta"), head = try await login(t, "head")

        // 001 "Setting Objectives": no more than three; the fourth is refused and nothing is written.
        var objectives: [String] = []
        for index in 1...3 {
            let created = await call(deputy, "POST", appraisal + "/objectives", ObjectiveYearTests.objective("Objective \(index)", kind: "role"))
            #expect(created.status == 201, "\(created.text)")
            objectives.append("/v1/objectives/\(created.json["id"] as? String ?? "-")")
        }
        let fourth = await call(ta, "POST", appraisal + "/objectives", ObjectiveYearTests.objective("Fourth", kind: "role"))
        #expect(fourth.status == 422 && rules(fourth) == ["max_count"])
        #expect(await call(ta, "GET", appraisal + "/objectives").items.count == 3)
        // Disagreement is settled by the head (001), not the reviewer.
        #expect(await call(ta, "POST", objectives[2] + "/transitions", #"{"to": "disputed"}"#, version: 1).status == 200)
        #expect(rules(await call(deputy, "POST", objectives[2] + "/transitions", #"{"to": "determined"}"#, version: 2)) == ["decided_by"])
        #expect(await call(head, "POST", objectives[2] + "/transitions", #"{"to": "determined"}"#, version: 2).json["state"] as? String == "determined")
        // Not met needs the reasons (001).
        #expect(await call(ta, "POST", objectives[0] + "/transitions", #"{"to": "agreed"}"#, version: 1).json["state"] as? String == "agreed")
        let bare = await call(deputy, "PUT", objectives[0] + "/assessment", #"{"outcome": "not_met"}"#)
        #expect(bare.status == 422 && bare.errorFields == ["reasons"])
        #expect(await call(deputy, "PUT", objectives[0] + "/assessment", #"{"outcome": "not_met", "reasons": "Long absence"}"#).status == 200)

        // Work observation: discussed in advance (001), so notice is required.
        let work = #"{"kind": "work", "observer_id": "\#(t.people["deputy"]!)", "observed_at": "2026-11-13T10:00:00Z", "duration_minutes": 45, "focus": "Phonics group"%@}"#
        let noNotice = await call(deputy, "POST", appraisal + "/observations", work.replacingOccurrences(of: "%@", with: ""))
        #expect(noNotice.status == 422 && noNotice.errorFields == ["notice_given_on"])
        let observed = await call(deputy, "POST", appraisal + "/observations", work.replacingOccurrences(of: "%@", with: #", "notice_given_on": "2026-11-06""#))
        #expect(observed.status == 201, "\(observed.text)")
        // Friday 10:00 + 48 working hours: Tuesday 10:00, not Sunday.
        let owed = (observed.json["feedback"] as? [[String: Any]])?.first
        #expect(owed?["kind"] as? String == "feedback")
        #expect((owed?["due_at"] as? String)?.hasPrefix("2026-11-17T10:00:00") == true, "\(String(describing: owed))")
        #expect(owed?["overdue"] as? Bool == true)
        // Only one formal work observation a cycle.
        let second = await call(deputy, "POST", appraisal + "/observations",
                                work.replacingOccurrences(of: "%@", with: #", "notice_given_on": "2026-11-06""#))
        #expect(second.status == 422 && rules(second) == ["max_formal_work_observations"])
        // The observer's task list shows the feedback overdue; recording it clears it.
        let observation = "/v1/observations/\(observed.json["id"] as? String ?? "-")"
        #expect(await call(deputy, "GET", "/v1/me/tasks").items.contains {
            $0["kind"] as? String == "give_feedback" && $0["resource"] as? String == observation && $0["overdue"] as? Bool == true
        })
        let given = await call(deputy, "POST", observation + "/feedback", #"{"kind": "feedback", "given_at": "2026-11-16T15:00:00Z"}"#)
        let recorded = (given.json["feedback"] as? [[String: Any]])?.first
        #expect(recorded?["overdue"] as? Bool == false && recorded?["late"] as? Bool == false, "\(given.text)")
        #expect(rules(await call(deputy, "POST", observation + "/feedback", #"{"kind": "verbal", "given_at": "2026-11-16T15:00:00Z"}"#))
            == ["not_owed"])

        // The annual review: two weeks' notice (001).
        let short = await call(ta, "POST", appraisal + "/meetings", #"{"kind": "annual", "held_on": "2026-10-22", "notice_given_on": "2026-10-12"}"#)
        #expect(short.status == 422 && rules(short) == ["notice"])
        let meeting = await call(ta, "POST", appraisal + "/meetings", #"{"kind": "annual", "held_on": "2026-10-22", "notice_given_on": "2026-10-08"}"#)
        #expect(meeting.status == 201, "\(meeting.text)")
        // Its record is due two weeks later: 5 November is this school's closure day, so the 6th.
        #expect(meeting.json["record_due"] as? String == "2026-11-06")
        #expect(meeting.json["record_overdue"] as? Bool == true)
        let path = "/v1/meetings/\(meeting.json["id"] as? String ?? "-")"
        #expect(await call(deputy, "GET", "/v1/me/tasks").items.contains { $0["kind"] as? String == "write_meeting_record" && $0["resource"] as? String == path })
        let written = await call(deputy, "PUT", path + "/record", #"{"record": "Targets reviewed; training agreed."}"#)
        #expect(written.json["record_overdue"] as? Bool == false && written.json["record_written_at"] is String, "\(written.text)")
        #expect(!(await call(deputy, "GET", "/v1/me/tasks").items.contains { $0["resource"] as? String == path }))
        // Arranged by the two sides only.
        #expect(await call(head, "POST", appraisal + "/meetings", #"{"kind": "termly", "held_on": "2026-12-01"}"#).status == 403)
    }
}
