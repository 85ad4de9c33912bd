import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Issue 17 §4: a PostgreSQL login per trust for BI tools. Connected with psql, it reads the
/// `reporting` views of its own trust — and cannot name a base table, see another trust, read
/// any free-text column or write.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ReportingRoleTests: PresetScenario {
    let now = TestClock("2052-09-08")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// The cluster's administrator (scripts/pg.sh: the superuser on the private socket).
    static let adminPool = Pool(.init(url: TestDatabase.environment["DATABASE_ADMIN_URL"] ?? "postgresql://unset",
                                      size: 1, applicationName: "appraise-tests-admin"))

    /// One psql command as the login; its output, or its error text after "ERROR:".
    func psql(_ url: String, _ sql: String) async -> String { await Self.psql(url, sql) }

    static func psql(_ url: String, _ sql: String) async -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("psql-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let command = "psql '\(url)' -X -At -v ON_ERROR_STOP=1 -c \"\(sql)\" > \(out) 2>&1"
        _ = await shell(command)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aTrustsLoginReadsItsOwnStructuredFactsAndNothingElse() async throws {
        let (t, appraisals, appraisal) = try await reviewed("000-alpha-trust", year: 2052, "teacher")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy"], &emails)
        let secret = "Raise reading in Year 4: a private aim"
        let objective = await call(token["deputy"]!, "POST", appraisal + "/objectives",
                                   ObjectiveYearTests.objective(secret))
        #expect(objective.status == 201, "\(objective.text)")
        let (other, _, _) = try await reviewed("000-alpha-trust", year: 2052, "teacher")

        let name = "reporting_\(t.id.uuidString.prefix(8).lowercased())"
        let password = "bi-\(UUID().uuidString)"
        try await Self.adminPool.transaction(trustID: nil) { db in
            try ReportingLogins.create(name: name, password: password, trust: t.id, on: db)
        }
        let url = Self.url(TestDatabase.applicationURL, login: name, password: password)

        // Its own trust's rows, through the views.
        #expect(await psql(url, "SELECT count(*) FROM reporting.appraisals") == "\(appraisals.count)")
        #expect(await psql(url, "SELECT count(DISTINCT trust_id) FROM reporting.employments") == "1")
        #expect(await psql(url, "SELECT state FROM reporting.objectives") == "proposed")
        #expect(await psql(url, "SELECT count(*) FROM reporting.cycles WHERE trust_id = '\(other.id)'") == "0")
        // No base table, not even by name; no free text; no writing.
        #expect(await psql(url, "SELECT id FROM public.objectives").contains("permission denied for schema public"))
        #expect(await psql(url, "SELECT title FROM reporting.objectives").contains("does not exist"))
        #expect(await psql(url, "SELECT * FROM reporting.objectives").contains(secret) == false)
        let written = await psql(url, "UPDATE reporting.units SET name = 'x'")
        #expect(written.contains("read-only transaction") || written.contains("permission denied"), "\(written)")
        // Every text column of every view is a name, an identifier or a state of a fixed list.
        let textColumns = await psql(url, """
            SELECT string_agg(DISTINCT column_name, ',' ORDER BY column_name) FROM information_schema.columns \
            WHERE table_schema = 'reporting' AND data_type = 'text'
            """)
        #expect(textColumns == "assessment_outcome,category,contract_type,deadline,external_id,family_name,"
                + "given_name,kind,name,phase,staff_group,state,urn,working_pattern", "\(textColumns)")

        // The login goes; so does its way in.
        let dropped = try await Self.adminPool.transaction(trustID: nil) { db in
            try ReportingLogins.drop(name: name, on: db)
        }
        #expect(dropped)
        #expect(await psql(url, "SELECT 1").contains("authentication failed"))
    }

    /// A connection URL with another login.
    static func url(_ url: String, login: String, password: String) -> String {
        url.replacingOccurrences(of: #"//[^@]*@"#, with: "//\(login):\(password)@", options: .regularExpression)
    }
}
