import Foundation
import Testing
import TestSupport

/// Runs authorization/relationships.md: the relationships whose answer is each policy's own
/// (issue 10), every cell over HTTP against the real database.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PolicyRelationshipMatrixTests: PresetScenario {
    let api = TestAPI()

    struct Row { let preset: String, appraisal: String, caller: String, expected: [String] }

    static func readTable() throws -> [Row] {
        let file = TestDatabase.repositoryRoot.appendingPathComponent("authorization/relationships.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }.dropFirst()
        return lines.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return Row(preset: cells[0], appraisal: cells[1], caller: cells[2], expected: Array(cells[4...]))
        }
    }

    /// Who each caller of the table is, in the scenario trust.
    static let callers = ["trustee": "trustee", "chair of governors": "chairgov", "senior leader": "slt",
                          "peer observer": "peer", "reviewer's line manager": "deputy", "head": "head",
                          "operations director": "ops", "HR": "hr"]

    /// A trust under `preset` with a year under way: reviewers appointed, and each reviewed
    /// appraisal holding an objective and an observation (by the peer under 003).
    func scenario(_ preset: String,
                  tokens: inout [String: String]) async throws -> (Trust, [String: [String: Any]], [String: String]) {
        var t = try await makeTrust(preset: preset)
        let qts = #", "qts": true"#
        try await employ(&t, "hod", unit: t.school, group: "teacher", title: "Head of Science", manager: "deputy",
                         extra: qts)
        try await employ(&t, "scientist", unit: t.school, group: "support", title: "Science Technician", manager: "hod")
        try await employ(&t, "slt", unit: t.school, group: "leadership", title: "Assistant Head", manager: "head",
                         extra: qts)
        try await employ(&t, "peer", unit: t.school, group: "teacher", title: "Teacher", manager: "deputy", extra: qts)
        try await employ(&t, "payroll", unit: t.central, group: "central", title: "Payroll Officer", manager: "finance")
        try await grant(t.id, t.people["slt"]!, "senior_leader", unit: t.school)
        t.people["hr"] = try await person(t.id, "hr")
        try await grant(t.id, t.people["hr"]!, "hr")
        let (appraisals, _) = try await open(t, year: 2026)
        let plan: [(String, String, String)] = preset == "001-associate-staff"
            ? [("scientist", "head", "hod"), ("ta", "head", "deputy"), ("payroll", "ops", "finance")]
            : [("teacher", "head", "hod")]
        var observations: [String: String] = [:]
        for (name, appointer, reviewer) in plan {
            let appointed = await appoint(t, appraisals[name], by: appointer, reviewers: [reviewer])
            #expect(appointed.0 == 201, "\(preset) \(name)")
            if tokens[reviewer] == nil { tokens[reviewer] = try await login(t, reviewer) }
            let token = tokens[reviewer]!
            let path = "/v1/appraisals/\(appraisals[name]!["id"] as! String)"
            let proposed = await call(token, "POST", path + "/objectives", AuthorizationMatrixTests.objectiveBody)
            #expect(proposed.status == 201)
            let observer = preset == "003-hampshire-model" ? t.people["peer"]! : t.people[reviewer]!
            let observed = await call(token, "POST", path + "/observations", """
                {"kind": "formal_lesson", "observer_id": "\(observer)", "observed_at": "2026-11-10T09:00:00Z",
                 "duration_minutes": 40, "focus": "F"}
                """)
            #expect(observed.status == 201, "\(preset) \(name): \(observed.text)")
            observations[name] = observed.json["id"] as? String
        }
        return (t, appraisals, observations)
    }

    @Test func everyRelationshipCellHolds() async throws {
        let rows = try Self.readTable()
        #expect(rows.count >= 12)
        for preset in Set(rows.map(\.preset)).sorted() {
            var tokens: [String: String] = [:]
            let (t, appraisals, observations) = try await scenario(preset, tokens: &tokens)
            for row in rows where row.preset == preset {
                let name = try #require(Self.callers[row.caller], "unknown caller \(row.caller)")
                if tokens[name] == nil { tokens[name] = try await login(t, name) }
                let token = tokens[name]!
                let appraisal = "/v1/appraisals/\(try #require(appraisals[row.appraisal]?["id"] as? String))"
                let observation = "/v1/observations/\(observations[row.appraisal] ?? UUID().uuidString.lowercased())"
                let requests: [(String, String, String?)] = [
                    ("GET", appraisal, nil), ("GET", appraisal + "/reviewer-appointments", nil),
                    ("GET", appraisal + "/objectives", nil),
                    ("POST", appraisal + "/objectives", AuthorizationMatrixTests.objectiveBody),
                    ("GET", observation, nil),
                    ("POST", observation + "/feedback", #"{"kind": "verbal", "given_at": "2026-11-11T09:00:00Z"}"#),
                    ("POST", appraisal + "/observations", """
                        {"kind": "drop_in", "observer_id": "\(t.people[name]!)", "observed_at": "2026-11-12T09:00:00Z",
                         "duration_minutes": 15, "focus": "F"}
                        """),
                ]
                for ((method, path, body), expected) in zip(requests, row.expected) {
                    let response = await call(token, method, path, body)
                    let outcome = (200..<300).contains(response.status) ? "allow" : String(response.status)
                    let cell = "\(preset) \(row.appraisal) as \(row.caller): \(method) \(path)"
                    #expect(outcome == expected, "\(cell) → \(response.status) \(response.text)")
                }
                // What /v1/me/permissions offers on the objectives comes from the same decision.
                let offered = await call(token, "GET", "/v1/me/permissions?resource=\(appraisal)/objectives")
                let actions = (offered.json["actions"] as? [String] ?? []).joined(separator: "+")
                #expect((actions.isEmpty ? "none" : actions) == row.expected.last,
                        "\(preset) \(row.appraisal) as \(row.caller): permissions \(actions)")
            }
        }
    }
}
