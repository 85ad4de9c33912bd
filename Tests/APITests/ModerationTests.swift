import Foundation
import Testing
import TestSupport

/// Issue 13 §3 over HTTP: a head moderates their school's statements (003 §5.4.1) — a round
/// drawn from the cycle, an item returned to its reviewer with a comment, revised as a new
/// version and agreed, the outcome counted by reviewer; a trust-wide round drawing a share of
/// each reviewer's statements fairly. A 2027/28 cycle under 003, moderated in October 2028.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ModerationTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    @Test func aHeadReturnsAStatementAndCountsTheRevisionInTheOutcome() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        try await employ(&t, "senior", unit: t.school, group: "leadership", title: "Assistant Head", manager: "head",
                         extra: #", "qts": true"#)
        try await employ(&t, "chemist", unit: t.school, group: "teacher", title: "Teacher", manager: "senior",
                         extra: #", "qts": true"#)
        let (appraisals, _) = try await open(t, year: 2027)
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        for (reviewee, reviewer) in [("teacher", "deputy"), ("ta", "deputy"), ("chemist", "senior")] {
            #expect(await appoint(t, appraisals[reviewee], by: "head", reviewers: [reviewer]).0 == 201)
        }
        now.set("2028-10-02")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["head", "deputy", "senior", "teacher", "ta"], &emails)
        var statements: [String: String] = [:]
        for (reviewee, reviewer) in [("teacher", "deputy"), ("ta", "deputy"), ("chemist", "senior")] {
            let drafted = await call(token[reviewer]!, "POST",
                                     "/v1/appraisals/\(appraisals[reviewee]!["id"] as! String)/statements",
                                     #"{"objectives_assessment": "Draft for \#(reviewee)"}"#)
            #expect(drafted.status == 201, "\(drafted.text)")
            statements[reviewee] = "/v1/statements/\(drafted.json["id"] as? String ?? "-")"
        }

        // 003 §5.4.1: the head moderates their school; a teacher may not open a round.
        let body = #"{"cycle_id": "\#(cycle)", "unit_id": "\#(t.school)", "subject": "statements", "#
            + #""moderators": ["\#(t.people["head"]!)"]}"#
        #expect(await call(token["teacher"]!, "POST", "/v1/moderation-rounds", body).status == 403)
        let unknown = await call(token["head"]!, "POST", "/v1/moderation-rounds",
                                 body.replacingOccurrences(of: cycle, with: UUID().uuidString))
        #expect(unknown.status == 422 && unknown.errorFields == ["cycle_id"], "\(unknown.text)")
        let opened = await call(token["head"]!, "POST", "/v1/moderation-rounds", body)
        #expect(opened.status == 201 && opened.json["items"] as? Int == 3, "\(opened.text)")
        let round = "/v1/moderation-rounds/\(opened.json["id"] as? String ?? "-")"
        let items = await call(token["head"]!, "GET", round).json["items"] as? [[String: Any]] ?? []
        func item(of reviewee: String) -> String {
            let appraisal = appraisals[reviewee]!["id"] as! String
            let found = items.first { $0["appraisal_id"] as? String == appraisal }
            return "/v1/moderation-items/\(found?["id"] as? String ?? "-")"
        }

        // The moderator reads the statement; its reviewer sees the item, not through it; its
        // reviewee is not shown it exists.
        let read = await call(token["head"]!, "GET", item(of: "teacher"))
        #expect((read.json["statement"] as? [String: Any])?["objectives_assessment"] as? String == "Draft for teacher")
        let reviewers = await call(token["deputy"]!, "GET", item(of: "teacher"))
        #expect(reviewers.status == 200 && reviewers.json["statement"] == nil, "\(reviewers.text)")
        #expect(await call(token["teacher"]!, "GET", item(of: "teacher")).status == 404)

        // Returned with a comment (required); only a moderator decides.
        let move = "/transitions"
        #expect(await call(token["deputy"]!, "POST", item(of: "ta") + move, #"{"to": "agreed"}"#).status == 403)
        let bare = await call(token["head"]!, "POST", item(of: "teacher") + move, #"{"to": "returned"}"#)
        #expect(bare.status == 422 && bare.errorFields == ["comment"])
        let comment = #"{"to": "returned", "comment": "Name the evidence for objective 2."}"#
        func tasks(_ who: String, _ kind: String) async -> [String] {
            await call(token[who]!, "GET", "/v1/me/tasks").items.filter { $0["kind"] as? String == kind }
                .compactMap { $0["resource"] as? String }
        }
        #expect(await tasks("head", "moderate_item").count == 3)
        let returned = await call(token["head"]!, "POST", item(of: "teacher") + move, comment)
        #expect(returned.json["state"] as? String == "returned", "\(returned.text)")
        // The reviewer is told: the item is on their list until resubmitted.
        #expect(await tasks("deputy", "revise_for_moderation") == [item(of: "teacher")])
        #expect(await tasks("head", "moderate_item").count == 2)
        // Resubmitted only once revised: the revision is a new version of the draft.
        let unrevised = await call(token["deputy"]!, "POST", item(of: "teacher") + move, #"{"to": "resubmitted"}"#)
        #expect(unrevised.status == 422 && rules(unrevised) == ["unrevised"], "\(unrevised.text)")
        let revised = await call(token["deputy"]!, "PATCH", statements["teacher"]!,
                                 #"{"objectives_assessment": "Met: see the three observations."}"#, version: 1)
        #expect(revised.json["version"] as? Int == 2)
        let back = await call(token["deputy"]!, "POST", item(of: "teacher") + move, #"{"to": "resubmitted"}"#)
        #expect(back.json["state"] as? String == "pending" && back.json["revision"] as? Int == 1, "\(back.text)")
        for name in ["teacher", "ta"] {
            #expect(await call(token["head"]!, "POST", item(of: name) + move, #"{"to": "agreed"}"#).status == 200)
        }
        let chemist = #"{"to": "returned", "comment": "Too brief."}"#
        #expect(await call(token["head"]!, "POST", item(of: "chemist") + move, chemist).status == 200)

        // The outcome by reviewer: the deputy's two agreed, one after a revision; the senior
        // leader's one returned.
        let closed = await call(token["head"]!, "POST", round + "/close")
        #expect(closed.json["state"] as? String == "closed", "\(closed.text)")
        let outcome = closed.json["outcome"] as? [String: Any]
        let totals = outcome?["totals"] as? [String: Any]
        #expect(totals?["items"] as? Int == 3 && totals?["agreed"] as? Int == 2 && totals?["returned"] as? Int == 1)
        #expect(totals?["revised"] as? Int == 1 && totals?["returns"] as? Int == 2)
        let byReviewer = outcome?["by_reviewer"] as? [[String: Any]] ?? []
        let deputy = byReviewer.first { $0["reviewer_id"] as? String == t.people["deputy"]!.uuidString.lowercased() }
        #expect(deputy?["items"] as? Int == 2 && deputy?["agreed"] as? Int == 2 && deputy?["returns"] as? Int == 1)
        #expect(await call(token["head"]!, "POST", item(of: "ta") + move, #"{"to": "returned", "comment": "x"}"#)
            .status == 409)
        let audit = await api.send("GET", "/v1/audit-events?limit=200", trust: t.id)
        #expect(!audit.text.contains("Name the evidence") && !audit.text.contains("Too brief"))
        #expect(audit.text.contains("return_moderation_item") && audit.text.contains("close_moderation_round"))

        // Trust-wide, half of each reviewer's statements (rounded up): one of the deputy's two,
        // the senior leader's one.
        let half = #"{"cycle_id": "\#(cycle)", "subject": "statements", "sample_percent": 50, "#
            + #""moderators": ["\#(t.people["ops"]!)"]}"#
        let sampled = await api.send("POST", "/v1/moderation-rounds", json: half, trust: t.id)
        #expect(sampled.status == 201 && sampled.json["items"] as? Int == 2, "\(sampled.text)")
        let drawn = await api.send("GET", "/v1/moderation-rounds/\(sampled.json["id"] as? String ?? "-")", trust: t.id)
        let drawnReviewers = (drawn.json["items"] as? [[String: Any]] ?? []).compactMap { $0["reviewer_id"] as? String }
        #expect(Set(drawnReviewers).count == 2)
        // The head does not manage a trust-wide round, nor see it.
        #expect(await call(token["head"]!, "GET", "/v1/moderation-rounds?cycle_id=\(cycle)").items.count == 1)
    }
}
