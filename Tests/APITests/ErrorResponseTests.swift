import Foundation
import HTTPCore
import Testing
import TestSupport

/// Every error is RFC 9457 problem+json with a stable type, the status and the request id;
/// none of them writes anything.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ErrorResponseTests {
    let api = TestAPI()

    func expectProblem(_ response: TestResponse, _ status: Int, _ type: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers["Content-Type"] == "application/problem+json", sourceLocation: sourceLocation)
        #expect(response.problemType == type, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.json["status"] as? Int == status, sourceLocation: sourceLocation)
        #expect((response.json["request_id"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect((response.json["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect((response.json["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test func unauthenticatedRequestsGet401WithChallenge() async {
        let response = await api.send("GET", "/v1/trusts", authorised: false)
        expectProblem(response, 401, "unauthenticated")
        #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        expectProblem(await api.send("GET", "/v1/trusts", headers: [("Authorization", "Bearer wrong")], authorised: false), 401, "unauthenticated")
        expectProblem(await api.send("GET", "/v1/trusts", headers: [("Authorization", "Basic \(TestAPI.adminToken)")], authorised: false), 401, "unauthenticated")
    }

    @Test func healthEndpointsAreOpen() async {
        #expect(await api.send("GET", "/healthz", authorised: false).status == 200)
        #expect(await api.send("GET", "/readyz", authorised: false).status == 200)
        #expect(await api.send("GET", "/openapi.yaml", authorised: false).text.hasPrefix("openapi: 3.1"))
        #expect(await api.send("GET", "/metrics", authorised: false).status == 401)
    }

    @Test func unknownRoutesAre404AndWrongMethods405WithAllow() async {
        expectProblem(await api.send("GET", "/v1/nothing-here"), 404, "not-found")
        let response = await api.send("PUT", "/v1/units")
        expectProblem(response, 405, "method-not-allowed")
        #expect(response.headers["Allow"]?.contains("GET") == true)
        #expect(response.headers["Allow"]?.contains("POST") == true)
    }

    @Test func badParametersAre400NamingThem() async throws {
        let trust = try await api.makeTrust()
        let badID = await api.send("GET", "/v1/units/not-a-uuid", trust: trust)
        expectProblem(badID, 400, "invalid-parameter")
        #expect(badID.errorFields == ["unit_id"])
        #expect(await api.send("GET", "/v1/units?limit=0", trust: trust).errorFields == ["limit"])
        #expect(await api.send("GET", "/v1/units?limit=201", trust: trust).errorFields == ["limit"])
        #expect(await api.send("GET", "/v1/units?cursor=garbage", trust: trust).errorFields == ["cursor"])
        #expect(await api.send("GET", "/v1/units?colour=red", trust: trust).errorFields == ["colour"])
        #expect(await api.send("GET", "/v1/units?kind=castle", trust: trust).errorFields == ["kind"])
        #expect(await api.send("GET", "/v1/units").errorFields == ["Appraise-Trust-Id"])
        expectProblem(await api.send("GET", "/v1/units?name=%ZZ", trust: trust), 400, "bad-request")
    }

    @Test func malformedBodiesAre400AndWriteNothing() async throws {
        let trust = try await api.makeTrust()
        expectProblem(await api.send("POST", "/v1/units", json: #"{"name": "#, trust: trust), 400, "bad-request")
        expectProblem(await api.send("POST", "/v1/units", json: "", trust: trust), 400, "bad-request")
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        expectProblem(await api.send("POST", "/v1/units", json: deep, trust: trust), 400, "bad-request")
        let deepObject = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        expectProblem(await api.send("POST", "/v1/units", json: deepObject, trust: trust), 400, "bad-request")
        var latin1 = TestAPI.Body.bytes([0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D])
        latin1.trust = trust
        expectProblem(await api.sendRaw("POST", "/v1/units", latin1), 400, "bad-request")
        #expect(await api.send("GET", "/v1/units", trust: trust).items.isEmpty)
    }

    @Test func wrongMediaTypesAre415And406() async throws {
        let trust = try await api.makeTrust()
        let body = #"{"name": "Central", "kind": "central_team"}"#
        expectProblem(await api.send("POST", "/v1/units", json: body, trust: trust, contentType: "text/plain"), 415, "unsupported-media-type")
        expectProblem(await api.send("POST", "/v1/units", json: body, trust: trust, contentType: "application/json; charset=latin1"), 415, "unsupported-media-type")
        expectProblem(await api.send("GET", "/v1/units", trust: trust, headers: [("Accept", "text/html")]), 406, "not-acceptable")
        #expect(await api.send("GET", "/v1/units", trust: trust, headers: [("Accept", "text/html, application/*;q=0.5")]).status == 200)
        #expect(await api.send("GET", "/v1/units", trust: trust).items.isEmpty)
    }

    @Test func invalidFieldsAre422ListingEveryFieldAndRule() async throws {
        let trust = try await api.makeTrust()
        let response = await api.send("POST", "/v1/units", json: #"{"name": " ", "kind": "school", "urn": "12", "id": "x", "colour": 1}"#, trust: trust)
        expectProblem(response, 422, "validation-failed")
        #expect(Set(response.errorFields) == ["colour", "id"]) // shape is checked before rules
        let rules = await api.send("POST", "/v1/units", json: #"{"name": " ", "kind": "school", "urn": "12"}"#, trust: trust)
        #expect(Set(rules.errorFields) == ["name", "urn"])
        #expect(await api.send("POST", "/v1/units", json: #"{"name": 5, "kind": "school"}"#, trust: trust).errorFields == ["name"])
        #expect(await api.send("POST", "/v1/units", json: #"{"kind": "school"}"#, trust: trust).errorFields == ["name"])
        #expect(await api.send("POST", "/v1/units", json: #"{"name": "A", "kind": "castle"}"#, trust: trust).errorFields == ["kind"])
        #expect(await api.send("POST", "/v1/units", json: #"{"name": "A\u0000B", "kind": "central_team"}"#, trust: trust).errorFields == ["name"])
        #expect(await api.send("POST", "/v1/units", json: "[1]", trust: trust).status == 422)
        #expect(await api.send("GET", "/v1/units", trust: trust).items.isEmpty)
    }

    /// Issue 10 item 23: parsers disagree on which duplicate wins, so a repeated key is 400 and
    /// nothing is written — at any depth, however the key is escaped.
    @Test func duplicateKeysAre400() async throws {
        let trust = try await api.makeTrust()
        for body in [#"{"name": "A", "kind": "school", "name": "B"}"#,
                     #"{"name": "A", "kind": "central_team", "n\u0061me": "B"}"#] {
            expectProblem(await api.send("POST", "/v1/units", json: body, trust: trust), 400, "bad-request")
        }
        let nested = #"{"given_name": "A", "family_name": "B", "x": [{"k": 1, "k": 2}]}"#
        expectProblem(await api.send("POST", "/v1/people", json: nested, trust: trust), 400, "bad-request")
        // The same key in sibling objects, or a key-like string value, is fine.
        let fine = #"{"name": "{\"kind\": 1, ", "kind": "central_team"}"#
        #expect(await api.send("POST", "/v1/units", json: fine, trust: trust).status == 201)
        #expect(await api.send("GET", "/v1/units", trust: trust).items.count == 1)
    }

    /// Issue 10 item 24: a query text with U+0000 is told so, not told its length.
    @Test func nulInQueryTextNamesTheRule() async throws {
        let trust = try await api.makeTrust()
        let response = await api.send("GET", "/v1/plan-items?job_title=a%00b", trust: trust)
        expectProblem(response, 400, "invalid-parameter")
        #expect(response.text.contains("U+0000"), "\(response.text)")
    }

    @Test func submittedValuesNeverEchoInErrors() async throws {
        let trust = try await api.makeTrust()
        let secret = "Confidential-appraisal-note-\(UUID())"
        let response = await api.send("POST", "/v1/people", json: #"{"given_name": 7, "family_name": "\#(secret)", "email": "\#(secret)"}"#, trust: trust)
        #expect(response.status == 422)
        #expect(!response.text.contains(secret))
    }
}

extension TestAPI {
    public struct Body: Sendable {
        var data: Data
        var trust: UUID?
        static func bytes(_ bytes: [UInt8]) -> Body { Body(data: Data(bytes)) }
    }

    func sendRaw(_ method: String, _ path: String, _ body: Body) async -> TestResponse {
        var headers = Headers([("Authorization", "Bearer \(Self.adminToken)"), ("Content-Type", "application/json")])
        if let trust = body.trust { headers.add("Appraise-Trust-Id", trust.uuidString) }
        let request = Request(method: method, path: path, headers: headers, body: body.data)
        return TestResponse(status: 0, headers: Headers(), body: Data()).replaced(by: await api.handle(request))
    }
}

extension TestResponse {
    func replaced(by response: Response) -> TestResponse {
        TestResponse(status: response.status, headers: response.headers, body: response.body)
    }
}
