import Foundation
import Testing
import TestSupport

/// Issue 11 §3, "every rule explains itself": a refusal by a policy rule (422 or 403) and
/// every computed deadline carries `policy_ref` — the policy version, the preset, the section
/// and the clause as the trust's policy words it.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PolicyRefTests: PresetScenario {
    let api = TestAPI()

    func ref(_ response: TestResponse, field: String? = nil) -> [String: Any]? {
        if let field {
            let errors = response.json["errors"] as? [[String: Any]] ?? []
            return errors.first { $0["field"] as? String == field }?["policy_ref"] as? [String: Any]
        }
        return response.json["policy_ref"] as? [String: Any]
    }

    func objective(_ title: String, due: String) -> String {
        #"{"title": "\#(title)", "description": "d", "success_criteria": "s", "due_date": "\#(due)", "#
            + #""kind": "practice"}"#
    }

    /// Deadlines cite their clause; an override's deadline cites the override's (000 §4.1 for
    /// the head), not the trust-wide one (000 §4.1, §4.2 for everyone else).
    /// The contract allows no null in a policy body: `document: null` beside a preset is 422,
    /// whatever If-Match says, and writes nothing (schemathesis found it accepted).
    @Test func aNullDocumentIsRefusedNotReadAsAbsent() async throws {
        let trust = try await api.makeTrust()
        let body = #"{"preset_id": "003-hampshire-model", "document": null}"#
        let refused = await api.send("PUT", "/v1/policy", json: body, trust: trust)
        #expect(refused.status == 422 && refused.errorFields == ["document"], "\(refused.text)")
        #expect(await api.send("GET", "/v1/policy", trust: trust).status == 404, "nothing written")
    }

    @Test func deadlinesCiteTheirClause() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2035)
        func finalReview(_ who: String) -> [String: Any]? {
            let deadlines = appraisals[who]?["deadlines"] as? [[String: Any]] ?? []
            return deadlines.first { $0["key"] as? String == "final_review" }?["policy_ref"] as? [String: Any]
        }
        let teacher = try #require(finalReview("teacher"))
        #expect(teacher["section"] as? String == "000 §4.1, §4.2")
        #expect(teacher["preset_id"] as? String == "000-alpha-trust" && teacher["policy_version"] as? Int == 1)
        #expect((teacher["clause"] as? String)?.contains("31 October") == true)
        let head = try #require(finalReview("head"))
        #expect(head["section"] as? String == "000 §4.1")
        #expect((head["clause"] as? String)?.contains("31 December") == true)
    }

    /// 422s name the rule's clause: 001's three objectives, 000's reviewer who determines,
    /// 003's committee that may not include the Chair of Governors.
    @Test func ruleRefusalsCiteTheirClause() async throws {
        let t = try await makeTrust(preset: "001-associate-staff")
        let (appraisals, _) = try await open(t, year: 2036)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        let deputy = try await login(t, "deputy")
        let path = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)/objectives"
        for index in 1...3 {
            #expect(await call(deputy, "POST", path, objective("Goal \(index)", due: "2036-11-30")).status == 201)
        }
        let fourth = await call(deputy, "POST", path, objective("Goal 4", due: "2036-11-30"))
        #expect(fourth.status == 422)
        let cited = try #require(ref(fourth, field: "objectives"))
        #expect(cited["path"] as? String == "objectives.max_count")
        #expect(cited["section"] as? String == "001 \"Setting Objectives\"")
        #expect(cited["preset_id"] as? String == "001-associate-staff")

        let hampshire = try await makeTrust(preset: "003-hampshire-model")
        let (heads, _) = try await open(hampshire, year: 2036)
        let (status, rules) = await appoint(hampshire, heads["head"], by: "chairgov",
                                            reviewers: ["chairgov", "gov1", "gov2"], adviser: "adviser")
        #expect(status == 422 && rules.contains("excluded_standing"))
        let response = await api.send("POST", "/v1/appraisals/\(heads["head"]!["id"] as! String)/reviewer-appointments",
                                      json: """
                                      {"appointed_by": "\(hampshire.people["chairgov"]!)", "reviewers": \
                                      ["\(hampshire.people["chairgov"]!)", "\(hampshire.people["gov1"]!)", \
                                      "\(hampshire.people["gov2"]!)"], \
                                      "external_adviser_id": "\(hampshire.people["adviser"]!)"}
                                      """, trust: hampshire.id)
        let excluded = try #require(ref(response, field: "reviewers[0]"))
        #expect((excluded["section"] as? String)?.hasPrefix("003 §3.1") == true)
        #expect(excluded["path"] as? String == "appointment.headteacher")
    }

    /// A 403 by a policy rule cites it too: under 000 the reviewee does not observe (000 §6).
    @Test func forbiddenByAPolicyRuleCitesIt() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2037)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let teacher = try await login(t, "teacher")
        let refused = await call(teacher, "POST",
                                 "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)/observations", """
            {"kind": "formal_lesson", "observer_id": "\(t.people["deputy"]!)", "observed_at": "2037-11-10T10:00:00Z",
             "duration_minutes": 40, "focus": "Questioning"}
            """)
        #expect(refused.status == 403)
        let cited = try #require(ref(refused))
        #expect((cited["section"] as? String)?.hasPrefix("000 §6") == true, "\(cited)")
    }
}
