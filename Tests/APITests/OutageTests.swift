import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// Stops PostgreSQL while the API runs: requests get 503 (never a crash or a hang), and once
/// the database is back the next requests succeed without restarting anything. Run on its
/// own by scripts/test.sh (`--filter OutageTests`), since it takes the database away.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["APPRAISE_TEST_PG_CLUSTER"] != nil,
                "needs the throwaway cluster from `make test`"))
struct OutageTests {
    /// Runs scripts/pg.sh on a dispatch thread with system(3): Foundation's Process on Linux
    /// can miss the child's exit inside the test runner and wait forever.
    func cluster(_ command: String) async throws {
        let script = TestDatabase.repositoryRoot.appendingPathComponent("scripts/pg.sh").path
        let name = ProcessInfo.processInfo.environment["APPRAISE_TEST_PG_CLUSTER"]!
        let status = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: system("bash '\(script)' \(command) '\(name)' > /dev/null"))
            }
        }
        guard status == 0 else { throw TestFailure("pg.sh \(command) failed with \(status)") }
    }

    @Test func databaseRestartIsSurvived() async throws {
        let server = try await TestServer()
        let api = server.api
        // Warm every pooled connection so they all go stale together.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 { group.addTask { _ = await api.send("GET", "/v1/trusts?limit=1") } }
        }
        #expect(await api.send("GET", "/v1/trusts?limit=1").status == 200)

        try await cluster("stop")
        var outageStatuses: [Int] = []
        for _ in 0..<5 {
            let response = await api.send("GET", "/v1/trusts?limit=1")
            outageStatuses.append(response.status)
            if response.status == 503 { #expect(response.headers["Retry-After"] != nil) }
        }
        #expect(outageStatuses.allSatisfy { $0 == 503 }, "\(outageStatuses)")
        #expect(await api.send("GET", "/readyz", authorised: false).status == 503)
        #expect(await api.send("GET", "/healthz", authorised: false).status == 200) // the process itself is fine
        let client = try server.client()
        try await client.send("GET /v1/trusts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\n\r\n")
        #expect(try await client.readResponse()?.status == 503)

        try await cluster("start")
        // Idempotent writes, whose transaction spans the request (issue 10 item 18), are not
        // refused either: each pooled connection gone stale is replaced before the write begins.
        let writes = await withTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let body = #"{"name": "After restart \#(index)", "kind": "multi_academy_trust"}"#
                    return await api.send("POST", "/v1/trusts", json: body,
                                          headers: [("Idempotency-Key", "after-restart-\(UUID())")]).status
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(writes.allSatisfy { $0 == 201 }, "\(writes)")
        // The first requests after the restart succeed: stale connections are replaced.
        var afterStatuses: [Int] = []
        for _ in 0..<10 { afterStatuses.append(await api.send("GET", "/v1/trusts?limit=1").status) }
        #expect(afterStatuses.allSatisfy { $0 == 200 }, "\(afterStatuses)")
        try await client.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await client.readResponse()?.status == 200)
        await server.stop()
    }
}
