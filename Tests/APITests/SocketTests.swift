import Domain
import Foundation
import HTTPCore
import Testing
import TestSupport

/// The HTTP surface over real sockets: framing, limits, timeouts, keep-alive, shutdown.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct SocketTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        let server = try await TestServer()
        let client = try server.client()
        for index in 0..<3 {
            try await client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-\(index)\r\n\r\n")
            let response = try #require(try await client.readResponse())
            #expect(response.status == 200)
            #expect(response.headers["X-Request-Id"] == "req-\(index)")
            #expect(response.headers["Cache-Control"] == "no-store")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Connection"] == "keep-alive")
        }
        // Pipelined requests are answered in order.
        try await client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await client.readResponse()?.status == 200)
        #expect(try await client.readResponse()?.status == 404)
        await server.stop()
    }

    @Test func oversizedBodyGets413BeforeItIsSent() async throws {
        let server = try await TestServer()
        let client = try server.client()
        // Declare 10 MB and send none of it: the answer must come anyway, then the close.
        try await client.send("POST /v1/trusts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n")
        let response = try #require(try await client.readResponse())
        #expect(response.status == 413)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.headers["Connection"] == "close")
        #expect(await client.isClosedByServer())
        await server.stop()
    }

    @Test func chunkedBodiesAreCountedAgainstTheLimit() async throws {
        let server = try await TestServer { $0.maxBodyBytes = 1_024 }
        let client = try server.client()
        let chunk = String(repeating: "a", count: 800)
        try await client.send("POST /v1/trusts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n0\r\n\r\n")
        #expect(try await client.readResponse()?.status == 413)
        let small = try server.client()
        let body = #"{"name":"Chunky Trust","kind":"multi_academy_trust"}"#
        let hex = String(body.utf8.count, radix: 16)
        try await small.send("POST /v1/trusts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\(hex)\r\n\(body)\r\n0\r\n\r\n")
        #expect(try await small.readResponse()?.status == 201)
        await server.stop()
    }

    @Test func expectContinueIsAnswered() async throws {
        let server = try await TestServer()
        let client = try server.client()
        let body = #"{"name":"Patient Trust","kind":"local_authority"}"#
        try await client.send("POST /v1/trusts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
        #expect(try await client.readResponse()?.status == 100)
        try await client.send(body)
        #expect(try await client.readResponse()?.status == 201)
        await server.stop()
    }

    @Test func oversizedHeadersGet431AndMalformedRequests400() async throws {
        let server = try await TestServer()
        let big = try server.client()
        try await big.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n")
        #expect(try await big.readResponse()?.status == 431)
        for malformed in ["NOT A REQUEST\r\n\r\n", "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
                          "GET /healthz HTTP/1.1\r\n folded: x\r\n\r\n",
                          "POST /v1/trusts HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                          "POST /v1/trusts HTTP/1.1\r\nContent-Length: -1\r\n\r\n"] {
            let client = try server.client()
            try await client.send(malformed)
            let response = try #require(try await client.readResponse())
            #expect(response.status == 400, "\(malformed)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        await server.stop()
    }

    @Test func slowClientsAreCutOffWithoutStallingOthers() async throws {
        let server = try await TestServer { $0.clientTimeout = .seconds(1); $0.idleTimeout = .seconds(1) }
        let slow = try server.client()
        try await slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n") // never finishes its head
        let other = try server.client()
        try await other.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await other.readResponse()?.status == 200)
        let timedOut = try #require(try await slow.readResponse())
        #expect(timedOut.status == 408)
        #expect(await slow.isClosedByServer())
        // An idle keep-alive connection is closed after the idle timeout.
        #expect(await other.isClosedByServer())
        await server.stop()
    }

    @Test func shutdownLetsInFlightRequestsFinish() async throws {
        let server = try await TestServer { $0.shutdownGrace = .seconds(5) }
        let client = try server.client()
        let body = #"{"name":"Draining Trust","kind":"multi_academy_trust"}"#
        // Send the head now and the body after shutdown began: the request is in flight.
        try await client.send("POST /v1/trusts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestAPI.adminToken)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        try await Task.sleep(for: .milliseconds(100))
        let idle = try server.client()
        try await idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await idle.readResponse()?.status == 200)
        try await Task.sleep(for: .milliseconds(50))
        async let stopping: Void = server.stop()
        try await Task.sleep(for: .milliseconds(100))
        try await client.send(body)
        let response = try #require(try await client.readResponse())
        #expect(response.status == 201)
        #expect(response.headers["Connection"] == "close")
        await stopping
        #expect(await idle.isClosedByServer())
        #expect(server.server.openConnections == 0)
    }

    @Test func corsFollowsTheAllowlist() async throws {
        let server = try await TestServer(api: TestAPI(corsOrigins: ["https://app.example.org"]))
        let client = try server.client()
        try await client.send("OPTIONS /v1/units HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.org\r\nAccess-Control-Request-Method: POST\r\n\r\n")
        let preflight = try #require(try await client.readResponse())
        #expect(preflight.status == 204)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "https://app.example.org")
        #expect(preflight.headers["Access-Control-Allow-Headers"]?.contains("Idempotency-Key") == true)
        try await client.send("GET /healthz HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n")
        #expect(try await client.readResponse()?.headers["Access-Control-Allow-Origin"] == nil)
        await server.stop()
    }

    @Test func repeatedAuthenticationFailuresGet429() async throws {
        let api = TestAPI(authFailureLimit: 3)
        for _ in 0..<3 { #expect(await api.send("GET", "/v1/trusts", authorised: false).status == 401) }
        let limited = await api.send("GET", "/v1/trusts", authorised: false)
        #expect(limited.status == 429)
        #expect(Int(limited.headers["Retry-After"] ?? "") ?? 0 > 0)
        // A valid credential is never refused by the limit (issue 10 item 25): a neighbour's
        // failures, or one's own typos, do not lock a client out. Tokens are 256-bit, so
        // answering a valid one gives a guesser nothing it could have found.
        #expect(await api.send("GET", "/v1/trusts").status == 200)
        #expect(await api.send("GET", "/v1/trusts", authorised: false).status == 429)
    }
}

/// Every route the server has is in openapi.yaml and vice versa (the contract cannot drift).
@Suite struct ContractTests {
    /// `/v1/me` lists the caller's permissions by name: the contract's enum names every one.
    @Test func theContractNamesEveryPermission() throws {
        let document = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("openapi.yaml"),
                                  encoding: .utf8)
        let line = try #require(document.components(separatedBy: "\n").first {
            $0.contains("enum: [anyone, authenticated, platform,")
        })
        for permission in Permission.allCases {
            let name = permission.rawValue
            #expect(["[\(name),", " \(name),", " \(name)]"].contains { line.contains($0) },
                    "\(permission.rawValue) is missing from the Me schema's permissions")
        }
    }

    @Test func routesAndOpenAPIDocumentAgree() throws {
        let document = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var documented: Set<String> = []
        var currentPath: String?
        var inPaths = false
        for line in document.components(separatedBy: "\n") {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, !line.hasPrefix(" "), !line.isEmpty { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { currentPath = String(line.dropFirst(2).dropLast()) }
            for method in ["get", "post", "put", "patch", "delete"] where line == "    \(method):" {
                documented.insert("\(method.uppercased()) \(currentPath ?? "?")")
            }
        }
        let served = Set(TestAPI(pool: TestDatabase.pool).api.routeTable)
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
        #expect(served.count >= 20)
    }
}
