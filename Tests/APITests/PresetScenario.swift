import Foundation
import Testing
import TestSupport

/// A trust with a school, a central team and one person in each role the seeds name.
struct ScenarioTrust {
    let id: UUID, school: UUID, central: UUID
    var people: [String: UUID] = [:]
    var employments: [String: UUID] = [:]
}

/// Building blocks of the HTTP scenario tests: a trust made from a preset, a cycle opened,
/// reviewers appointed, people logged in.
protocol PresetScenario {
    var api: TestAPI { get }
}

extension PresetScenario {
    typealias Trust = ScenarioTrust

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

    /// Gives `name` an account and returns an access token for them.
    func login(_ t: Trust, _ name: String) async throws -> String {
        let email = "\(name)-\(UUID())@scenario.example"
        let password = "scenario password \(name)"
        _ = try await api.create("/v1/accounts", #"{"person_id": "\#(t.people[name]!)", "email": "\#(email)", "password": "\#(password)"}"#, trust: t.id)
        let login = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, authorised: false)
        return try #require(login.json["access_token"] as? String)
    }
}

/// The password every scenario account is given.
let scenarioPassword = "scenario password 123"

extension PresetScenario {
    /// Logs each in at the clock's present time (an access token lives 15 minutes of it),
    /// giving them an account the first time (`emails` keeps who has one).
    func tokens(_ t: Trust, _ names: [String], _ emails: inout [String: String]) async throws -> [String: String] {
        var token: [String: String] = [:]
        for name in names {
            if emails[name] == nil {
                let email = "\(name)-\(UUID())@scenario.example"
                _ = try await api.create("/v1/accounts", """
                    {"person_id": "\(t.people[name]!)", "email": "\(email)", "password": "\(scenarioPassword)"}
                    """, trust: t.id)
                emails[name] = email
            }
            let login = await api.send("POST", "/v1/auth/token",
                                       json: #"{"email": "\#(emails[name]!)", "password": "\#(scenarioPassword)"}"#,
                                       authorised: false)
            token[name] = try #require(login.json["access_token"] as? String, "\(login.text)")
        }
        return token
    }
}

extension PresetScenario {
    /// A request as a logged-in person; `version` becomes `If-Match`.
    func call(_ token: String, _ method: String, _ path: String, _ json: String? = nil, version: Int? = nil,
              headers extra: [(String, String)] = []) async -> TestResponse {
        var headers = [("Authorization", "Bearer \(token)")] + extra
        if let version { headers.append(("If-Match", "\"\(version)\"")) }
        return await api.send(method, path, json: json, headers: headers, authorised: false)
    }

    /// The rules a 422 names, in order.
    func rules(_ response: TestResponse) -> [String] {
        (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    }
}

/// A reviewed appraisal, and concerns and plans about it (issues 14 and 15).
extension PresetScenario {
    /// A trust under `preset`, `year`'s cycle open, `name`'s appraisal reviewed by the deputy:
    /// the trust, the cycle's appraisals by person, and that appraisal's path.
    func reviewed(_ preset: String, year: Int, _ name: String) async throws
        -> (ScenarioTrust, [String: [String: Any]], String) {
        let t = try await makeTrust(preset: preset)
        let (appraisals, _) = try await open(t, year: year)
        #expect(await appoint(t, appraisals[name], by: "head", reviewers: ["deputy"]).0 == 201)
        return (t, appraisals, "/v1/appraisals/\(appraisals[name]!["id"] as! String)")
    }

    func concern(_ token: String, _ appraisal: String, on date: String, response: String = "informal_support",
                 extra: String = "") async -> TestResponse {
        await call(token, "POST", appraisal + "/concerns", """
            {"raised_on": "\(date)", "nature": "Behaviour for learning in Year 9", "seriousness": "significant",
             "previous_support": "Two coaching sessions", "response": "\(response)"\(extra)}
            """)
    }

    func plan(_ token: String, _ concern: TestResponse, monitor: UUID, from start: String,
              extra: String = "") async -> TestResponse {
        await call(token, "POST", "/v1/concerns/\(concern.json["id"] as? String ?? "-")/support-plans", """
            {"areas_of_concern": "Routines", "targets": ["A seating plan in every lesson"],
             "support": [{"kind": "coaching", "detail": "Weekly"}, {"kind": "peer_observation"}],
             "monitored_by": "\(monitor)", "monitoring": "Drop-ins twice a week", "starts_on": "\(start)"\(extra)}
            """)
    }
}
