import App
import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 17 §7 (001 "Retention of Records", 003 §1.9): six years after a 2027/28 cycle under
/// 000, the retention pass destroys each appraisal's record and leaves a `destroy` event for
/// it — except the person under a legal hold, until HR releases it. The audit chain still
/// verifies afterwards.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct RetentionTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    func objectives(_ appraisal: Any?, in trust: UUID) async throws -> Int {
        let id = try #require(appraisal as? String)
        let sql: SQL = "SELECT count(*) AS n FROM objectives WHERE appraisal_id = \(try #require(UUID(uuidString: id)))"
        return try await api.environment.pool.read(trustID: trust, sql) { try $0.decode(Int.self, "n") }[0]
    }

    @Test func recordsPastSixYearsAreDestroyedExceptUnderAHold() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2027)
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy"], &emails)
        for name in ["teacher", "ta"] {
            #expect(await appoint(t, appraisals[name], by: "head", reviewers: ["deputy"]).0 == 201)
            let made = await call(token["deputy"]!, "POST", "/v1/appraisals/\(appraisals[name]!["id"]!)/objectives",
                                  ObjectiveYearTests.objective("Private aim of \(name)"))
            #expect(made.status == 201, "\(made.text)")
        }
        let hold = await api.send("POST", "/v1/legal-holds", json: """
            {"person_id": "\(t.people["ta"]!)", "reason": "tribunal", "detail": "Claim 2404512/2033",
             "owner_id": "\(t.people["ceo"]!)"}
            """, trust: t.id)
        #expect(hold.status == 201 && hold.json["active"] as? Bool == true, "\(hold.text)")
        let holdPath = "/v1/legal-holds/\(hold.json["id"] as? String ?? "-")"
        let runner = RetentionRunner(api.environment)

        // 000: the year ends 31 August 2028; six years on is 31 August 2034, still kept.
        now.set("2034-08-31")
        #expect(try await runner.runOnce(only: [t.id]) == RetentionRunner.Outcome())
        now.set("2034-09-01")
        let dry = try await runner.runOnce(dryRun: true, only: [t.id])
        #expect(dry.destroyed == appraisals.count - 1 && dry.held == 1)
        #expect(try await objectives(appraisals["teacher"]?["id"], in: t.id) == 1, "a dry run destroys nothing")

        let run = try await runner.runOnce(only: [t.id])
        #expect(run.destroyed == appraisals.count - 1 && run.held == 1)
        #expect(try await objectives(appraisals["teacher"]?["id"], in: t.id) == 0)
        #expect(try await objectives(appraisals["ta"]?["id"], in: t.id) == 1, "kept under the hold")
        let teacher = await api.send("GET", "/v1/appraisals/\(appraisals["teacher"]!["id"]!)", trust: t.id)
        #expect(teacher.status == 200, "the appraisal itself stays: who, which cycle, when")
        #expect(teacher.json["records_destroyed_at"] is String, "\(teacher.text)")
        let ta = await api.send("GET", "/v1/appraisals/\(appraisals["ta"]!["id"]!)", trust: t.id)
        #expect(ta.json["records_destroyed_at"] == nil, "the held record is kept")
        let destroyed = await api.send("GET", "/v1/audit-events?resource_type=appraisal_record&limit=200", trust: t.id)
        #expect(destroyed.items.count == appraisals.count - 1)
        #expect(destroyed.items.allSatisfy { $0["action"] as? String == "destroy" })
        #expect(try await runner.runOnce(only: [t.id]).destroyed == 0, "each record once")

        // Released, the held record goes at the next pass; a second release is refused.
        let released = await api.send("PATCH", holdPath, json: #"{"released": true}"#, trust: t.id,
                                      headers: [("If-Match", "\"1\"")])
        #expect(released.status == 200 && released.json["active"] as? Bool == false, "\(released.text)")
        #expect(await api.send("PATCH", holdPath, json: #"{"released": true}"#, trust: t.id,
                               headers: [("If-Match", "\"2\"")]).status == 409)
        let last = try await runner.runOnce(only: [t.id])
        #expect(last.destroyed == 1 && last.held == 0)
        #expect(try await objectives(appraisals["ta"]?["id"], in: t.id) == 0)

        // The chain still verifies: destruction adds events and changes none.
        let verifier = AuditVerifier(pool: TestDatabase.ownerPool)
        try await verifier.linkPending()
        #expect(try await verifier.verify(trust: t.id) == nil)
    }

    @Test func aHoldNeedsAKnownPersonAndOwnerAndADetail() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let bad = await api.send("POST", "/v1/legal-holds", json: """
            {"person_id": "\(UUID())", "reason": "grievance", "detail": "Case 7", "owner_id": "\(t.people["ceo"]!)"}
            """, trust: t.id)
        #expect(bad.status == 422 && bad.text.contains("person_id"), "\(bad.text)")
        let blank = await api.send("POST", "/v1/legal-holds", json: """
            {"person_id": "\(t.people["ta"]!)", "reason": "grievance", "detail": " ", "owner_id": "\(t.people["ceo"]!)"}
            """, trust: t.id)
        #expect(blank.status == 422 && blank.text.contains("detail"), "\(blank.text)")
    }
}
