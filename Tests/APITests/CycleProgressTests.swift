import Foundation
import Testing
import TestSupport

/// Issue 13 §4: a cycle's progress per unit and staff group — how many appraisals are at each
/// step, which are overdue and why — read by HR trust-wide and by a head for their school.
/// A 2027/28 cycle under 003, read in March and November 2028.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct CycleProgressTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    func group(_ progress: TestResponse, unit: UUID, _ staffGroup: String) -> [String: Any] {
        let groups = progress.json["groups"] as? [[String: Any]] ?? []
        return groups.first {
            $0["unit_id"] as? String == unit.uuidString.lowercased() && $0["staff_group"] as? String == staffGroup
        } ?? [:]
    }

    func lateKeys(_ progress: TestResponse, _ appraisal: String) -> [String] {
        let items = progress.json["overdue"] as? [[String: Any]] ?? []
        let late = items.first { $0["appraisal_id"] as? String == appraisal }
        return (late?["overdue"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
    }

    @Test func stepsAndOverdueDeadlinesPerUnitAndStaffGroup() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let (appraisals, _) = try await open(t, year: 2027)
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let teacherAppraisal = appraisals["teacher"]!["id"] as! String
        let taAppraisal = appraisals["ta"]!["id"] as! String
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        var emails: [String: String] = [:]
        var token = try await tokens(t, ["deputy", "teacher"], &emails)
        let objective = await call(token["deputy"]!, "POST", "/v1/appraisals/\(teacherAppraisal)/objectives",
                                   ObjectiveYearTests.objective("Reading age"))
        let objectivePath = "/v1/objectives/\(objective.json["id"] as? String ?? "-")"
        #expect(await call(token["teacher"]!, "POST", objectivePath + "/transitions", #"{"to": "agreed"}"#,
                           version: 1).status == 200)

        // 003 §5.3.2: the interim review was due by 1 March 2028; neither held one.
        now.set("2028-03-15")
        let march = await api.send("GET", "/v1/cycles/\(cycle)/progress", trust: t.id)
        #expect(march.status == 200 && march.json["as_of"] as? String == "2028-03-15", "\(march.text)")
        let teachers = group(march, unit: t.school, "teacher")
        #expect(teachers["total"] as? Int == 1 && teachers["overdue"] as? Int == 1, "\(teachers)")
        #expect((teachers["steps"] as? [String: Int])?["in_year"] == 1)
        #expect((group(march, unit: t.school, "support")["steps"] as? [String: Int])?["no_reviewer"] ?? 0 >= 1)
        #expect(lateKeys(march, teacherAppraisal) == ["interim_review"])
        #expect(lateKeys(march, taAppraisal) == ["interim_review"])
        let totals = march.json["totals"] as? [String: Any]
        #expect((totals?["steps"] as? [String: Int])?.count == 8, "every step is counted, zero or not")

        // The interim meeting is held: no longer overdue. By November the final review is late
        // (003 §2.1: by 31 October) while the statement is only a draft.
        token = try await tokens(t, ["deputy", "teacher"], &emails)
        #expect(await call(token["deputy"]!, "POST", "/v1/appraisals/\(teacherAppraisal)/meetings",
                           #"{"kind": "interim", "held_on": "2028-03-15"}"#).status == 201)
        #expect(lateKeys(await api.send("GET", "/v1/cycles/\(cycle)/progress", trust: t.id), teacherAppraisal) == [])
        #expect(await call(token["deputy"]!, "POST", "/v1/appraisals/\(teacherAppraisal)/statements",
                           #"{"objectives_assessment": "Met."}"#).status == 201)
        now.set("2028-11-02")
        let november = await api.send("GET", "/v1/cycles/\(cycle)/progress", trust: t.id)
        #expect(lateKeys(november, teacherAppraisal) == ["final_review"])
        #expect((group(november, unit: t.school, "teacher")["steps"] as? [String: Int])?["statement_drafted"] == 1)

        // The head sees their school only; a teacher is refused, and the refusal audited.
        token = try await tokens(t, ["head", "teacher"], &emails)
        let heads = await call(token["head"]!, "GET", "/v1/cycles/\(cycle)/progress")
        let units = Set((heads.json["groups"] as? [[String: Any]] ?? []).compactMap { $0["unit_id"] as? String })
        #expect(heads.status == 200 && units == [t.school.uuidString.lowercased()], "\(heads.text)")
        #expect(await call(token["teacher"]!, "GET", "/v1/cycles/\(cycle)/progress").status == 403)
    }
}
