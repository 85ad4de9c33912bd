import Foundation
import HTTPCore
import Testing
import TestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ObservabilityTests {
    @Test func oneAccessLinePerRequestWithoutBodies() async throws {
        let capture = LogCapture()
        let server = try await TestServer(logger: capture.logger)
        let client = try server.client()
        let secret = "confidential-\(UUID())"
        let body = #"{"name": "\#(secret)", "kind": "multi_academy_trust"}"#
        try await client.send("POST /v1/trusts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nX-Request-Id: trace-42\r\n\r\n\(body)")
        #expect(try await client.readResponse()?.status == 201)
        try await client.send("GET /v1/trusts/\(UUID()) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\n\r\n")
        #expect(try await client.readResponse()?.status == 404)
        await server.stop()
        let requests = capture.captured.filter { $0.message == "request" }
        #expect(requests.count == 2)
        #expect(requests[0].metadata["method"] == "POST")
        #expect(requests[0].metadata["route"] == "/v1/trusts")
        #expect(requests[0].metadata["status"] == "201")
        #expect(requests[0].metadata["request_id"] == "trace-42")
        #expect(Double(requests[0].metadata["duration_ms"] ?? "") != nil)
        #expect(requests[1].metadata["route"] == "/v1/trusts/{trust_id}")
        #expect(!capture.captured.contains { line in line.message.contains(secret) || line.metadata.values.contains { $0.contains(secret) } })
    }

    @Test func malformedRequestIDsAreReplaced() async throws {
        let server = try await TestServer()
        let client = try server.client()
        try await client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: has spaces and \"quotes\"\r\n\r\n")
        let response = try #require(try await client.readResponse())
        let id = try #require(response.headers["X-Request-Id"])
        #expect(UUID(uuidString: id) != nil)
        try await client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: \(String(repeating: "a", count: 200))\r\n\r\n")
        #expect(UUID(uuidString: try #require(try await client.readResponse()?.headers["X-Request-Id"])) != nil)
        await server.stop()
    }

    @Test func headAnswersHeadersWithoutABody() async throws {
        let server = try await TestServer()
        let client = try server.client()
        try await client.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try #require(try await client.readResponse(headOnly: true))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(try await client.readResponse()?.text == #"{"status":"ok"}"#) // framing intact after the HEAD
        await server.stop()
    }

    @Test func metricsCountRequestsByRouteAndShowThePool() async throws {
        let api = TestAPI()
        let server = try await TestServer(api: api)
        let client = try server.client()
        for _ in 0..<3 {
            try await client.send("GET /v1/units/\(UUID()) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\nAppraise-Trust-Id: \(UUID())\r\n\r\n")
            #expect(try await client.readResponse()?.status == 404)
        }
        try await client.send("GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\n\r\n")
        let metrics = try #require(try await client.readResponse()).text
        #expect(metrics.contains(#"appraise_http_requests_total{method="GET",route="/v1/units/{unit_id}",status="404"} 3"#))
        #expect(metrics.contains(#"appraise_http_request_duration_seconds_count{route="/v1/units/{unit_id}"} 3"#))
        #expect(metrics.contains(#"appraise_db_pool_connections{state="idle"}"#))
        #expect(metrics.contains("appraise_db_pool_waiting"))
        await server.stop()
    }
}
