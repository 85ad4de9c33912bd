import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

@Suite struct SQLTests {
    @Test func interpolationBindsEveryValue() {
        let name = "Robert'); DROP TABLE units;--"
        let sql: SQL = "SELECT * FROM units WHERE name = \(name) AND version = \(3)"
        #expect(sql.text == "SELECT * FROM units WHERE name = $1 AND version = $2")
        #expect(sql.binds == [name, "3"])
    }

    @Test func appendRenumbersPlaceholders() {
        var sql: SQL = "SELECT 1 WHERE a = \(1) AND b = \(2)"
        for value in 3...11 { sql.append(" AND c = \(value)") }
        #expect(sql.text.hasSuffix("AND c = $11"))
        #expect(sql.binds.count == 11)
        #expect(!sql.text.contains("$1 1"))
    }

    @Test func timestampsRoundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_401_812.123456)
        let text = PostgresTimestamp.format(date)
        #expect(text == "2026-11-23T02:43:32.123456Z")
        #expect(abs(PostgresTimestamp.parse("2026-11-23 02:43:32.123456+00")!.timeIntervalSince(date)) < 0.000_001)
        #expect(PostgresTimestamp.parse("2026-11-23 03:43:32.123456+01")!.timeIntervalSince1970.rounded() == date.timeIntervalSince1970.rounded())
    }

    /// Issue 12 §2: written into one buffer now; before 1970, whole seconds and the ends of the
    /// four-digit years must come out as the padded path wrote them.
    @Test func timestampsAreWrittenAtTheEdges() {
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 0.999_999_7)) == "1970-01-01T00:00:01.000000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00.000000Z")
        #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59.000000Z")
        let yearTenThousand = Date(timeIntervalSince1970: 253_402_300_800)
        #expect(PostgresTimestamp.format(yearTenThousand) == "10000-01-01T00:00:00.000000Z")
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PostgresTests {
    let pool = TestDatabase.pool

    @Test func decodesTypedValues() async throws {
        let id = UUID()
        let row = try await pool.withConnection { db in
            try db.query("""
                SELECT \(id)::uuid AS id, 'text'::text AS t, 42::int AS i, 9000000000::bigint AS big, true AS b,
                       1.2500::numeric(5,4) AS n, '2026-02-28'::date AS d, '2026-11-23 10:00:00+00'::timestamptz AS ts,
                       '{"a": [1, 2]}'::jsonb AS j, NULL::text AS missing
                """)[0]
        }
        #expect(try row.decode(UUID.self, "id") == id)
        #expect(try row.decode(String.self, "t") == "text")
        #expect(try row.decode(Int.self, "i") == 42)
        #expect(try row.decode(Int64.self, "big") == 9_000_000_000)
        #expect(try row.decode(Bool.self, "b"))
        #expect(try row.decode(Decimal.self, "n") == Decimal(string: "1.25"))
        #expect(try row.decode(CalendarDate.self, "d") == CalendarDate("2026-02-28"))
        #expect(try row.decode(Date.self, "ts") == Date(timeIntervalSince1970: 1_795_428_000))
        #expect(try row.decode(JSONText.self, "j").raw == #"{"a": [1, 2]}"#)
        #expect(try row.decode(String?.self, "missing") == nil)
        #expect(throws: PostgresError.self) { try row.decode(String.self, "missing") }
        #expect(throws: PostgresError.self) { try row.decode(Int.self, "t") }
    }

    /// Issue 12 §2: rows read their values from libpq's result, found by `ColumnLookup`: every
    /// column of a wide result by its name, the first of two alike, none that is not there —
    /// and the values outlive the connection's turn (the result is freed with its last row).
    @Test func rowsFindEveryColumnOfAWideResult() async throws {
        let names = (0..<70).map { "column_\($0)" } + ["a", "ab", "abcdefghijklmnopq", "abcdefghijklmnopr", "é"]
        let list = names.enumerated().map { "\($0.offset) AS \"\($0.element)\"" }.joined(separator: ", ")
        let rows = try await pool.withConnection { db in
            try db.query(SQL(unsafeSQL: "SELECT \(list), 1 AS twice, 2 AS twice FROM generate_series(1, 3)"))
        }
        #expect(rows.count == 3)
        for row in rows {
            for (position, name) in names.enumerated() { #expect(try row.decode(Int.self, name) == position) }
            #expect(try row.decode(Int.self, "twice") == 1)
            #expect(throws: PostgresError.self) { try row.decode(Int.self, "column_70") }
            #expect(throws: PostgresError.self) { try row.decode(Int.self, "") }
            #expect(row.isNull("absent"))
        }
    }

    @Test func integersAndBooleansAreReadAtTheirEdges() async throws {
        let row = try await pool.withConnection { db in
            try db.query("""
                SELECT 9223372036854775807::bigint AS max, (-9223372036854775807 - 1)::bigint AS min,
                       2147483647::int AS int32, -0::int AS zero, 1.5::numeric AS half, false AS f
                """)[0]
        }
        #expect(try row.decode(Int.self, "max") == .max)
        #expect(try row.decode(Int64.self, "min") == .min)
        #expect(try row.decode(Int32.self, "int32") == .max)
        #expect(try row.decode(Int.self, "zero") == 0)
        #expect(throws: PostgresError.self) { try row.decode(Int.self, "half") }
        #expect(try row.decode(Bool.self, "f") == false)
        for text in ["1.", "+5", "-", "", "12a", "99999999999999999999"] {
            #expect(Int(postgresText: text) == Int(text), "\(text)")
        }
        #expect(Bool(postgresText: "true") == true && Bool(postgresText: "false") == false)
        #expect(Bool(postgresText: "yes") == nil && Bool(postgresText: "") == nil)
    }

    @Test func hostileTextIsOnlyEverData() async throws {
        let hostile = "'; DROP TABLE trusts; --"
        let echoed = try await pool.withConnection { db in try db.query("SELECT \(hostile)::text AS v")[0].decode(String.self, "v") }
        #expect(echoed == hostile)
    }

    @Test func errorsCarrySQLStateAndConstraint() async throws {
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { db in
                try db.query("SELECT 1/0")
            }
        }
        #expect(error?.sqlState == "22012")
        #expect(error?.kind == .server)
    }

    @Test func statementTimeoutCancelsLongQueries() async throws {
        let short = Pool(.init(url: TestDatabase.applicationURL, size: 1, statementTimeoutMilliseconds: 100))
        defer { short.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await short.withConnection { db in try db.query("SELECT pg_sleep(2)") }
        }
        #expect(error?.sqlState == PostgresError.queryCanceled)
    }

    @Test func transactionSettingsDoNotLeakBetweenUsers() async throws {
        let single = Pool(.init(url: TestDatabase.applicationURL, size: 1))
        defer { single.close() }
        let trust = UUID()
        let inside = try await single.transaction(trustID: trust) { db in
            try db.query("SELECT current_setting('app.trust_id', true) AS t")[0].decode(String.self, "t")
        }
        #expect(inside == trust.uuidString.lowercased())
        let after = try await single.withConnection { db in
            try db.query("SELECT coalesce(current_setting('app.trust_id', true), '') AS t")[0].decode(String.self, "t")
        }
        #expect(after == "")
    }

    /// Issue 12: a statement `plannedOnce` runs on PostgreSQL's generic plan, and only it: the
    /// next statement of the same transaction plans as PostgreSQL chooses again. Prepared
    /// reads (`Pool.read`) answer as unprepared ones, the second time from the cache.
    @Test func aStatementPlannedOnceLeavesTheModeAsItWas() async throws {
        let single = Pool(.init(url: TestDatabase.applicationURL, size: 1))
        defer { single.close() }
        let (during, after) = try await single.transaction(trustID: nil) { db in
            let mode: SQL = "SELECT current_setting('plan_cache_mode') AS mode, \(41) + 1 AS answer"
            let row = try db.query(mode.plannedOnce())[0]
            #expect(try row.decode(Int.self, "answer") == 42)
            return (try row.decode(String.self, "mode"), try db.query(mode)[0].decode(String.self, "mode"))
        }
        #expect(during == "force_generic_plan")
        #expect(after == "auto")
        for value in ["first", "second"] {
            let read = try await single.read(trustID: nil, "SELECT \(value)::text AS v") {
                try $0.decode(String.self, "v")
            }
            #expect(read == [value])
        }
        // Past the cache's limit it is emptied between a read's statements (its context was
        // prepared first): the read still answers (it used to name a statement just dropped).
        for shape in 0...210 { // `Connection.preparedLimit` is 200
            let sql = SQL(unsafeSQL: "SELECT \(shape) AS n")
            #expect(try await single.read(trustID: nil, sql) { try $0.decode(Int.self, "n") } == [shape])
        }
    }

    /// A value that shapes the plan (an array of ids), or `plannedEachRun`, keeps a statement
    /// out of the connection's prepared statements: it is planned with its values every run, so
    /// no plan made for one trust (or one list) is used for the next. A plain statement is
    /// prepared on its first run.
    @Test func aStatementPlannedEachRunIsNeverPrepared() async throws {
        struct IDs: PostgresEncodable {
            let ids: [UUID]
            var postgresText: String { "{" + ids.map(\.postgresText).joined(separator: ",") + "}" }
            var shapesThePlan: Bool { true }
        }
        let single = Pool(.init(url: TestDatabase.applicationURL, size: 1))
        defer { single.close() }
        let prepared = try await single.transaction(trustID: nil) { db in
            let list: SQL = "SELECT cardinality(\(IDs(ids: [UUID(), UUID()]))::uuid[]) AS n"
            let marked = SQL(unsafeSQL: "SELECT 'marked' AS n").plannedEachRun()
            let plain: SQL = "SELECT 'plain' AS n"
            #expect(list.plansEachRun && marked.plansEachRun && !plain.plansEachRun)
            #expect((list + plain).plansEachRun && (plain + list).plansEachRun)
            for _ in 0..<6 {
                #expect(try db.query(list)[0].decode(Int.self, "n") == 2)
                _ = try db.query(marked)
                _ = try db.query(plain)
            }
            return try db.query("SELECT statement FROM pg_prepared_statements").map {
                try $0.decode(String.self, "statement")
            }
        }
        #expect(prepared.contains("SELECT 'plain' AS n"))
        #expect(!prepared.contains { $0.contains("cardinality") || $0.contains("marked") })
    }

    @Test func poolQueuesWorkBeyondItsSize() async throws {
        // A generous wait: this checks queueing, and the whole suite loads the machine meanwhile.
        let small = Pool(.init(url: TestDatabase.applicationURL, size: 2, acquireTimeout: .seconds(60)))
        defer { small.close() }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<20 {
                group.addTask { try await small.withConnection { db in try db.query("SELECT \(index)::int AS v, pg_sleep(0.01)")[0].decode(Int.self, "v") } }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<20))
        #expect(small.statistics.inUse == 0)
        #expect(small.statistics.idle == 2)
    }

    @Test func unreachableDatabaseIsReportedAsUnavailable() async throws {
        let nowhere = Pool(.init(url: "postgresql://appraise_app:x@127.0.0.1:1/appraise", size: 1, connectTimeoutSeconds: 1))
        defer { nowhere.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await nowhere.withConnection { db in try db.query("SELECT 1") }
        }
        #expect(error?.isUnavailable == true)
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct MigratorTests {
    @Test func appliedMigrationsAreRecordedWithTheirHash() async throws {
        let migrator = try Migrator(directory: TestDatabase.repositoryRoot.appendingPathComponent("migrations"))
        #expect(try await migrator.migrate(using: TestDatabase.ownerPool).isEmpty) // already applied by make test
        #expect(try await Migrator.appliedVersion(using: TestDatabase.pool) == migrator.latestVersion)
    }

    @Test func refusesAFileChangedAfterItWasApplied() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let migrations = TestDatabase.repositoryRoot.appendingPathComponent("migrations")
        for file in try FileManager.default.contentsOfDirectory(atPath: migrations.path) {
            var text = try String(contentsOf: migrations.appendingPathComponent(file), encoding: .utf8)
            if file == "0001_organisation.sql" { text += "\n-- edited after it was applied\n" }
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let migrator = try Migrator(directory: folder)
        await #expect(throws: Migrator.Failure.changedAfterApplied(version: 1, name: "0001_organisation")) {
            try await migrator.migrate(using: TestDatabase.ownerPool)
        }
    }

    @Test func refusesBadlyNamedFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 1;".write(to: folder.appendingPathComponent("first.sql"), atomically: true, encoding: .utf8)
        #expect(throws: Migrator.Failure.badFileName("first.sql")) { try Migrator(directory: folder) }
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PipelineTests {
    @Test func pipelinedReadsKeepTheConnectionUsable() async throws {
        let single = Pool(.init(url: TestDatabase.applicationURL, size: 1))
        defer { single.close() }
        let trust = UUID()
        for _ in 0..<3 {
            let seen = try await single.read(trustID: trust, "SELECT current_setting('app.trust_id') AS t") { try $0.decode(String.self, "t") }
            #expect(seen == [trust.uuidString.lowercased()])
        }
        // The setting ended with the pipeline's implicit transaction.
        let after = try await single.withConnection { db in
            try db.query("SELECT coalesce(current_setting('app.trust_id', true), '') AS t")[0].decode(String.self, "t")
        }
        #expect(after == "")
        await #expect(throws: PostgresError.self) {
            _ = try await single.read(trustID: trust, "SELECT 1/0 AS x") { try $0.decode(Int.self, "x") }
        }
        let statement = try await single.withConnection { db in try db.query("SELECT 2 AS v")[0].decode(Int.self, "v") }
        #expect(statement == 2)
        let inTransaction = try await single.transaction(trustID: trust) { db in try db.query("SELECT 3 AS v")[0].decode(Int.self, "v") }
        #expect(inTransaction == 3)
    }
}

