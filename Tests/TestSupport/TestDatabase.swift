import App
import Domain
import Foundation
import HTTPAPI
import HTTPCore
import Logging
import Postgres

/// The database `make test` started (scripts/test.sh exports its URLs). Tests that need it
/// are enabled only when it is there, so `swift test` alone still runs the pure tests.
public enum TestDatabase {
    public static let environment = ProcessInfo.processInfo.environment
    public static var isAvailable: Bool { environment["DATABASE_URL"] != nil }
    public static var applicationURL: String { environment["DATABASE_URL"] ?? "postgresql://unset" }
    public static var ownerURL: String { environment["DATABASE_OWNER_URL"] ?? applicationURL }

    /// One pool per test process, as in the server.
    public static let pool = Pool(.init(url: applicationURL, size: 8, acquireTimeout: .seconds(10),
                                        connectTimeoutSeconds: 2, applicationName: "appraise-tests"))
    public static let ownerPool = Pool(.init(url: ownerURL, size: 2, applicationName: "appraise-tests-owner"))

    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// An in-process API against the test database, plus helpers to call it.
public struct TestAPI: Sendable {
    public static let adminToken = "test-admin-token-0123456789abcdefghijklmnop"
    public static let tokenSecret = "test-token-secret-0123456789abcdefghijklmnop"
    public let api: API
    public let environment: AppEnvironment

    public init(authFailureLimit: Int = 1_000, corsOrigins: [String] = [], pool: Pool = TestDatabase.pool,
                reportingPool: Pool? = nil, trustedProxies: TrustedProxies = .none, clock: Clock = .system,
                rateLimitPerMinute: Int = 1_000_000, docsDirectory: String = ".build-docs/swagger-ui") {
        // The fewest PBKDF2 rounds swift-crypto allows, to keep logins in tests quick.
        environment = AppEnvironment(pool: pool, reportingPool: reportingPool, clock: clock, passwordRounds: 210_000)
        let root = TestDatabase.repositoryRoot
        let document = (try? Data(contentsOf: root.appendingPathComponent("openapi.yaml"))) ?? Data()
        let migrations = try? Migrator(directory: root.appendingPathComponent("migrations"))
        api = API(environment: environment,
                  configuration: APIConfiguration(adminToken: Self.adminToken, tokenSecret: Self.tokenSecret, corsAllowedOrigins: corsOrigins,
                                                  authFailureLimit: authFailureLimit, trustedProxies: trustedProxies,
                                                  openAPIDocument: document,
                                                  expectedMigration: migrations?.latestVersion ?? 0,
                                                  // Test receivers listen on loopback over plain http.
                                                  webhookAllowHTTP: true, rateLimitPerMinute: rateLimitPerMinute,
                                                  referenceDocs: ReferenceDocs(
                                                      directory: root.appendingPathComponent(docsDirectory).path)),
                  logger: Logger(label: "test"))
    }

    /// Sends a request through the whole API pipeline (routing, auth, handlers, errors).
    public func send(_ method: String, _ target: String, json: String? = nil, trust: UUID? = nil,
                     headers: [(String, String)] = [], authorised: Bool = true,
                     contentType: String = "application/json", data: Data? = nil) async -> TestResponse {
        var fields = Headers()
        if authorised { fields.add("Authorization", "Bearer \(Self.adminToken)") }
        if let trust { fields.add("Appraise-Trust-Id", trust.uuidString.lowercased()) }
        if json != nil || data != nil { fields.add("Content-Type", contentType) }
        for (name, value) in headers { fields.add(name, value) }
        let parts = target.split(separator: "?", maxSplits: 1)
        let request = Request(method: method, path: String(parts[0]), rawQuery: parts.count > 1 ? String(parts[1]) : "",
                              headers: fields, body: data ?? Data((json ?? "").utf8), remoteAddress: "127.0.0.1")
        return TestResponse(await api.handle(request))
    }

    /// Creates a trust and returns its id.
    public func makeTrust(_ name: String = "Test Trust") async throws -> UUID {
        let response = await send("POST", "/v1/trusts", json: #"{"name": "\#(name)", "kind": "multi_academy_trust"}"#)
        guard response.status == 201, let id = response.json["id"] as? String, let uuid = UUID(uuidString: id) else {
            throw TestFailure("could not create trust: \(response.status) \(response.text)")
        }
        return uuid
    }

    /// Creates a record and returns its id.
    public func create(_ collection: String, _ json: String, trust: UUID) async throws -> UUID {
        let response = await send("POST", collection, json: json, trust: trust)
        guard response.status == 201, let id = response.json["id"] as? String, let uuid = UUID(uuidString: id) else {
            throw TestFailure("could not create in \(collection): \(response.status) \(response.text)")
        }
        return uuid
    }
}

public struct TestResponse: Sendable {
    public let status: Int
    public let headers: Headers
    public let body: Data

    init(_ response: Response) {
        status = response.status
        headers = response.headers
        body = response.body
    }

    public init(status: Int, headers: Headers, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    public var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    /// Field names in a problem's `errors` list.
    public var errorFields: [String] { (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
    public var problemType: String? { (json["type"] as? String)?.components(separatedBy: "/").last }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
