import Domain
import Foundation
import Testing
import TestSupport

/// Issue 15 acceptance: a pay round under each preset — recommendation, the head's approval
/// where the policy orders it, the pay committee's decision, an appeal — in years no other test
/// uses, and pay kept from everyone the policy does not name.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PayTests: PresetScenario {
    let now = TestClock("2038-09-10")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// HR, a pay committee member of the school and one of the trust.
    func payPeople(_ t: inout ScenarioTrust) async throws {
        for name in ["hr", "paycom1", "paycom2"] { t.people[name] = try await person(t.id, name) }
        try await grant(t.id, t.people["hr"]!, "hr")
        try await grant(t.id, t.people["paycom1"]!, "pay_committee_member", unit: t.school)
        try await grant(t.id, t.people["paycom2"]!, "pay_committee_member")
    }

    func recommend(_ token: String, _ appraisal: String, _ outcome: String, on date: String,
                   extra: String = "") async -> TestResponse {
        await call(token, "POST", appraisal + "/pay-recommendation", """
            {"outcome": "\(outcome)", "reasons": "Objectives met; evidence in the statement",
             "recommended_on": "\(date)"\(extra)}
            """)
    }

    func decide(_ token: String, _ recommendation: TestResponse, _ outcome: String, on date: String,
                extra: String = "") async -> TestResponse {
        await call(token, "PUT", path(recommendation) + "/decision",
                   #"{"outcome": "\#(outcome)", "decided_on": "\#(date)"\#(extra)}"#)
    }

    func path(_ recommendation: TestResponse) -> String {
        "/v1/pay-recommendations/\(recommendation.json["id"] as? String ?? "-")"
    }

    /// 000 §3.1: the reviewer recommends in consultation with the head, who approves it; the pay
    /// committee decides by 31 October (§4) from 1 September; an appeal is upheld by members
    /// who did not decide. Pay stays with the employee, HR, the head and its deciders.
    @Test func a000RecommendationApprovalDecisionAndAnAppealUpheld() async throws {
        var (t, _, appraisal) = try await reviewed("000-alpha-trust", year: 2038, "teacher")
        try await payPeople(&t)
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["hr", "head"], &emails)
        let points = "/v1/employments/\(t.employments["teacher"]!)/pay-points"
        let m3 = #"{"pay_range": "main", "point": "M3", "effective_from": "2038-09-01"}"#
        #expect(await call(token["head"]!, "POST", points, m3).status == 403)
        #expect(await call(token["hr"]!, "POST", points, m3).status == 201)

        now.set("2039-09-20")
        token = try await tokens(t, ["hr", "head", "deputy", "teacher", "ta", "paycom1", "paycom2"], &emails)
        // The statement issued, the recommendation is the reviewer's to make by 31 October (§4).
        let statement = await call(token["deputy"]!, "POST", appraisal + "/statements", """
            {"objectives_assessment": "Met", "standards_assessment": "Met", "cpd_and_impact": "Coaching course"}
            """)
        let issued = await call(token["deputy"]!, "POST",
                                "/v1/statements/\(statement.json["id"] as? String ?? "-")/transitions",
                                #"{"to": "issued"}"#, version: 1)
        #expect(issued.json["state"] as? String == "issued", "\(issued.text)")
        func tasks(_ name: String, _ kind: String) async -> [[String: Any]] {
            await call(token[name]!, "GET", "/v1/me/tasks").items.filter { $0["kind"] as? String == kind }
        }
        #expect(await tasks("deputy", "recommend_pay").first?["due_date"] as? String == "2039-10-31")
        #expect(await tasks("head", "recommend_pay").isEmpty) // 000 §3.1: the reviewer's, in consultation
        #expect(await recommend(token["head"]!, appraisal, "progress", on: "2039-09-20",
                                extra: #", "recommended_point": "M4""#).status == 403)
        #expect(await recommend(token["teacher"]!, appraisal, "progress", on: "2039-09-20",
                                extra: #", "recommended_point": "M4""#).status == 403)
        #expect(await recommend(token["ta"]!, appraisal, "progress", on: "2039-09-20",
                                extra: #", "recommended_point": "M4""#).status == 404)
        let honorarium = await recommend(token["deputy"]!, appraisal, "honorarium", on: "2039-09-20",
                                         extra: #", "honorarium_amount": 500"#)
        #expect(rules(honorarium) == ["pay.recommendations"], "\(honorarium.text)")
        let made = await recommend(token["deputy"]!, appraisal, "progress", on: "2039-09-20",
                                   extra: #", "recommended_point": "M4""#)
        #expect(made.status == 201, "\(made.text)")
        #expect(made.json["state"] as? String == "awaiting_approval")
        #expect(made.json["current_point"] as? String == "M3" && made.json["current_range"] as? String == "main")
        #expect(made.json["decision_due_on"] as? String == "2039-10-31")
        #expect(made.json["statement_id"] as? String == statement.json["id"] as? String)
        #expect(await tasks("deputy", "recommend_pay").isEmpty)
        #expect(await recommend(token["deputy"]!, appraisal, "no_progression", on: "2039-09-20").status == 409)

        let headTasks = await call(token["head"]!, "GET", "/v1/me/tasks").items
        #expect(headTasks.contains {
            $0["kind"] as? String == "approve_pay" && $0["due_date"] as? String == "2039-10-31"
        }, "\(headTasks)")
        // Not the employee's to see, nor the committee's to decide, before the head approves.
        #expect(await call(token["teacher"]!, "GET", appraisal + "/pay-recommendation").status == 404)
        #expect(await decide(token["paycom1"]!, made, "progress", on: "2039-09-20",
                             extra: #", "point": "M4""#).status == 409)
        let approve = #"{"approved_on": "2039-09-20"}"#
        #expect(await call(token["deputy"]!, "PUT", path(made) + "/approval", approve).status == 403)
        let approved = await call(token["head"]!, "PUT", path(made) + "/approval", approve)
        #expect(approved.json["state"] as? String == "referred", "\(approved.text)")
        #expect(await call(token["teacher"]!, "GET", appraisal + "/pay-recommendation").status == 200)

        let committee = await call(token["paycom1"]!, "GET", "/v1/me/tasks").items.compactMap { $0["kind"] as? String }
        #expect(committee.contains("decide_pay"), "\(committee)")
        let decided = await decide(token["paycom1"]!, made, "progress", on: "2039-09-20", extra: #", "point": "M4""#)
        #expect(decided.json["state"] as? String == "decided", "\(decided.text)")
        #expect(decided.json["effective_from"] as? String == "2039-09-01")
        let history = await call(token["teacher"]!, "GET", points)
        #expect((history.json["current"] as? [String: Any])?["point"] as? String == "M4", "\(history.text)")

        let appeal = await call(token["teacher"]!, "POST", path(made) + "/appeal",
                                #"{"lodged_on": "2039-09-20", "grounds": "The evidence shows more"}"#)
        #expect(appeal.status == 201, "\(appeal.text)")
        let appealPath = "/v1/pay-appeals/\(appeal.json["id"] as? String ?? "-")"
        let upheld = #"""
            {"outcome": "upheld", "outcome_on": "2039-09-20", "changed_outcome": "progress", "changed_point": "M5"}
            """#
        #expect(await call(token["paycom1"]!, "PUT", appealPath + "/outcome", upheld).status == 403)
        let hearers = await call(token["paycom2"]!, "GET", "/v1/me/tasks").items.compactMap { $0["kind"] as? String }
        #expect(hearers.contains("hear_pay_appeal"), "\(hearers)")
        let decider = await call(token["paycom1"]!, "GET", "/v1/me/tasks").items.compactMap { $0["kind"] as? String }
        #expect(!decider.contains("hear_pay_appeal"), "\(decider)")
        #expect(await call(token["paycom2"]!, "PUT", appealPath + "/hearing",
                           #"{"hearing_on": "2039-09-20"}"#).status == 200)
        let heard = await call(token["paycom2"]!, "PUT", appealPath + "/outcome", upheld)
        #expect(heard.json["outcome"] as? String == "upheld", "\(heard.text)")
        let final = await call(token["teacher"]!, "GET", path(made))
        #expect(final.json["final_outcome"] as? String == "progress")
        let after = await call(token["hr"]!, "GET", points)
        #expect((after.json["current"] as? [String: Any])?["point"] as? String == "M5", "\(after.text)")
        #expect((after.json["history"] as? [[String: Any]])?.compactMap { $0["source"] as? String }
                == ["recorded", "decision", "appeal"])

        // Pay is absent for everyone else: a colleague, the reviewer's reading of the staff record.
        #expect(await call(token["ta"]!, "GET", points).status == 404)
        #expect(await call(token["ta"]!, "GET", path(made)).status == 404)
        #expect(await call(token["deputy"]!, "GET", points).status == 404)
        #expect(await call(token["head"]!, "GET", points).status == 200)
        let employment = "/v1/employments/\(t.employments["teacher"]!)"
        let asManager = await call(token["deputy"]!, "GET", employment)
        #expect(asManager.status == 200 && asManager.json["pay_point"] == nil, "\(asManager.text)")
        let own = await call(token["teacher"]!, "GET", employment)
        #expect(own.json["pay_point"] as? String == "M5", "\(own.text)")
        // The staff record's own field is HR's too: a trust administrator may not set it.
        t.people["admin"] = try await person(t.id, "admin")
        try await grant(t.id, t.people["admin"]!, "trust_admin")
        let admin = try await tokens(t, ["admin"], &emails)["admin"]!
        let version = await call(token["hr"]!, "GET", employment).json["version"] as? Int ?? 0
        let bypass = await call(admin, "PATCH", employment, #"{"pay_point": "M9"}"#, version: version)
        #expect(bypass.status == 403, "\(bypass.text)")
        #expect(await call(admin, "PATCH", employment, #"{"job_title": "Teacher of English"}"#,
                           version: version).status == 200)
        // Every list and record each other relationship reads: no point, no decision, no appeal.
        let others = try await tokens(t, ["ta", "deputy", "ceo", "ops", "chairgov", "trustee"], &emails)
        let reads = ["/v1/employments?limit=200", employment, "/v1/people?limit=200",
                     "/v1/appraisals?limit=200", appraisal, "/v1/me/tasks", "/v1/audit-events?limit=200"]
        for (name, token) in others {
            for read in reads {
                let text = await call(token, "GET", read).text
                #expect(!text.contains("M5") && !text.contains("M4"), "\(name) reads pay at \(read)")
            }
        }
    }

    /// 001 "Links to Pay": the head recommends for the school's associate staff (an honorarium),
    /// the operations director for central staff; withholding an increment is refused until a
    /// concern was confirmed in writing and support given.
    @Test func a001HonorariumAndAWithheldIncrementAfterWrittenConcernAndSupport() async throws {
        now.set("2040-11-05")
        var (t, appraisals, appraisal) = try await reviewed("001-associate-staff", year: 2040, "ta")
        try await payPeople(&t)
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ops"]).0 == 201)
        let finance = "/v1/appraisals/\(appraisals["finance"]!["id"] as! String)"
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["head", "deputy", "ops", "paycom2", "ta"], &emails)

        let honorarium = #", "honorarium_amount": 750.5"#
        // The line manager reviews, but pay is not theirs to recommend, nor to see (001).
        #expect(await recommend(token["deputy"]!, appraisal, "honorarium", on: "2040-11-05",
                                extra: honorarium).status == 404)
        let made = await recommend(token["head"]!, appraisal, "honorarium", on: "2040-11-05", extra: honorarium)
        #expect(made.json["state"] as? String == "referred", "\(made.text)")
        #expect(made.json["recommended_as"] as? String == "headteacher")
        #expect(made.json["honorarium_amount"] as? Double == 750.5)
        #expect(await call(token["ta"]!, "GET", path(made)).status == 200)
        #expect(await decide(token["paycom2"]!, made, "honorarium", on: "2040-11-05").status == 200)

        let refused = await recommend(token["ops"]!, finance, "withhold_increment", on: "2040-11-05")
        #expect(rules(refused) == ["pay.withhold_needs_prior_support"], "\(refused.text)")
        let raised = await concern(token["ops"]!, finance, on: "2040-11-05")
        let concernPath = "/v1/concerns/\(raised.json["id"] as? String ?? "-")"
        #expect(await call(token["ops"]!, "PUT", concernPath + "/confirmation",
                           #"{"confirmed_in_writing_on": "2040-11-05"}"#).status == 200)
        let stillRefused = await recommend(token["ops"]!, finance, "withhold_increment", on: "2040-11-05")
        #expect(rules(stillRefused) == ["pay.withhold_needs_prior_support"]) // written, but no support yet
        #expect(await plan(token["ops"]!, raised, monitor: t.people["ops"]!, from: "2040-11-05").status == 201)
        let withheld = await recommend(token["ops"]!, finance, "withhold_increment", on: "2040-11-05")
        #expect(withheld.status == 201, "\(withheld.text)")
        #expect(withheld.json["recommended_as"] as? String == "operations_director")
    }

    /// 002 §2.2.7: the reviewer's recommendation goes straight to the decision; an appeal after
    /// the pay policy's 10 working days is refused, one within them is upheld.
    @Test func a002DecisionAndAnAppealWithinTheWindow() async throws {
        now.set("2042-07-01")
        var (t, _, appraisal) = try await reviewed("002-lt2-trust", year: 2041, "teacher")
        try await payPeople(&t)
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "teacher", "paycom1", "paycom2"], &emails)
        let made = await recommend(token["deputy"]!, appraisal, "no_progression", on: "2042-07-01")
        #expect(made.json["state"] as? String == "referred" && made.json["approval_needed"] as? Bool == false,
                "\(made.text)")
        #expect(await call(token["teacher"]!, "GET", appraisal + "/pay-recommendation").status == 200)
        let decided = await decide(token["paycom1"]!, made, "no_progression", on: "2042-07-01")
        #expect(decided.json["effective_from"] as? String == "2042-07-01", "\(decided.text)")

        now.set("2042-07-25")
        token = try await tokens(t, ["teacher", "paycom2"], &emails)
        let late = await call(token["teacher"]!, "POST", path(made) + "/appeal",
                              #"{"lodged_on": "2042-07-25", "grounds": "Absence not taken into account"}"#)
        #expect(rules(late) == ["pay.appeal_working_days"], "\(late.text)")
        let appeal = await call(token["teacher"]!, "POST", path(made) + "/appeal",
                                #"{"lodged_on": "2042-07-08", "grounds": "Absence not taken into account"}"#)
        #expect(appeal.status == 201, "\(appeal.text)")
        let appealPath = "/v1/pay-appeals/\(appeal.json["id"] as? String ?? "-")"
        let outcome = await call(token["paycom2"]!, "PUT", appealPath + "/outcome", """
            {"outcome": "upheld", "outcome_on": "2042-07-25", "changed_outcome": "progress", "changed_point": "M2"}
            """)
        #expect(outcome.json["changed_outcome"] as? String == "progress", "\(outcome.text)")
        #expect(await call(token["teacher"]!, "GET", path(made)).json["final_outcome"] as? String == "progress")
    }

    /// 003 §5.3.6: the head approves every recommendation but their own before the employee
    /// sees it or the pay committee decides; the HPMC refers the head's itself. §2.3: teachers
    /// from September, support staff from 1 April; decisions by October, December for the head.
    @Test func a003TheHeadsApprovalGateAndTheHPMCReferringTheHeads() async throws {
        now.set("2043-09-15")
        var (t, appraisals, appraisal) = try await reviewed("003-hampshire-model", year: 2042, "teacher")
        try await payPeople(&t)
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "gov3"],
                              adviser: "adviser").0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let headAppraisal = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        let taAppraisal = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)"
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "teacher", "head", "gov1", "paycom1", "ta"], &emails)

        let made = await recommend(token["deputy"]!, appraisal, "progress", on: "2043-09-15",
                                   extra: #", "recommended_point": "M2""#)
        #expect(made.json["state"] as? String == "awaiting_approval", "\(made.text)")
        #expect(made.json["decision_due_on"] as? String == "2043-10-31")
        #expect(await call(token["teacher"]!, "GET", path(made)).status == 404)
        #expect(await decide(token["paycom1"]!, made, "progress", on: "2043-09-15",
                             extra: #", "point": "M2""#).status == 409)

        // §5.4.1: the head moderates the school's recommendations; one returned is revised by
        // the reviewer and resubmitted, and still waits for the head's approval.
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let opened = await call(token["head"]!, "POST", "/v1/moderation-rounds", """
            {"cycle_id": "\(cycle)", "unit_id": "\(t.school)", "subject": "pay_recommendations",
             "moderators": ["\(t.people["head"]!)"]}
            """)
        #expect(opened.json["items"] as? Int == 1, "\(opened.text)")
        let round = await call(token["head"]!, "GET", "/v1/moderation-rounds/\(opened.json["id"] as? String ?? "-")")
        let itemID = ((round.json["items"] as? [[String: Any]])?.first?["id"] as? String) ?? "-"
        let item = await call(token["head"]!, "GET", "/v1/moderation-items/\(itemID)")
        #expect((item.json["pay_recommendation"] as? [String: Any])?["recommended_point"] as? String == "M2",
                "\(item.text)")
        let move = "/v1/moderation-items/\(itemID)/transitions"
        #expect(await call(token["head"]!, "POST", move,
                           #"{"to": "returned", "comment": "M2 is two points on: say why"}"#).status == 200)
        #expect(await call(token["teacher"]!, "PUT", path(made), """
            {"outcome": "progress", "recommended_point": "M3", "reasons": "Mine", "recommended_on": "2043-09-15"}
            """).status == 403)
        let revised = await call(token["deputy"]!, "PUT", path(made), """
            {"outcome": "progress", "recommended_point": "M2", "reasons": "Two points: every objective exceeded",
             "recommended_on": "2043-09-15"}
            """)
        #expect(revised.json["state"] as? String == "awaiting_approval", "\(revised.text)")
        #expect(await call(token["deputy"]!, "POST", move, #"{"to": "resubmitted"}"#).json["revision"] as? Int == 1)
        #expect(await call(token["head"]!, "POST", move, #"{"to": "agreed"}"#).status == 200)
        #expect(await call(token["head"]!, "PUT", path(made) + "/approval",
                           #"{"approved_on": "2043-09-15"}"#).status == 200)
        #expect(await call(token["teacher"]!, "GET", path(made)).status == 200)
        let decided = await decide(token["paycom1"]!, made, "progress", on: "2043-09-15", extra: #", "point": "M2""#)
        #expect(decided.json["effective_from"] as? String == "2043-09-01", "\(decided.text)")

        let heads = await recommend(token["gov1"]!, headAppraisal, "progress", on: "2043-09-15",
                                    extra: #", "recommended_point": "L12""#)
        #expect(heads.json["state"] as? String == "referred", "\(heads.text)")
        #expect(heads.json["approval_needed"] as? Bool == false)
        #expect(heads.json["decision_due_on"] as? String == "2043-12-31")
        #expect(await call(token["head"]!, "GET", path(heads)).status == 200)

        let support = await recommend(token["deputy"]!, taAppraisal, "progress", on: "2043-09-15",
                                      extra: #", "recommended_point": "SP7""#)
        #expect(support.json["decision_due_on"] as? String == "2043-12-31", "\(support.text)")
        #expect(await call(token["head"]!, "PUT", path(support) + "/approval",
                           #"{"approved_on": "2043-09-15"}"#).status == 200)
        let supportDecided = await decide(token["paycom1"]!, support, "progress", on: "2043-09-15",
                                          extra: #", "point": "SP7", "pay_range": "support""#)
        #expect(supportDecided.json["effective_from"] as? String == "2044-04-01", "\(supportDecided.text)")
    }

    /// 004 §6.7, §8.3, §8.5: no recommendation; main-pay-range progression is automatic unless
    /// the Managing Underperformance procedure or capability is live; a non-teacher's increment
    /// is withheld only under formal capability.
    @Test func a004AutomaticProgressionAndNoneWhileCapabilityIsLive() async throws {
        now.set("2044-01-06")
        var (t, appraisals, appraisal) = try await reviewed("004-aspire-mat", year: 2043, "teacher")
        try await payPeople(&t)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let taAppraisal = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)"
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "head", "teacher", "paycom1", "ta"], &emails)

        // §6.7, §8.4: the upper pay range by application, outside the conversations.
        let applied = await call(token["teacher"]!, "POST", appraisal + "/upper-pay-range-applications",
                                 #"{"applied_on": "2044-01-06", "evidence": "Leads reading across the school"}"#)
        #expect(applied.status == 201, "\(applied.text)")
        let application = "/v1/upper-pay-range-applications/\(applied.json["id"] as? String ?? "-")"
        #expect(await call(token["ta"]!, "GET", application).status == 404)
        #expect(await call(token["teacher"]!, "POST", appraisal + "/upper-pay-range-applications",
                           #"{"applied_on": "2044-01-06", "evidence": "Again"}"#).status == 409)
        let approve = #"{"outcome": "approved", "decided_on": "2044-01-06", "reasons": "Standards met", "#
            + #""point": "U1", "#
        #expect(await call(token["head"]!, "PUT", application + "/decision",
                           approve + #""effective_from": "2043-09-01"}"#).status == 403)
        let upper = await call(token["paycom1"]!, "PUT", application + "/decision",
                               approve + #""effective_from": "2043-09-01"}"#)
        #expect(upper.json["outcome"] as? String == "approved", "\(upper.text)")
        let points = await call(token["teacher"]!, "GET", "/v1/employments/\(t.employments["teacher"]!)/pay-points")
        let current = points.json["current"] as? [String: Any]
        #expect(current?["pay_range"] as? String == "upper" && current?["point"] as? String == "U1", "\(points.text)")

        let automatic = await call(token["head"]!, "GET", appraisal + "/pay-progression")
        #expect(automatic.json["outcome"] as? String == "progress", "\(automatic.text)")
        #expect((automatic.json["policy_ref"] as? [String: Any])?["path"] as? String == "pay.mode")
        let refused = await recommend(token["deputy"]!, appraisal, "progress", on: "2044-01-06",
                                      extra: #", "recommended_point": "M3""#)
        #expect(rules(refused) == ["pay.mode"], "\(refused.text)")

        let raised = await concern(token["deputy"]!, appraisal, on: "2044-01-06")
        let made = await plan(token["deputy"]!, raised, monitor: t.people["deputy"]!, from: "2044-01-06",
                              extra: #", "consequences_explained_on": "2044-01-06""#)
        #expect(made.status == 201, "\(made.text)")
        let managed = await call(token["teacher"]!, "GET", appraisal + "/pay-progression")
        #expect(managed.json["outcome"] as? String == "withheld", "\(managed.text)")
        let taConcern = await concern(token["deputy"]!, taAppraisal, on: "2044-01-06")
        #expect(await plan(token["deputy"]!, taConcern, monitor: t.people["deputy"]!, from: "2044-01-06").status == 201)
        #expect(await call(token["head"]!, "GET", taAppraisal + "/pay-progression").json["outcome"] as? String
                == "progress")

        // The plan ends not improved; formal capability starts: still none.
        let ends = made.json["ends_on"] as? String ?? "2044-04-30"
        now.set(ends)
        token = try await tokens(t, ["deputy", "head"], &emails)
        let planPath = "/v1/support-plans/\(made.json["id"] as? String ?? "-")"
        let outcome = await call(token["deputy"]!, "PUT", planPath + "/outcome",
                                 #"{"outcome": "not_improved", "on": "\#(ends)"}"#)
        #expect(outcome.json["state"] as? String == "not_improved", "\(outcome.text)")
        let meeting = CalendarDate(ends)!.adding(days: 35)
        let started = await call(token["deputy"]!, "POST", appraisal + "/capability-cases", """
            {"concern_id": "\(raised.json["id"] as? String ?? "-")", "notified_in_writing_on": "\(ends)",
             "meeting_on": "\(meeting)", "right_to_be_accompanied_explained": true}
            """)
        #expect(started.status == 201, "\(started.text)")
        let capability = await call(token["head"]!, "GET", appraisal + "/pay-progression")
        #expect(capability.json["outcome"] as? String == "withheld")
        #expect((capability.json["reason"] as? String)?.contains("capability") == true, "\(capability.text)")
    }

    /// 002 §1.2, Equality Act 2010: characteristics are the employee's and HR's alone; the report
    /// reaches HR and the CEO with every count under 5 shown as "<5", in JSON and CSV.
    @Test func protectedCharacteristicsStayWithHRAndTheReportIsSuppressed() async throws {
        now.set("2042-07-01")
        var (t, appraisals, appraisal) = try await reviewed("002-lt2-trust", year: 2041, "teacher")
        try await payPeople(&t)
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "teacher", "head", "hr", "paycom1", "chair", "ceo"], &emails)
        let mine = "/v1/people/\(t.people["teacher"]!)/protected-characteristics"
        let answered = await call(token["teacher"]!, "PUT", mine, #"{"sex": "female", "age_band": "35-44"}"#)
        #expect(answered.json["answers"] as? [String: String] == ["sex": "female", "age_band": "35-44"],
                "\(answered.text)")
        #expect(rules(await call(token["teacher"]!, "PUT", mine, #"{"sex": "Female!"}"#)) == ["code"])
        #expect(await call(token["hr"]!, "GET", mine).status == 200)
        for name in ["head", "deputy", "paycom1", "ceo"] {
            #expect(await call(token[name]!, "GET", mine).status == 404, "\(name)")
        }
        let made = await recommend(token["deputy"]!, appraisal, "progress", on: "2042-07-01",
                                   extra: #", "recommended_point": "M2""#)
        _ = await decide(token["paycom1"]!, made, "progress", on: "2042-07-01", extra: #", "point": "M2""#)
        for name in ["teacher", "head", "deputy"] { // characteristics appear nowhere else
            #expect(!(await call(token[name]!, "GET", path(made))).text.contains("female"))
            #expect(!(await call(token[name]!, "GET", "/v1/people/\(t.people["teacher"]!)")).text.contains("female"))
        }

        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let report = await call(token["hr"]!, "GET", "/v1/cycles/\(cycle)/pay-equality")
        let tables = report.json["tables"] as? [[String: Any]] ?? []
        let bySex = tables.first { $0["by"] as? String == "sex" }
        let female = (bySex?["rows"] as? [[String: Any]])?.first { $0["group"] as? String == "female" }
        #expect((female?["counts"] as? [String: Any])?["progress"] as? String == "<5", "\(report.text)")
        #expect(await call(token["ceo"]!, "GET", "/v1/cycles/\(cycle)/pay-equality").status == 200)
        #expect(await call(token["chair"]!, "GET", "/v1/cycles/\(cycle)/pay-equality").status == 404)
        #expect(await call(token["head"]!, "GET", "/v1/cycles/\(cycle)/pay-equality").status == 404)
        let headers = [("Authorization", "Bearer \(token["hr"]!)"), ("Accept", "text/csv")]
        let csv = await api.send("GET", "/v1/cycles/\(cycle)/pay-equality", headers: headers, authorised: false)
        #expect(csv.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        #expect(csv.text.hasPrefix("by,group,progress,no_progression,honorarium,withhold_increment,total\r\n"))
        #expect(csv.text.contains("sex,female,<5,<5,<5,<5,<5\r\n"), "\(csv.text)")
    }
}
