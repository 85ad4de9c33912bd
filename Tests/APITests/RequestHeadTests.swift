@testable import HTTPCore
import Testing

@Suite struct RequestHeadTests {
    func parse(_ text: String) throws -> RequestHead { try RequestHead.parse(ArraySlice(Array(text.utf8))) }

    @Test func parsesRequestLineQueryAndHeaders() throws {
        let head = try parse("GET /v1/units?limit=2&kind=school HTTP/1.1\r\nHost: a\r\nX-Many:  one \r\nx-many: two")
        #expect(head.method == "GET")
        #expect(head.path == "/v1/units")
        #expect(head.rawQuery == "limit=2&kind=school")
        #expect(head.headers["host"] == "a")
        #expect(head.headers.values("X-Many") == ["one", "two"])
    }

    @Test func acceptsAbsoluteFormAndBareLineFeeds() throws {
        #expect(try parse("GET http://example.org/healthz HTTP/1.1\nHost: a").path == "/healthz")
    }

    @Test(arguments: ["GET /x", "GET  /x HTTP/1.1", "G(T /x HTTP/1.1", "GET x HTTP/1.1", "GET /x FTP/1.0",
                      "GET /x HTTP/1.1\r\nNo-Colon", "GET /x HTTP/1.1\r\nBad Name: v", "GET /x HTTP/1.1\r\n\tfold",
                      "GET /x HTTP/1.1\r\nA: b\u{01}c", "GET /caf\u{e9} HTTP/1.1"])
    func refusesMalformedHeads(_ text: String) {
        #expect(throws: RequestHead.ParseError.self) { try parse(text) }
    }

    /// RFC 9112 §3.2: exactly one Host in HTTP/1.1; at most one in HTTP/1.0.
    @Test func hostIsRequiredOnceInHTTP11() throws {
        #expect(throws: RequestHead.ParseError.self) { try parse("GET /x HTTP/1.1\r\nAccept: */*") }
        #expect(throws: RequestHead.ParseError.self) { try parse("GET /x HTTP/1.1\r\nHost: a\r\nhost: b") }
        #expect(throws: RequestHead.ParseError.self) { try parse("GET /x HTTP/1.0\r\nHost: a\r\nHost: a") }
        #expect(try parse("GET /x HTTP/1.0").path == "/x")
        #expect(try parse("GET /x HTTP/1.1\r\nHost: api.example").headers["host"] == "api.example")
    }

    @Test func refusesHTTP2AndLater() {
        #expect(throws: RequestHead.ParseError.versionNotSupported) { try parse("GET /x HTTP/2.0") }
    }

    @Test func framingFollowsRFC9112() throws {
        let limit = 100
        #expect(try BodyFraming.of(Headers([("Content-Length", "10")]), limit: limit) == .length(10))
        #expect(try BodyFraming.of(Headers([("Content-Length", "10, 10")]), limit: limit) == .length(10))
        #expect(try BodyFraming.of(Headers([("Transfer-Encoding", "chunked")]), limit: limit) == .chunked)
        #expect(try BodyFraming.of(Headers(), limit: limit) == .none)
        #expect(throws: BodyFraming.Failure.tooLarge) { try BodyFraming.of(Headers([("Content-Length", "101")]), limit: limit) }
        #expect(throws: BodyFraming.Failure.self) { try BodyFraming.of(Headers([("Content-Length", "10"), ("Content-Length", "11")]), limit: limit) }
        #expect(throws: BodyFraming.Failure.self) { try BodyFraming.of(Headers([("Content-Length", "+5")]), limit: limit) }
        #expect(throws: BodyFraming.Failure.self) { try BodyFraming.of(Headers([("Transfer-Encoding", "gzip")]), limit: limit) }
        #expect(throws: BodyFraming.Failure.self) {
            try BodyFraming.of(Headers([("Transfer-Encoding", "chunked"), ("Content-Length", "3")]), limit: limit)
        }
    }
}

@testable import HTTPAPI

@Suite struct RFC3339Tests {
    @Test func parsesTheFormsRFC3339Allows() {
        #expect(RFC3339.parse("2026-11-23T10:00:00Z")?.timeIntervalSince1970 == 1_795_428_000)
        #expect(RFC3339.parse("2026-11-23t10:00:00z")?.timeIntervalSince1970 == 1_795_428_000)
        #expect(RFC3339.parse("2026-11-23T11:00:00+01:00")?.timeIntervalSince1970 == 1_795_428_000)
        #expect(RFC3339.parse("2026-11-23T10:00:00.250Z")?.timeIntervalSince1970 == 1_795_428_000.25)
        #expect(RFC3339.parse("0044-12-09T23:30:15.174284Z") != nil)
        #expect(RFC3339.parse("2016-12-31T23:59:60Z") != nil)
    }

    @Test(arguments: ["2026-11-23", "2026-02-30T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T10:00:00",
                      "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00+1:00", "yesterday", "2026-11-23T10:00:00Zjunk"])
    func refusesEverythingElse(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }
}
