import Foundation
import Testing
import TestSupport

/// Issue 4 acceptance: for each preset, a trust made from it, a calendar set, a cycle opened,
/// reviewers appointed for a teacher, a support employee, the head and the CEO where the policy
/// covers them, and every deadline the policy implies checked against dates derived by hand.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PolicyPresetScenarioTests {
    let api = TestAPI()

    /// A trust with a school, a central team and one person in each role the seeds name.
    struct Trust {
        let id: UUID, school: UUID, central: UUID
        var people: [String: UUID] = [:]
        var employments: [String: UUID] = [:]
    }

    func person(_ trust: UUID, _ name: String) async throws -> UUID {
        try await api.create("/v1/people", #"{"given_name": "\#(name)", "family_name": "X"}"#, trust: trust)
    }

    func grant(_ trust: UUID, _ person: UUID, _ role: String, unit: UUID? = nil) async throws {
        let unitField = unit.map { #", "unit_id": "\#($0)""# } ?? ""
        _ = try await api.create("/v1/grants", #"{"person_id": "\#(person)", "role": "\#(role)"\#(unitField)}"#, trust: trust)
    }

    func employ(_ t: inout Trust, _ name: String, unit: UUID, group: String, title: String, manager: String? = nil,
                start: String = "2020-09-01", extra: String = "") async throws {
        let person = try await person(t.id, name)
        let managerField = manager.map { #", "line_manager_id": "\#(t.employments[$0]!)""# } ?? ""
        t.people[name] = person
        t.employments[name] = try await api.create("/v1/employments", """
            {"person_id": "\(person)", "unit_id": "\(unit)", "staff_group": "\(group)", "job_title": "\(title)", "start_date": "\(start)"\(managerField)\(extra)}
            """, trust: t.id)
    }

    func makeTrust(preset: String) async throws -> Trust {
        let id = try await api.makeTrust("Preset \(preset)")
        let policy = await api.send("PUT", "/v1/policy", json: #"{"preset_id": "\#(preset)"}"#, trust: id)
        #expect(policy.status == 201, "\(policy.text)")
        let school = try await api.create("/v1/units", #"{"name": "Oak School", "kind": "school", "urn": "\#(Int.random(in: 100000...999999))"}"#, trust: id)
        let central = try await api.create("/v1/units", #"{"name": "Central", "kind": "central_team"}"#, trust: id)
        var t = Trust(id: id, school: school, central: central)
        try await employ(&t, "ceo", unit: central, group: "ceo", title: "Chief Executive")
        try await employ(&t, "ops", unit: central, group: "central", title: "Operations Director", manager: "ceo")
        try await employ(&t, "finance", unit: central, group: "central", title: "Finance Officer", manager: "ops")
        try await employ(&t, "head", unit: school, group: "headteacher", title: "Headteacher", manager: "ceo")
        try await employ(&t, "deputy", unit: school, group: "leadership", title: "Deputy Head", manager: "head", extra: #", "qts": true"#)
        try await employ(&t, "teacher", unit: school, group: "teacher", title: "Teacher", manager: "deputy", extra: #", "qts": true"#)
        try await employ(&t, "ta", unit: school, group: "support", title: "Teaching Assistant", manager: "deputy")
        try await employ(&t, "ect", unit: school, group: "teacher", title: "Teacher", manager: "deputy", extra: #", "induction_status": "in_progress""#)
        try await employ(&t, "cover", unit: school, group: "support", title: "Cover Supervisor", manager: "deputy",
                         start: "2026-09-07", extra: #", "contract_type": "fixed_term", "contract_end_date": "2026-11-30""#)
        try await grant(id, t.people["ceo"]!, "ceo")
        try await grant(id, t.people["ops"]!, "operations_director")
        try await grant(id, t.people["head"]!, "headteacher", unit: school)
        for name in ["trustee", "chair", "gov1", "gov2", "gov3", "chairgov", "adviser"] { t.people[name] = try await person(id, name) }
        try await grant(id, t.people["trustee"]!, "trustee")
        try await grant(id, t.people["chair"]!, "chair_of_trustees")
        for name in ["gov1", "gov2", "gov3"] { try await grant(id, t.people[name]!, "governor", unit: school) }
        try await grant(id, t.people["chairgov"]!, "chair_of_governors", unit: school)
        try await grant(id, t.people["adviser"]!, "external_adviser")
        // The school's own calendar: October half term a week earlier than the default.
        let year = await api.send("PUT", "/v1/units/\(school)/school-years/2026", json: """
            {"terms": [
              {"name": "autumn", "start_date": "2026-09-02", "end_date": "2026-12-18", "half_term_start_date": "2026-10-19", "half_term_end_date": "2026-10-23"},
              {"name": "spring", "start_date": "2027-01-05", "end_date": "2027-03-25", "half_term_start_date": "2027-02-15", "half_term_end_date": "2027-02-19"},
              {"name": "summer", "start_date": "2027-04-12", "end_date": "2027-07-21", "half_term_start_date": "2027-05-31", "half_term_end_date": "2027-06-04"}],
             "closures": [{"date": "2026-11-05", "reason": "Polling station"}]}
            """, trust: id)
        #expect(year.status == 201, "\(year.text)")
        return t
    }

    /// Opens a cycle of `year` and returns each enrolled person's appraisal, and who is out and why.
    func open(_ t: Trust, year: Int) async throws -> (appraisals: [String: [String: Any]], excluded: [String: String]) {
        let cycle = try await api.create("/v1/cycles", #"{"name": "\#(year)/\#(year + 1)", "year": \#(year)}"#, trust: t.id)
        let opened = await api.send("POST", "/v1/cycles/\(cycle)/transitions", json: #"{"to": "open"}"#, trust: t.id, headers: [("If-Match", "\"1\"")])
        #expect(opened.status == 200 && opened.json["state"] as? String == "open", "\(opened.text)")
        let byEmployment = Dictionary(uniqueKeysWithValues: t.employments.map { ($0.value.uuidString.lowercased(), $0.key) })
        let list = await api.send("GET", "/v1/appraisals?cycle_id=\(cycle)&limit=200", trust: t.id)
        var appraisals: [String: [String: Any]] = [:]
        for item in list.items { appraisals[byEmployment[item["employment_id"] as! String]!] = item }
        let enrolment = await api.send("GET", "/v1/cycles/\(cycle)/enrolment?status=excluded&limit=200", trust: t.id)
        var excluded: [String: String] = [:]
        for item in enrolment.items { excluded[byEmployment[item["employment_id"] as! String]!] = item["reason"] as? String }
        return (appraisals, excluded)
    }

    func deadlines(_ appraisal: [String: Any]?) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ((appraisal?["deadlines"] as? [[String: Any]]) ?? []).map { ($0["key"] as! String, $0["due_date"] as! String) })
    }

    /// Appoints as `appointer` (recorded by the platform administrator on their behalf).
    func appoint(_ t: Trust, _ appraisal: [String: Any]?, by appointer: String, reviewers: [String], adviser: String? = nil,
                 consulted: String? = nil, reason: String? = nil) async -> (Int, [String]) {
        guard let id = appraisal?["id"] as? String else { return (0, ["no appraisal"]) }
        var fields = [#""appointed_by": "\#(t.people[appointer]!)""#,
                      #""reviewers": [\#(reviewers.map { "\"\(t.people[$0]!)\"" }.joined(separator: ", "))]"#]
        if let adviser { fields.append(#""external_adviser_id": "\#(t.people[adviser]!)""#) }
        if let consulted { fields.append(#""consulted_person_id": "\#(t.people[consulted]!)""#) }
        if let reason { fields.append(#""reason": "\#(reason)""#) }
        let response = await api.send("POST", "/v1/appraisals/\(id)/reviewer-appointments", json: "{\(fields.joined(separator: ", "))}", trust: t.id)
        let rules = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        return (response.status, rules)
    }

    @Test func alphaTrust000() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 000 §4.1: pay decisions by 31 October after the August cycle end; the head's by 31 December.
        #expect(deadlines(appraisals["teacher"]) == ["final_review": "2027-10-31"])
        #expect(deadlines(appraisals["ta"]) == ["final_review": "2027-10-31"])
        #expect(deadlines(appraisals["head"]) == ["final_review": "2027-12-31"])
        #expect(appraisals["teacher"]?["period_start"] as? String == "2026-09-01")
        // 000 §2.1: induction excluded; a fixed-term contract is adjusted, not excluded.
        #expect(excluded["ect"] == "induction")
        #expect(appraisals["cover"]?["period_start"] as? String == "2026-09-07")
        #expect(appraisals["cover"]?["period_end"] as? String == "2026-11-30")
        // 000 §3.1: the head appoints for school staff, the CEO for central staff, the board for the head and CEO.
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "ceo", reviewers: ["ops"]).0 == 201)
        #expect(await appoint(t, appraisals["head"], by: "trustee", reviewers: ["ceo"]).0 == 201)
        #expect(await appoint(t, appraisals["ceo"], by: "head", reviewers: ["trustee"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["ceo"], by: "trustee", reviewers: ["trustee"]) == (422, ["self_appointment"]))
        #expect(await appoint(t, appraisals["ceo"], by: "chair", reviewers: ["trustee"]).0 == 201)
        // Refused attempts wrote nothing: one appointment each.
        let history = await api.send("GET", "/v1/appraisals/\(appraisals["ceo"]!["id"]!)/reviewer-appointments", trust: t.id)
        #expect(history.items.count == 1)
    }

    @Test func associateStaff001() async throws {
        var t = try await makeTrust(preset: "001-associate-staff")
        _ = t
        let (appraisals, excluded) = try await open(t, year: 2027)
        // 001: January – December; the annual review meeting in the following January.
        #expect(appraisals["ta"]?["period_start"] as? String == "2027-01-01")
        #expect(appraisals["ta"]?["period_end"] as? String == "2027-12-31")
        #expect(deadlines(appraisals["ta"]) == ["annual_review_meeting": "2028-01-31"])
        #expect(deadlines(appraisals["finance"]) == ["annual_review_meeting": "2028-01-31"])
        // Associate staff only; the cover supervisor's contract ended before the cycle.
        #expect(excluded["teacher"] == "not_covered" && excluded["head"] == "not_covered" && excluded["ceo"] == "not_covered")
        #expect(excluded["cover"] == "left")
        // The head delegates to the line manager; the operations director for central staff.
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["teacher"]) == (422, ["line_manager"]))
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "ceo", reviewers: ["ops"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ops"]) == (422, ["self_appointment"]))
        t.people["x"] = nil
    }

    @Test func lt2Trust002() async throws {
        let t = try await makeTrust(preset: "002-lt2-trust")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 002 §2.2.1: September – August, no fixed review date; §1.1: fixed-term under a year and induction out.
        #expect(appraisals["teacher"]?["period_end"] as? String == "2027-08-31")
        #expect(deadlines(appraisals["teacher"]) == [:])
        #expect(excluded["cover"] == "contract_too_short")
        #expect(excluded["ect"] == "induction")
        // 002 §2.2.2: the CEO, the Chair of the Trust and an external adviser appraise the head.
        #expect(await appoint(t, appraisals["head"], by: "ceo", reviewers: ["ceo", "trustee"], adviser: "adviser") == (422, ["required_standing"]))
        #expect(await appoint(t, appraisals["head"], by: "ceo", reviewers: ["ceo", "chair"]) == (422, ["required"]))
        #expect(await appoint(t, appraisals["head"], by: "ceo", reviewers: ["ceo", "chair"], adviser: "adviser").0 == 201)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ceo"], by: "head", reviewers: ["chair"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["ceo"], by: "chair", reviewers: ["chair"]).0 == 201)
    }

    @Test func hampshire003() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 003 §2.1, §5.3.3: teachers by 31 October, the head and support staff by 31 December; §5.3.2 interim half way.
        #expect(deadlines(appraisals["teacher"]) == ["interim_review": "2027-03-01", "final_review": "2027-10-31"])
        #expect(deadlines(appraisals["head"]) == ["interim_review": "2027-03-01", "final_review": "2027-12-31"])
        #expect(deadlines(appraisals["ta"]) == ["interim_review": "2027-03-01", "final_review": "2027-12-31"])
        // "Application": under one term (7 Sep – 30 Nov holds no whole term), induction.
        #expect(excluded["cover"] == "contract_too_short")
        #expect(excluded["ect"] == "induction")
        // §3.2–3.3: an HPMC of at least three governors, not the Chair, with an external adviser (§3.1).
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"], adviser: "adviser") == (422, ["min_members"]))
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "chairgov"], adviser: "adviser") == (422, ["excluded_standing"]))
        #expect(await appoint(t, appraisals["head"], by: "head", reviewers: ["gov1", "gov2", "gov3"], adviser: "adviser") == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "gov3"], adviser: "adviser").0 == 201)
        // §3.4: the head appoints; §3.5 re-delegation to themselves only when concerns arise, history kept.
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["head"]) == (422, ["self_appointment"]))
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]) == (422, ["already_appointed"]))
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["head"], reason: "concerns").0 == 201)
        let history = await api.send("GET", "/v1/appraisals/\(appraisals["teacher"]!["id"]!)/reviewer-appointments", trust: t.id)
        #expect(history.items.map { $0["reason"] as? String } == ["initial", "concerns"])
        #expect(history.items.first?["ended_at"] is String && history.items.last?["ended_at"] == nil)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        // 003 covers maintained schools: there is no CEO to appraise.
        #expect(await appoint(t, appraisals["ceo"], by: "trustee", reviewers: ["chair"]) == (422, ["not_covered"]))
        // The head sees each reviewer's load.
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let load = await api.send("GET", "/v1/cycles/\(cycle)/reviewer-load", trust: t.id)
        let counts = Dictionary(uniqueKeysWithValues: load.items.map { ($0["person_id"] as! String, $0["appraisals"] as! Int) })
        #expect(counts[t.people["deputy"]!.uuidString.lowercased()] == 1)
        #expect(counts[t.people["head"]!.uuidString.lowercased()] == 1)
        #expect(counts[t.people["gov1"]!.uuidString.lowercased()] == 1)
    }

    @Test func aspire004() async throws {
        let t = try await makeTrust(preset: "004-aspire-mat")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 004 §6.3: before October half term (this school's starts 19 Oct: last school day Friday 16th);
        // the head's by 31 December; mid-year by the end of the summer term (21 July here).
        #expect(deadlines(appraisals["teacher"]) == ["autumn_conversation": "2026-10-16", "mid_year_conversation": "2027-07-21"])
        #expect(deadlines(appraisals["head"]) == ["autumn_conversation": "2026-12-31", "mid_year_conversation": "2027-07-21"])
        // Central staff use the default calendar: half term from 26 October.
        #expect(deadlines(appraisals["finance"])["autumn_conversation"] == "2026-10-23")
        #expect(excluded["ect"] == "induction")
        #expect(excluded["cover"] == "contract_too_short")
        // §5.1: the LGB in consultation with the CEO appraises the head; nominated directors the CEO.
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"]) == (422, ["required"]))
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"], consulted: "ceo").0 == 201)
        #expect(await appoint(t, appraisals["ceo"], by: "head", reviewers: ["trustee"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["ceo"], by: "chair", reviewers: ["trustee", "chair"]).0 == 201)
        // §5.2: the head for academy staff, the CEO for the central function.
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "head", reviewers: ["ops"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["finance"], by: "ceo", reviewers: ["ops"]).0 == 201)
    }
}
