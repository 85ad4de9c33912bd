import Foundation
import Testing
import TestSupport

/// Issue 16 §5: each person's iCalendar feed of their deadlines, meetings and observations —
/// theirs alone, no appraisal text, revocable.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct CalendarFeedTests: PresetScenario {
    let now = TestClock("2045-09-10")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    func feed(_ path: String) async -> TestResponse {
        await api.send("GET", path, authorised: false)
    }

    @Test func aPersonsFeedListsTheirYearAndNothingElse() async throws {
        let (t, _, appraisal) = try await reviewed("000-alpha-trust", year: 2045, "teacher")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["teacher", "deputy", "ta"], &emails)
        let meeting = await call(token["deputy"]!, "POST", appraisal + "/meetings",
                                 #"{"kind": "planning", "held_on": "2045-10-02"}"#)
        #expect(meeting.status == 201, "\(meeting.text)")
        let observation = await call(token["deputy"]!, "POST", appraisal + "/observations", """
            {"kind": "drop_in", "observer_id": "\(t.people["deputy"]!)", "observed_at": "2045-11-10T09:00:00Z",
             "duration_minutes": 30, "focus": "Questioning; a secret focus, in Year 9"}
            """)
        #expect(observation.status == 201, "\(observation.text)")

        let made = await call(token["teacher"]!, "POST", "/v1/me/calendar-feed")
        #expect(made.status == 201, "\(made.text)")
        let path = try #require(made.json["path"] as? String)
        let own = await feed(path)
        #expect(own.status == 200)
        #expect(own.headers["Content-Type"]?.hasPrefix("text/calendar") == true)
        let text = own.text
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(text.contains("SUMMARY:Appraisal meeting: Planning\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20451002\r\n"))
        #expect(text.contains("SUMMARY:Observation: Drop in\r\n"))
        #expect(text.contains("DTSTART:20451110T090000Z\r\nDURATION:PT30M\r\n"))
        #expect(text.contains("SUMMARY:Appraisal deadline: "))
        #expect(!text.contains("secret") && !text.contains("Questioning"), "no appraisal text")

        // The reviewer's feed names whose appraisal each entry is; an unrelated colleague's
        // lists none of it.
        let reviewer = await call(token["deputy"]!, "POST", "/v1/me/calendar-feed")
        let reviewing = await feed(reviewer.json["path"] as? String ?? "-")
        #expect(reviewing.text.contains("SUMMARY:Appraisal meeting: Planning (teacher X)"))
        let colleague = await call(token["ta"]!, "POST", "/v1/me/calendar-feed")
        let unrelated = await feed(colleague.json["path"] as? String ?? "-")
        #expect(unrelated.status == 200 && !unrelated.text.contains("Planning"))

        // A new feed revokes the old URL; deleting revokes the new one.
        let again = await call(token["teacher"]!, "POST", "/v1/me/calendar-feed")
        #expect(await feed(path).status == 404)
        let second = try #require(again.json["path"] as? String)
        #expect(await feed(second).status == 200)
        #expect(await call(token["teacher"]!, "DELETE", "/v1/me/calendar-feed").status == 204)
        #expect(await feed(second).status == 404)
        #expect(await call(token["teacher"]!, "DELETE", "/v1/me/calendar-feed").status == 204) // idempotent
        #expect(await api.send("POST", "/v1/me/calendar-feed", trust: t.id).status == 403) // not a person
        #expect(await feed("/v1/calendar-feeds/not-a-token").status == 404)
    }
}
