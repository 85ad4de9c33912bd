import Foundation
import Testing
import TestSupport

/// Issue 10 items 2, 4–8: who reads what is each policy's own confidentiality section. Those
/// who need to know an appraisal exists (trust-wide roles, the head, the appointers) see its
/// status; only the readers the policy names see its record.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PolicyConfidentialityTests: PresetScenario {
    let api = TestAPI()

    func status(_ token: String, _ path: String) async -> Int {
        await call(token, "GET", path).status
    }

    /// A head of department who line-manages a teacher and reviews them; the deputy is the
    /// reviewer's line manager, and neither the head nor a senior leader.
    func withDepartment(_ preset: String) async throws -> Trust {
        var t = try await makeTrust(preset: preset)
        try await employ(&t, "hod", unit: t.school, group: "teacher", title: "Head of Science", manager: "deputy",
                         extra: #", "qts": true"#)
        try await employ(&t, "scientist", unit: t.school, group: "support", title: "Science Technician", manager: "hod")
        try await employ(&t, "slt", unit: t.school, group: "leadership", title: "Assistant Head", manager: "head",
                         extra: #", "qts": true"#)
        try await grant(t.id, t.people["slt"]!, "senior_leader", unit: t.school)
        for (name, role) in [("admin", "trust_admin"), ("hr", "hr")] {
            t.people[name] = try await person(t.id, name)
            try await grant(t.id, t.people[name]!, role)
        }
        return t
    }

    /// Item 5 (003 §1.8) against 001: the reviewer's line manager reads the record under 001
    /// ("each of their line managers"), nothing under 003 ("normally only the reviewer,
    /// reviewee and the Headteacher", and the senior leadership team for moderation).
    @Test(arguments: [("001-associate-staff", 200), ("003-hampshire-model", 404)])
    func reviewersLineManager(preset: String, expected: Int) async throws {
        let t = try await withDepartment(preset)
        let (appraisals, _) = try await open(t, year: 2030)
        #expect(await appoint(t, appraisals["scientist"], by: "head", reviewers: ["hod"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["scientist"]!["id"] as! String)"
        let deputy = try await login(t, "deputy"), hod = try await login(t, "hod"), head = try await login(t, "head")
        #expect(await status(deputy, appraisal + "/objectives") == expected)
        #expect(await status(deputy, appraisal) == expected)
        #expect(await status(hod, appraisal + "/objectives") == 200)
        #expect(await status(head, appraisal + "/objectives") == 200)
        if preset == "003-hampshire-model" {
            // Moderation by the senior leadership team (§1.8).
            #expect(await status(try await login(t, "slt"), appraisal + "/objectives") == 200)
        }
    }

    /// Items 6 and 8: senior leaders never read the head's appraisal; trust-wide roles see an
    /// appraisal's status, not its record, unless the policy shares it with them.
    @Test(arguments: ["000-alpha-trust", "003-hampshire-model"])
    func theHeadsAppraisalAndTrustRoles(preset: String) async throws {
        let t = try await withDepartment(preset)
        let (appraisals, _) = try await open(t, year: 2030)
        let slt = try await login(t, "slt")
        let headAppraisal = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        let teacherAppraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        #expect(await status(slt, headAppraisal) == 404)
        #expect(await status(slt, headAppraisal + "/objectives") == 404)
        #expect(await status(slt, teacherAppraisal + "/objectives") == 200)
        let listed = await call(slt, "GET", "/v1/appraisals?limit=200").items.compactMap { $0["id"] as? String }
        #expect(!listed.contains(appraisals["head"]!["id"] as! String))
        for name in ["admin", "hr", "ceo", "ops"] {
            let token = try await login(t, name)
            #expect(await status(token, teacherAppraisal) == 200, "\(name)")
            #expect(await status(token, teacherAppraisal + "/objectives") == 404, "\(name)")
            #expect(await status(token, headAppraisal + "/observations") == 404, "\(name)")
        }
    }

    /// Item 7 (001): the head reads the school's associate staff, the operations director the
    /// central staff; neither crosses over.
    @Test func associateStaffHeadAndOperationsDirector() async throws {
        let t = try await withDepartment("001-associate-staff")
        let (appraisals, _) = try await open(t, year: 2030)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ops"]).0 == 201)
        let head = try await login(t, "head"), ops = try await login(t, "ops")
        let ta = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)/objectives"
        let finance = "/v1/appraisals/\(appraisals["finance"]!["id"] as! String)/objectives"
        #expect(await status(head, ta) == 200)
        #expect(await status(head, finance) == 404)
        #expect(await status(ops, finance) == 200)
        #expect(await status(ops, ta) == 404)
    }

    /// Item 2: the board (000 §3.1) and the governing body (003 §3.1–3.2) appoint with their own
    /// logins; they see what appointing needs and nothing of the record.
    @Test(arguments: [("000-alpha-trust", "trustee", ["ceo"], nil as String?),
                      ("003-hampshire-model", "gov1", ["gov1", "gov2", "gov3"], "adviser")])
    func appointersAppointWithTheirOwnLogin(preset: String, appointer: String, reviewers: [String],
                                            adviser: String?) async throws {
        let t = try await makeTrust(preset: preset)
        let (appraisals, _) = try await open(t, year: 2031)
        let token = try await login(t, appointer)
        let head = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)"
        #expect(await status(token, head) == 200)
        #expect(await status(token, head + "/reviewer-appointments") == 200)
        #expect(await status(token, head + "/objectives") == 404)
        // Not the teacher's: the head appoints theirs.
        #expect(await status(token, "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)") == 404)
        var body = #"{"reviewers": [\#(reviewers.map { "\"\(t.people[$0]!)\"" }.joined(separator: ", "))]"#
        if let adviser { body += #", "external_adviser_id": "\#(t.people[adviser]!)""# }
        let appointed = await call(token, "POST", head + "/reviewer-appointments", body + "}")
        #expect(appointed.status == 201, "\(appointed.text)")
    }

    /// Item 4 (004 §6.2): the CEO leads the head's conversation; the governors appraising the
    /// head may attend, but do not record it.
    @Test func theCEOLeadsTheHeadsConversation() async throws {
        let t = try await makeTrust(preset: "004-aspire-mat")
        let (appraisals, _) = try await open(t, year: 2026)
        let appointed = await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"], consulted: "ceo")
        #expect(appointed.0 == 201)
        let ceo = try await login(t, "ceo"), governor = try await login(t, "gov1")
        let path = "/v1/appraisals/\(appraisals["head"]!["id"] as! String)/conversations"
        func conversationTasks(_ token: String) async -> [String] {
            await call(token, "GET", "/v1/me/tasks").items.filter { $0["kind"] as? String == "hold_conversation" }
                .compactMap { $0["resource"] as? String }
        }
        #expect(await conversationTasks(ceo).contains(path))
        #expect(await conversationTasks(governor).isEmpty)
        let body = #"{"kind": "autumn", "held_on": "2026-11-20", "growth_areas": ["Trust-wide curriculum"]}"#
        #expect(await call(governor, "POST", path, body).status == 403)
        let held = await call(ceo, "POST", path, body)
        #expect(held.status == 201, "\(held.text)")
        #expect(held.json["lead_id"] as? String == t.people["ceo"]!.uuidString.lowercased())
    }

    /// Item 19: refused reads of a cycle's enrolment and reviewer load are audited.
    @Test func refusedEnrolmentReadsAreAudited() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2032)
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let teacher = try await login(t, "teacher")
        #expect(await status(teacher, "/v1/cycles/\(cycle)/enrolment") == 403)
        #expect(await status(teacher, "/v1/cycles/\(cycle)/reviewer-load") == 403)
        let events = await api.send("GET", "/v1/audit-events?limit=200", trust: t.id).items
        let refused = Set(events.filter { $0["outcome"] as? String == "denied" }
            .compactMap { $0["resource_type"] as? String })
        let reads: Set = ["/v1/cycles/{cycle_id}/enrolment", "/v1/cycles/{cycle_id}/reviewer-load"]
        #expect(refused.isSuperset(of: reads), "\(refused)")
    }
}
