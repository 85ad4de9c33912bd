import App
import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Row-level security under the application role: even hand-written SQL in trust B's context
/// cannot read or write trust A's rows.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct TenancyTests {
    let pool = TestDatabase.pool

    func makeTrustWithUnit() async throws -> (trust: UUID, unit: UUID) {
        let environment = AppEnvironment(pool: pool)
        let trust = try await TrustService(environment).create(TrustInput(name: "Tenant \(UUID())", kind: .multiAcademyTrust), audit: .system)
        let unit = try await ResourceService<UnitStore>(environment).create(
            UnitInput(name: "School", kind: .school, urn: "100001"), in: trust.id, audit: .system)
        return (trust.id, unit.id)
    }

    @Test func applicationRoleIsNeitherOwnerSuperuserNorBypassRLS() async throws {
        let row = try await pool.withConnection { db in
            try db.query("""
                SELECT r.rolsuper AS super, r.rolbypassrls AS bypass,
                       (SELECT count(*) FROM pg_tables WHERE tableowner = current_user)::int AS owned
                FROM pg_roles r WHERE r.rolname = current_user
                """)[0]
        }
        #expect(try row.decode(Bool.self, "super") == false)
        #expect(try row.decode(Bool.self, "bypass") == false)
        #expect(try row.decode(Int.self, "owned") == 0)
    }

    @Test func anotherTrustsRowsCannotBeReadWithRawSQL() async throws {
        let a = try await makeTrustWithUnit()
        let b = try await makeTrustWithUnit()
        let seenFromB = try await pool.transaction(trustID: b.trust) { db in
            try db.query("SELECT id FROM units WHERE id = \(a.unit)").count
                + db.query("SELECT id FROM units WHERE trust_id = \(a.trust)").count
                + db.query("SELECT id FROM trusts WHERE id = \(a.trust)").count
        }
        #expect(seenFromB == 0)
        let seenFromA = try await pool.transaction(trustID: a.trust) { db in
            try db.query("SELECT id FROM units WHERE id = \(a.unit)").count
        }
        #expect(seenFromA == 1)
        let seenWithoutContext = try await pool.withConnection { db in
            try db.query("SELECT id FROM units").count + db.query("SELECT id FROM employments").count
        }
        #expect(seenWithoutContext == 0)
    }

    @Test func anotherTrustsRowsCannotBeWrittenWithRawSQL() async throws {
        let a = try await makeTrustWithUnit()
        let b = try await makeTrustWithUnit()
        let changed = try await pool.transaction(trustID: b.trust) { db in
            try db.query("UPDATE units SET name = 'hijacked' WHERE id = \(a.unit) RETURNING id").count
                + db.query("DELETE FROM units WHERE id = \(a.unit) RETURNING id").count
        }
        #expect(changed == 0)
        let error = await #expect(throws: PostgresError.self) {
            try await pool.transaction(trustID: b.trust) { db in
                try db.query("""
                    INSERT INTO units (trust_id, id, name, kind, urn, created_at, updated_at)
                    VALUES (\(a.trust), \(UUID()), 'planted', 'school', '100002', now(), now())
                    """)
            }
        }
        #expect(error?.sqlState == PostgresError.insufficientPrivilege) // new row violates row-level security policy
        let name = try await pool.transaction(trustID: a.trust) { db in
            try db.query("SELECT name FROM units WHERE id = \(a.unit)")[0].decode(String.self, "name")
        }
        #expect(name == "School")
    }

    @Test func rowsCannotBeMovedIntoAnotherTrust() async throws {
        let a = try await makeTrustWithUnit()
        let b = try await makeTrustWithUnit()
        await #expect(throws: PostgresError.self) {
            try await pool.transaction(trustID: a.trust) { db in
                try db.query("UPDATE units SET trust_id = \(b.trust) WHERE id = \(a.unit)")
            }
        }
    }

    /// Issue 11 §2: tenant policies keep their indexes. With sequential scans priced out, each
    /// hot lookup must find its rows through an index whose condition starts with the trust —
    /// an `OR app_platform_scope()` in a policy would leave only a scan of the whole table (or
    /// of the whole index) across every trust.
    @Test func hotQueriesUseTheTrustIndexes() async throws {
        let a = try await makeTrustWithUnit()
        _ = try await makeTrustWithUnit()
        let id = UUID()
        let hot: [(String, SQL)] = [
            ("objectives", "SELECT id FROM objectives WHERE appraisal_id = \(id)"),
            ("observations", "SELECT id FROM observations WHERE appraisal_id = \(id)"),
            ("meetings", "SELECT id FROM meetings WHERE appraisal_id = \(id)"),
            ("appraisals", "SELECT id FROM appraisals WHERE cycle_id = \(id)"),
            ("grants", "SELECT role FROM grants WHERE person_id = \(id)"),
            ("reviewer_appointment_members",
             "SELECT appointment_id FROM reviewer_appointment_members WHERE person_id = \(id)"),
            ("employments", "SELECT id FROM employments WHERE person_id = \(id)"),
        ]
        for (table, query) in hot {
            let plan = try await pool.transaction(trustID: a.trust) { db in
                try db.query("SELECT set_config('enable_seqscan', 'off', true)")
                return try db.query(SQL(unsafeSQL: "EXPLAIN ") + query).map { try $0.decode(String.self, "QUERY PLAN") }
                    .joined(separator: "\n")
            }
            #expect(!plan.contains("Seq Scan"), "\(table): \(plan)")
            #expect(plan.range(of: #"Cond: \(+trust_id = "#, options: .regularExpression) != nil, "\(table): \(plan)")
        }
    }
}