/// `Connection.overlapping`: statements run while the caller works, and the connection is
/// left usable whether the statements or the work fail.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct OverlappingTests {
    let single = Pool(.init(url: TestDatabase.applicationURL, size: 1))

    @Test func statementsRunInOrderWhileTheWorkRuns() async throws {
        defer { single.close() }
        let (work, rows) = try await single.transaction(trustID: nil) { db in
            try db.overlapping(["CREATE TEMPORARY TABLE t ON COMMIT DROP AS SELECT 41 AS v",
                                "UPDATE t SET v = v + 1 RETURNING v", "SELECT pg_sleep(0.05)"]) { "worked" }
        }
        #expect(work == "worked")
        #expect(try rows[1].map { try $0.decode(Int.self, "v") } == [42])
    }

    @Test func aFailedStatementIsThrownAndTheConnectionRollsBack() async throws {
        defer { single.close() }
        await #expect(throws: PostgresError.self) {
            _ = try await single.transaction(trustID: nil) { db in
                try db.overlapping(["SELECT 1/0", "SELECT 2"]) { 0 }
            }
        }
        let next = try await single.transaction(trustID: nil) { db in
            try db.query("SELECT 3 AS v")[0].decode(Int.self, "v")
        }
        #expect(next == 3)
    }

    @Test func workThatThrowsLeavesTheConnectionReady() async throws {
        defer { single.close() }
        struct WorkFailed: Error {}
        await #expect(throws: WorkFailed.self) {
            _ = try await single.transaction(trustID: nil) { db in
                try db.overlapping(["SELECT pg_sleep(0.05)"]) { () throws -> Int in throw WorkFailed() }
            }
        }
        let next = try await single.transaction(trustID: nil) { db in
            try db.query("SELECT 4 AS v")[0].decode(Int.self, "v")
        }
        #expect(next == 4)
    }
}

