@testable import HTTPAPI
@testable import HTTPCore
import Foundation
import Logging
import Testing

@Suite struct LoggingTests {
    @Test func logLinesAreValidJSONWhateverTheText() throws {
        var line = "{"
        JSONLogHandler.appendQuoted("k", to: &line)
        line += ":"
        JSONLogHandler.appendQuoted("quote \" slash \\ newline \n tab \t bell \u{07} é", to: &line)
        line += "}"
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(decoded?["k"] == "quote \" slash \\ newline \n tab \t bell \u{07} é")
    }

    @Test func headerNamesMatchIgnoringASCIICase() {
        #expect(Headers.sameName("Content-Length", "content-length"))
        #expect(Headers.sameName("X-REQUEST-ID", "x-request-id"))
        #expect(!Headers.sameName("Content-Length", "Content-Lengt"))
        #expect(!Headers.sameName("a", "b"))
        let headers = Headers([("ETag", "\"1\""), ("etag", "\"2\"")])
        #expect(headers.values("ETAG") == ["\"1\"", "\"2\""])
    }

    @Test func unknownErrorsBecomeAGeneric500() {
        struct Surprise: Error {}
        let problem = ErrorMapping.problem(for: Surprise(), logger: Logger(label: "test"), requestID: "r")
        #expect(problem.status == 500)
        #expect(problem.type.hasSuffix("internal-error"))
        #expect(!problem.detail.contains("Surprise"))
    }
}
