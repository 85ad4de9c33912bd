import App
import Foundation
import Postgres
import Testing
import TestSupport

/// `appraisal_facts` (migrations/0032), which the reports and a cycle's progress read, is kept
/// by triggers: whatever is written, each row must equal what `appraisal_facts_source` builds
/// from the records themselves — checked after the demo year's writes, after writes of every
/// kind a trigger covers, and for every trust the other suites have written so far. Part of
/// the demo's suite, which runs its tests one at a time: both load the demo trust.
extension DemoTrustTests {
    struct RollBack: Error {}

    /// Rows of one side missing from the other, in the trust's context.
    static let drift: SQL = """
        SELECT count(*) AS n FROM (
            (SELECT * FROM appraisal_facts EXCEPT SELECT * FROM appraisal_facts_source)
            UNION ALL (SELECT * FROM appraisal_facts_source EXCEPT SELECT * FROM appraisal_facts)) d
        """

    static func drift(on db: Connection) throws -> Int {
        try db.query(drift).first!.decode(Int.self, "n")
    }

    @Test func everyKindOfWriteKeepsTheFactsOfItsAppraisal() async throws {
        try await DemoTrust(api.environment).load()
        try await DemoAppraisalYear(api.environment).load()
        let pool = TestDatabase.ownerPool
        #expect(try await pool.transaction(trustID: DemoTrust.trustID) { try Self.drift(on: $0) } == 0)
        // Each write below changes a fact; the transaction is rolled back after the check.
        let steps: [(String, SQL)] = [
            ("staff group",
             "UPDATE employments SET staff_group = 'support' WHERE id IN (SELECT employment_id FROM appraisals)"),
            ("objective outcome", "UPDATE objectives SET assessment_outcome = 'partly_met'"),
            ("objective withdrawn", "UPDATE objectives SET state = 'proposed'"),
            ("panel emptied", "DELETE FROM reviewer_appointment_members"),
            ("reviewer ended", "UPDATE reviewer_appointments SET ended_at = now()"),
            ("appraisal suspended", "UPDATE appraisals SET state = 'suspended'"),
        ]
        for (name, sql) in steps {
            do {
                _ = try await pool.transaction(trustID: DemoTrust.trustID) { db -> Int in
                    let before = try db.query("SELECT count(*) AS n FROM appraisal_facts").first!.decode(Int.self, "n")
                    try db.query(sql)
                    #expect(before > 0, "\(name): the demo year has appraisals")
                    #expect(try Self.drift(on: db) == 0, "\(name)")
                    throw RollBack()
                }
            } catch is RollBack {
            } catch { Issue.record(error, "\(name)") }
        }
    }

    @Test func everyTrustsFactsMatchTheirRecords() async throws {
        let pool = TestDatabase.ownerPool
        let trusts = try await pool.read(trustID: nil, platform: true, "SELECT id FROM trusts") {
            try $0.decode(UUID.self, "id")
        }
        for trust in trusts {
            #expect(try await pool.transaction(trustID: trust) { try Self.drift(on: $0) } == 0, "\(trust)")
        }
    }
}