/// Migration 0033: the logs' trust is checked once per statement, with the foreign key's error.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct LogTrustCheckTests {
    @Test func aFeedRowOfNoTrustIsRefusedAsTheForeignKeyRefusedIt() async throws {
        let error = await #expect(throws: PostgresError.self) {
            try await TestDatabase.pool.transaction(trustID: nil, platform: true) { db in
                try db.query("""
                    INSERT INTO audit_events (trust_id, sequence, id, occurred_at, actor_type, auth_method, action,
                        resource_type, outcome, previous_hash, hash)
                    VALUES (\(UUID()), 1, \(UUID()), now(), 'api_key', 'api_key', 'create', 'unit', 'allowed',
                        'p', 'h')
                    """)
            }
        }
        #expect(error?.sqlState == PostgresError.foreignKeyViolation)
        #expect(error?.constraint == "audit_events_trust_id_fkey")
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PoolTimeoutTests {
    @Test func waitersGiveUpAfterTheAcquireTimeout() async throws {
        let single = Pool(.init(url: TestDatabase.applicationURL, size: 1, acquireTimeout: .milliseconds(200)))
        defer { single.close() }
        async let holder: Void = single.withConnection { db in try db.query("SELECT pg_sleep(1)") }
        try await Task.sleep(for: .milliseconds(100))
        let error = await #expect(throws: PostgresError.self) {
            try await single.withConnection { db in try db.query("SELECT 1") }
        }
        #expect(error?.kind == .poolTimeout)
        #expect(error?.isUnavailable == true)
        try await holder
        #expect(try await single.withConnection { db in try db.query("SELECT 1 AS v")[0].decode(Int.self, "v") } == 1)
    }
}
