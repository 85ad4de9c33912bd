import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport

/// Issue 10 item 18: connections die at any point of an idempotent write — before it, between
/// the key and the write, between the write and its stored response, during the commit — while
/// 16 writers retry with their keys. Every key ends with exactly one record and one stored
/// answer; none is left in flight. (Not named *OutageTests: those run alone, stopping the
/// cluster; this one only ends its own pool's connections, so it runs with the rest.)
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct IdempotencyRetryTests {
    static let application = "appraise-idempotency-retry"

    @Test func killedConnectionsLeaveNoDuplicateAndNoStuckKey() async throws {
        let victimPool = Pool(.init(url: TestDatabase.applicationURL, size: 8, acquireTimeout: .seconds(10),
                                    applicationName: Self.application))
        let api = TestAPI(pool: victimPool), observer = TestAPI()
        let trust = try await observer.makeTrust("Idempotency retries")
        let marker = "Retry\(Int.random(in: 100_000...999_999))"
        let writers = 16, perWriter = 4

        // Backends of the same role may be ended by each other: the test's own pool ends the victims'.
        let killer = Task {
            var killed = 0
            while !Task.isCancelled {
                killed += try await TestDatabase.pool.read(trustID: nil, """
                    SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
                    WHERE application_name = \(Self.application) AND random() < 0.5
                    """) { try $0.decode(Int.self, "killed") }.first ?? 0
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1...12)))
            }
            return killed
        }
        let answers = await withTaskGroup(of: [String: String].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var ids: [String: String] = [:]
                    for item in 0..<perWriter {
                        let key = "\(marker)-\(writer)-\(item)"
                        // No unique field: a duplicate would be created, not refused.
                        let body = #"{"given_name": "\#(key)", "family_name": "\#(marker)"}"#
                        for _ in 0..<400 {
                            let response = await api.send("POST", "/v1/people", json: body, trust: trust,
                                                          headers: [("Idempotency-Key", key)])
                            if response.status == 201, let id = response.json["id"] as? String { ids[key] = id; break }
                            // 503 (connection gone) and 409 (a dying backend still holds the key): retry.
                            #expect([503, 409].contains(response.status), "\(response.status) \(response.text)")
                            try? await Task.sleep(for: .milliseconds(Int.random(in: 2...20)))
                        }
                    }
                    return ids
                }
            }
            return await group.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
        }
        killer.cancel()
        let killed = try await killer.value
        #expect(killed > 0, "the test never ended a connection")
        #expect(answers.count == writers * perWriter, "keys without an answer: \(writers * perWriter - answers.count)")

        // One person per key, and the one each key's answer names.
        let people = try await TestDatabase.pool.read(trustID: trust, """
            SELECT given_name, id FROM people WHERE family_name = \(marker)
            """) { (try $0.decode(String.self, "given_name"), try $0.decode(UUID.self, "id").uuidString.lowercased()) }
        #expect(people.count == writers * perWriter, "duplicates: \(people.count - writers * perWriter)")
        for (key, id) in people { #expect(answers[key] == id) }
        // Every key holds its stored answer; none is stuck in flight.
        let states = try await TestDatabase.pool.read(trustID: trust, """
            SELECT state FROM idempotency_keys WHERE key LIKE \(marker + "-%")
            """) { try $0.decode(String.self, "state") }
        #expect(states.count == writers * perWriter && states.allSatisfy { $0 == "completed" })
        victimPool.close()
    }
}
