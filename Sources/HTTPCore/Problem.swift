import Foundation

/// RFC 9457 problem details, the body of every error response.
///
/// `type` is a stable URI per kind of problem (clients switch on it); `detail` is safe to
/// show to the user and never carries submitted values or database messages.
public struct Problem: Error, Sendable, Encodable {
    public struct InvalidField: Sendable, Encodable, Equatable {
        public var field: String
        public var rule: String
        public var message: String
        /// The policy clause a policy rule comes from.
        public var policyRef: Reference?
        public init(field: String, rule: String, message: String, policyRef: Reference? = nil) {
            self.field = field
            self.rule = rule
            self.message = message
            self.policyRef = policyRef
        }

        enum CodingKeys: String, CodingKey { case field, rule, message, policyRef = "policy_ref" }
    }

    /// A citation of the trust's policy (the API layer fills it from the domain's `PolicyRef`).
    public struct Reference: Sendable, Encodable, Equatable {
        public var policyVersionId: String?
        public var policyVersion: Int?
        public var presetId: String?
        public var path: String
        public var section: String
        public var clause: String
        public init(policyVersionId: String?, policyVersion: Int?, presetId: String?, path: String, section: String,
                    clause: String) {
            self.policyVersionId = policyVersionId; self.policyVersion = policyVersion; self.presetId = presetId
            self.path = path; self.section = section; self.clause = clause
        }

        enum CodingKeys: String, CodingKey {
            case policyVersionId = "policy_version_id", policyVersion = "policy_version", presetId = "preset_id"
            case path, section, clause
        }
    }

    public static let typeBase = "https://appraise.example/problems/"

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [InvalidField]?
    /// For a refusal by a policy rule (403): the clause it comes from.
    public var policyRef: Reference?
    /// Extra response headers (`Allow` for 405, `Retry-After` for 429/503).
    public var headers: [(String, String)] = []

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors, policyRef = "policy_ref" }

    public init(status: Int, type: String, title: String, detail: String,
                errors: [InvalidField]? = nil, headers: [(String, String)] = []) {
        self.type = Self.typeBase + type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    public func response(requestID: String) -> Response {
        struct Body: Encodable {
            let problem: Problem
            let requestID: String
            func encode(to encoder: any Encoder) throws {
                try problem.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(requestID, forKey: Key(stringValue: "request_id"))
            }
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(Body(problem: self, requestID: requestID))) ?? Data()
        var headers = Headers([("Content-Type", "application/problem+json")])
        for (name, value) in self.headers { headers.add(name, value) }
        return Response(status: status, headers: headers, body: body)
    }

    // Problems the protocol layer itself raises.
    public static func badRequest(_ detail: String) -> Problem {
        Problem(status: 400, type: "bad-request", title: "Bad request", detail: detail)
    }
    public static func contentTooLarge(limit: Int) -> Problem {
        Problem(status: 413, type: "content-too-large", title: "Content too large",
                detail: "The request body exceeds the limit of \(limit) bytes.")
    }
    public static let headersTooLarge = Problem(status: 431, type: "headers-too-large",
                                                title: "Request header fields too large",
                                                detail: "The request line and headers exceed the server's limit.")
    public static let requestTimeout = Problem(status: 408, type: "request-timeout", title: "Request timeout",
                                               detail: "The request was not received in time.")
    public static let expectationFailed = Problem(status: 417, type: "expectation-failed", title: "Expectation failed",
                                                  detail: "Only 'Expect: 100-continue' is supported.")
    public static let overloaded = Problem(status: 503, type: "overloaded", title: "Service unavailable",
                                           detail: "The server is at its connection limit; retry shortly.",
                                           headers: [("Retry-After", "1")])
    public static let shuttingDown = Problem(status: 503, type: "shutting-down", title: "Service unavailable",
                                             detail: "The server is shutting down; retry shortly.",
                                             headers: [("Retry-After", "1")])
}
