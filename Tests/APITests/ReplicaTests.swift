import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Issue 17 §5: the reporting login on a streaming replica — a real standby of the test
/// cluster, made by `scripts/pg.sh replica` with pg_basebackup — so a board pack never loads
/// the primary: a write on the primary is read there, and nothing can be written there.
@Suite(.serialized,
       .enabled(if: TestDatabase.environment["APPRAISE_TEST_PG_CLUSTER"] != nil, "needs `make test`'s cluster"))
struct ReplicaTests {
    let api = TestAPI()

    /// Starts (or finds) the standby; its application URL.
    static func standbyURL() async throws -> String {
        let cluster = try #require(TestDatabase.environment["APPRAISE_TEST_PG_CLUSTER"])
        let script = TestDatabase.repositoryRoot.appendingPathComponent("scripts/pg.sh").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("replica-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        _ = await shell("bash \(script) replica \(cluster) > \(output) 2>/dev/null")
        let envFile = try String(contentsOfFile: output, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let env = try String(contentsOfFile: envFile, encoding: .utf8)
        let line = try #require(env.split(separator: "\n").first { $0.contains("DATABASE_REPORTING_URL=") })
        return String(line.split(separator: "'")[1])
    }

    /// Polls until the standby answers `expected` (replay is asynchronous), for up to 30 s.
    static func eventually(_ url: String, _ sql: String, _ expected: String) async throws -> String {
        var answer = ""
        for _ in 0..<150 {
            answer = await ReportingRoleTests.psql(url, sql)
            if answer == expected { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        return answer
    }

    @Test func aReportingLoginReadsTheStandbyWhichFollowsThePrimary() async throws {
        let standby = try await Self.standbyURL()
        let trust = try await api.makeTrust()
        for name in ["North", "South"] {
            _ = try await api.create("/v1/units", #"{"name": "\#(name)", "kind": "central_team"}"#, trust: trust)
        }
        let name = "replica_\(trust.uuidString.prefix(8).lowercased())"
        let password = "bi-\(UUID().uuidString)"
        try await ReportingRoleTests.adminPool.transaction(trustID: nil) { db in
            try ReportingLogins.create(name: name, password: password, trust: trust, on: db)
        }
        let login = ReportingRoleTests.url(standby, login: name, password: password)
        #expect(try await Self.eventually(login, "SELECT count(*) FROM reporting.units", "2") == "2")
        #expect(await ReportingRoleTests.psql(login, "SELECT pg_is_in_recovery()") == "t")
        // Written on the primary, read on the standby.
        _ = try await api.create("/v1/units", #"{"name": "East", "kind": "central_team"}"#, trust: trust)
        let names = "SELECT string_agg(name, ',' ORDER BY name) FROM reporting.units"
        #expect(try await Self.eventually(login, names, "East,North,South") == "East,North,South")
        let write = await ReportingRoleTests.psql(login, "CREATE TEMP TABLE t (x int)")
        #expect(write.contains("read-only"), "\(write)")
        _ = try await ReportingRoleTests.adminPool.transaction(trustID: nil) { db in
            try ReportingLogins.drop(name: name, on: db)
        }
    }

    /// Issue 17 §5: with `DATABASE_REPORTING_URL`, reports are counted on the standby — they
    /// see the primary's cycle once it is replayed, over connections the standby lists as ours.
    @Test func reportsAreCountedOnTheStandby() async throws {
        let standby = try await Self.standbyURL()
        let application = "appraise-reports-\(UUID().uuidString.prefix(8))"
        let reporting = Pool(.init(url: standby, size: 1, applicationName: application))
        let api = TestAPI(reportingPool: reporting)
        let t = try await ScenarioTrustMaker(api: api).makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await ScenarioTrustMaker(api: api).open(t, year: 2053)
        let cycle = try #require(appraisals.values.first?["cycle_id"] as? String)
        var total: Int?
        for _ in 0..<150 where total != appraisals.count {
            let report = await api.send("GET", "/v1/reports/completion?cycle_id=\(cycle)", trust: t.id)
            let lines = report.json["lines"] as? [[String: Any]] ?? []
            total = lines.last?["count"] as? Int
            if total != appraisals.count { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(total == appraisals.count, "the trust's total, once replayed")
        let ours = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(application)'"
        #expect(await ReportingRoleTests.psql(standby, ours) == "1", "the report's connection is the standby's")
        reporting.close()
    }
}

/// The scenario helpers over a TestAPI of one's own (here: one with a reporting pool).
struct ScenarioTrustMaker: PresetScenario {
    let api: TestAPI
}
