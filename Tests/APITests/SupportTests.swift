import Domain
import Foundation
import Testing
import TestSupport

/// Issue 14 acceptance, first part: concerns and informal support plans under each preset, the
/// monitoring period computed on the default school calendar across a half term or Christmas,
/// in years no other test uses.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct SupportTests: PresetScenario {
    let now = TestClock("2029-10-01")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// 000 §8.1: 4–8 working weeks, counted on the teacher's term-time calendar (October half
    /// term adds a week); an extension of at most 4 working weeks, only for significant
    /// improvement or absence, and never without a reason. Who sees it (§9.2, issue 14 §5).
    @Test func a000PlanWithinWorkingWeeksAndAnExtensionWithinItsBound() async throws {
        let (t, _, appraisal) = try await reviewed("000-alpha-trust", year: 2029, "teacher")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "teacher", "head", "ta", "chairgov"], &emails)

        let raised = await concern(token["deputy"]!, appraisal, on: "2029-10-01")
        #expect(raised.status == 201, "\(raised.text)")
        #expect(raised.json["raised_as"] as? String == "reviewer")
        #expect(raised.json["notified"] as? [String] == ["headteacher"]) // 003 §6.3's reading; 000 "relevant manager"
        let path = "/v1/concerns/\(raised.json["id"] as? String ?? "-")"
        // Who sees it: the employee, the head; not a colleague, not a governor.
        #expect(await call(token["teacher"]!, "GET", path).status == 200)
        #expect(await call(token["head"]!, "GET", path).status == 200)
        #expect(await call(token["ta"]!, "GET", path).status == 404)
        #expect(await call(token["chairgov"]!, "GET", path).status == 404)
        #expect(await concern(token["teacher"]!, appraisal, on: "2029-10-01").status == 403)
        // Confirmed in writing; the employee comments; nobody else may.
        let confirmed = await call(token["deputy"]!, "PUT", path + "/confirmation",
                                   #"{"confirmed_in_writing_on": "2029-10-01", "received_on": "2029-10-01"}"#)
        #expect(confirmed.json["received_on"] as? String == "2029-10-01", "\(confirmed.text)")
        #expect(await call(token["head"]!, "PUT", path + "/comment", #"{"comment": "x"}"#).status == 403)
        #expect(await call(token["teacher"]!, "PUT", path + "/comment", #"{"comment": "I see it"}"#).status == 200)

        // Issue 14 §6: the head, told, has the concern to consider; the reviewer, its plan to set.
        let headTasks = await call(token["head"]!, "GET", "/v1/me/tasks").items.compactMap { $0["kind"] as? String }
        #expect(headTasks.contains("consider_concern"), "\(headTasks)")
        let reviewerTasks = await call(token["deputy"]!, "GET", "/v1/me/tasks").items
            .compactMap { $0["kind"] as? String }
        #expect(reviewerTasks.contains("set_support_plan") && !reviewerTasks.contains("consider_concern"))

        // 4 working weeks from Monday 8 October 2029, half term 29 October – 2 November: 12 November.
        let tooLong = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2029-10-08",
                                 extra: #", "ends_on": "2029-12-11""#)
        #expect(rules(tooLong) == ["support.monitoring_max"], "\(tooLong.text)")
        #expect((tooLong.json["errors"] as? [[String: Any]])?.first?["policy_ref"] != nil, "\(tooLong.text)")
        let made = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2029-10-08")
        #expect(made.status == 201, "\(made.text)")
        #expect(made.json["ends_on"] as? String == "2029-11-12")
        let planPath = "/v1/support-plans/\(made.json["id"] as? String ?? "-")"
        #expect(await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2029-10-08").status == 409)
        #expect(await call(token["ta"]!, "GET", planPath).status == 404)
        #expect(await call(token["teacher"]!, "GET", planPath).status == 200)

        // 000 lets nothing pause the period (001 and 003 do).
        let pause = await call(token["deputy"]!, "POST", planPath + "/pauses",
                               #"{"reason": "sickness", "from": "2029-10-01", "#
                                   + #""occupational_health_referral_on": "2029-10-01"}"#)
        #expect(rules(pause).contains("support.pause_reasons"), "\(pause.text)")

        // The extension: a reason the policy lists, within 4 working weeks of the current end.
        let noReason = await call(token["deputy"]!, "POST", planPath + "/extensions", #"{"ends_on": "2029-11-26"}"#)
        #expect(noReason.status == 422 && rules(noReason) == ["required"], "\(noReason.text)")
        let otherReason = await call(token["deputy"]!, "POST", planPath + "/extensions",
                                     #"{"ends_on": "2029-11-26", "reason": "more time"}"#)
        #expect(rules(otherReason) == ["support.extension_reasons"], "\(otherReason.text)")
        let beyond = await call(token["deputy"]!, "POST", planPath + "/extensions",
                                #"{"ends_on": "2029-12-11", "reason": "significant_absence"}"#)
        #expect(rules(beyond) == ["support.extension_max"], "\(beyond.text)")
        let extended = await call(token["deputy"]!, "POST", planPath + "/extensions",
                                  #"{"ends_on": "2029-12-10", "reason": "significant_absence"}"#)
        #expect(extended.json["ends_on"] as? String == "2029-12-10", "\(extended.text)")
        #expect(extended.json["planned_end_on"] as? String == "2029-11-12")
        let kinds = (extended.json["changes"] as? [[String: Any]])?.map { $0["kind"] as? String }
        #expect(kinds == ["created", "extended"])

        // The audit log names the fields, never the concern's text.
        let events = await api.send("GET", "/v1/audit-events?limit=200", trust: t.id)
        #expect(events.text.contains("raise_concern") && !events.text.contains("Year 9"))
    }

    /// 001 "Employees Experiencing Difficulties": normally four weeks, calendar weeks, for an
    /// associate; the reviewer raises it; longer is refused.
    @Test func a001PlanOfFourWeeks() async throws {
        now.set("2031-05-12")
        let (t, _, appraisal) = try await reviewed("001-associate-staff", year: 2031, "ta")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "ta"], &emails)
        let raised = await concern(token["deputy"]!, appraisal, on: "2031-05-12")
        #expect(raised.json["raised_as"] as? String == "reviewer", "\(raised.text)")
        let long = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2031-05-19",
                              extra: #", "ends_on": "2031-06-23""#)
        #expect(rules(long) == ["support.monitoring_max"], "\(long.text)")
        let made = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2031-05-19")
        #expect(made.json["ends_on"] as? String == "2031-06-16", "\(made.text)") // across May half term
        #expect(await call(token["ta"]!, "GET", appraisal + "/support-plans").items.count == 1)

        // 001 "Grievance": the head, not the reviewer, pauses the process; four working days
        // paused move the end by four working days.
        now.set("2031-06-06")
        let later = try await tokens(t, ["deputy", "head"], &emails)
        let planPath = "/v1/support-plans/\(made.json["id"] as? String ?? "-")"
        let grievance = #"{"reason": "grievance", "from": "2031-06-02"}"#
        #expect(await call(later["deputy"]!, "POST", planPath + "/pauses", grievance).status == 403)
        let paused = await call(later["head"]!, "POST", planPath + "/pauses", grievance)
        #expect(paused.json["state"] as? String == "paused", "\(paused.text)")
        let resumed = await call(later["deputy"]!, "POST", planPath + "/resumptions", #"{"on": "2031-06-06"}"#)
        #expect(resumed.json["ends_on"] as? String == "2031-06-20", "\(resumed.text)")
        let kinds = (resumed.json["changes"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["created", "paused", "resumed"])
        let tasks = await call(later["deputy"]!, "GET", "/v1/me/tasks").items
        #expect(tasks.contains { $0["kind"] as? String == "record_support_outcome"
                && $0["due_date"] as? String == "2031-06-20" }, "\(tasks)")
    }

    /// 003 §6.12.2: four school weeks to half a term; §6.11 by-pass only for its reasons and
    /// after advice; §6.10.4 a concern within six months of improvement is a relapse.
    @Test func a003PlanItsByPassAndARelapse() async throws {
        now.set("2027-10-01")
        let (t, _, appraisal) = try await reviewed("003-hampshire-model", year: 2027, "teacher")
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "head"], &emails)

        let unlisted = await concern(token["head"]!, appraisal, on: "2027-10-01", response: "formal_capability",
                                     extra: #", "bypass_reason": "parental_complaint", "bypass_advice": "EPS""#)
        #expect(rules(unlisted) == ["support.bypass_reasons"], "\(unlisted.text)")
        let noAdvice = await concern(token["head"]!, appraisal, on: "2027-10-01", response: "formal_capability",
                                     extra: #", "bypass_reason": "health_and_safety_at_risk""#)
        #expect(rules(noAdvice) == ["required"], "\(noAdvice.text)")
        let bypass = await concern(token["head"]!, appraisal, on: "2027-10-01", response: "formal_capability",
                                   extra: #", "bypass_reason": "health_and_safety_at_risk", "#
                                       + #""bypass_advice": "EPS, 30 Sept""#)
        #expect(bypass.status == 201 && bypass.json["raised_as"] as? String == "headteacher", "\(bypass.text)")
        #expect(await plan(token["head"]!, bypass, monitor: t.people["deputy"]!, from: "2027-10-04").status == 422)

        let raised = await concern(token["deputy"]!, appraisal, on: "2027-10-01")
        let sick = await call(token["deputy"]!, "POST", "/v1/support-plans/\(UUID())/pauses",
                              #"{"reason": "sickness", "from": "2027-10-05"}"#)
        #expect(rules(sick) == ["required"], "\(sick.text)") // 003 §1.10: the occupational health referral
        // Four school weeks from Monday 4 October 2027 cross half term (25–29 October): 8 November.
        let short = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2027-10-04",
                               extra: #", "ends_on": "2027-11-05""#)
        #expect(rules(short) == ["support.monitoring_min"], "\(short.text)")
        let made = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2027-10-04",
                              extra: #", "ends_on": "2027-11-26""#)
        #expect(made.status == 201, "\(made.text)")
        let planPath = "/v1/support-plans/\(made.json["id"] as? String ?? "-")"
        // Half a term (the first autumn half, 38 school days) caps any extension: 2 December.
        let past = await call(token["deputy"]!, "POST", planPath + "/extensions",
                              #"{"ends_on": "2027-12-03", "reason": "absence"}"#)
        #expect(rules(past) == ["support.monitoring_max"], "\(past.text)")
        now.set("2027-12-01")
        token = try await tokens(t, ["deputy", "head"], &emails)
        let notYet = await call(token["deputy"]!, "PUT", planPath + "/outcome",
                                #"{"outcome": "not_improved", "on": "2027-11-26"}"#)
        #expect(rules(notYet) == ["consequences_not_recorded"], "\(notYet.text)")
        let improved = await call(token["deputy"]!, "PUT", planPath + "/outcome",
                                  #"{"outcome": "improved", "on": "2027-11-26"}"#)
        #expect(improved.json["sustain_until"] as? String == "2028-05-26", "\(improved.text)")
        #expect(await call(token["deputy"]!, "POST", planPath + "/extensions",
                           #"{"ends_on": "2027-11-30", "reason": "x"}"#).status == 409)

        now.set("2028-03-01")
        token = try await tokens(t, ["deputy"], &emails)
        let relapse = await concern(token["deputy"]!, appraisal, on: "2028-03-01")
        #expect(relapse.json["relapse_of"] as? String == made.json["id"] as? String, "\(relapse.text)")
    }

    /// 004 §11.2: 12 working weeks with weekly meetings (none in the February half term); the
    /// CEO raises a concern about the head and tells the Chair (004 §1.3).
    @Test func a004PlanOfTwelveWorkingWeeksWithWeeklyMeetings() async throws {
        now.set("2031-01-06")
        let (t, appraisals, appraisal) = try await reviewed("004-aspire-mat", year: 2030, "teacher")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "ceo", "gov1"], &emails)
        let raised = await concern(token["deputy"]!, appraisal, on: "2031-01-06")
        let made = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2031-01-06")
        #expect(made.json["ends_on"] as? String == "2031-04-07", "\(made.text)")
        let meetings = made.json["review_meetings"] as? [String] ?? []
        #expect(meetings.count == 12, "\(meetings)")
        #expect(meetings.first == "2031-01-13" && meetings.last == "2031-04-07")
        #expect(!meetings.contains { $0 >= "2031-02-17" && $0 <= "2031-02-23" })

        let head = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        let aboutHead = await concern(token["ceo"]!, head, on: "2031-01-06")
        #expect(aboutHead.json["raised_as"] as? String == "ceo", "\(aboutHead.text)")
        #expect(aboutHead.json["notified"] as? [String] == ["chair_of_governors"])
        #expect(await call(token["gov1"]!, "GET", head + "/concerns").status == 404)
    }

    /// 004 §11.2–12: a plan not improved leads to capability with at least 10 working days'
    /// notice of the formal meeting (the Easter holidays do not count for a teacher); the
    /// appraisal is suspended (writes 409, tasks stop), a cycle opened meanwhile leaves the
    /// teacher out, and the end resumes it with its deadlines moved by the days suspended.
    @Test func a004CapabilitySuspendsAndResumesTheAppraisal() async throws {
        now.set("2031-01-06")
        let (t, appraisals, appraisal) = try await reviewed("004-aspire-mat", year: 2030, "teacher")
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "teacher"], &emails)
        let raised = await concern(token["deputy"]!, appraisal, on: "2031-01-06")
        let made = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2031-01-06",
                              extra: #", "consequences_explained_on": "2031-01-06""#)
        let planPath = "/v1/support-plans/\(made.json["id"] as? String ?? "-")"
        now.set("2031-04-08")
        token = try await tokens(t, ["deputy", "teacher"], &emails)
        let outcome = await call(token["deputy"]!, "PUT", planPath + "/outcome",
                                 #"{"outcome": "not_improved", "on": "2031-04-08"}"#)
        #expect(outcome.json["state"] as? String == "not_improved", "\(outcome.text)")
        let before = await call(token["deputy"]!, "GET", appraisal)
        let concernID = raised.json["id"] as? String ?? "-"
        func start(meeting: String) async -> TestResponse {
            await call(token["deputy"]!, "POST", appraisal + "/capability-cases", """
                {"concern_id": "\(concernID)", "notified_in_writing_on": "2031-04-08", "meeting_on": "\(meeting)",
                 "right_to_be_accompanied_explained": true}
                """)
        }
        // Ten working days from 8 April 2031: 9, 10 April, then the summer term from 21 April.
        let short = await start(meeting: "2031-04-29")
        #expect(rules(short) == ["support.capability_meeting_notice_working_days"], "\(short.text)")
        let started = await start(meeting: "2031-04-30")
        #expect(started.status == 201, "\(started.text)")
        #expect(await start(meeting: "2031-05-01").status == 409)

        let suspended = await concern(token["deputy"]!, appraisal, on: "2031-04-08")
        #expect(suspended.status == 409 && suspended.text.contains("appraisal_suspended"), "\(suspended.text)")
        // The appraisal's own tasks stop; what is left is the capability meeting (issue 14 §6).
        let tasks = await call(token["deputy"]!, "GET", "/v1/me/tasks").items
            .filter { $0["appraisal_id"] as? String == appraisals["teacher"]!["id"] as? String }
        #expect(tasks.map { $0["kind"] as? String } == ["hold_capability_meeting"], "\(tasks)")
        #expect(tasks.first?["due_date"] as? String == "2031-04-30")
        #expect(await call(token["teacher"]!, "GET", "/v1/capability-cases/\(started.json["id"] as? String ?? "-")")
            .status == 200)

        now.set("2031-06-29")
        let (_, excluded) = try await open(t, year: 2031)
        #expect(excluded["teacher"] == "capability", "\(excluded)")

        now.set("2031-06-30")
        token = try await tokens(t, ["deputy"], &emails)
        let casePath = "/v1/capability-cases/\(started.json["id"] as? String ?? "-")"
        let ended = await call(token["deputy"]!, "PUT", casePath + "/end",
                               #"{"ended_on": "2031-06-30"}"#)
        #expect(ended.json["suspended_days"] as? Int == 83, "\(ended.text)")
        let after = await call(token["deputy"]!, "GET", appraisal)
        #expect(after.json["state"] as? String == "active", "\(after.text)")
        let dueBefore = deadlines(before.json), dueAfter = deadlines(after.json)
        #expect(!dueBefore.isEmpty && dueBefore.keys == dueAfter.keys)
        for (key, due) in dueBefore {
            let parts = due.split(separator: "-").compactMap { Int($0) }
            let moved = CalendarDate(year: parts[0], month: parts[1], day: parts[2])!.adding(days: 83)
            #expect(dueAfter[key] == moved.description, "\(key)")
        }
        #expect(await concern(token["deputy"]!, appraisal, on: "2031-06-30").status == 201)
    }
}
