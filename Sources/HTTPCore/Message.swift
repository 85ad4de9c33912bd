import Foundation

/// Header fields, case-insensitive by name, order kept.
///
/// Lookups compare ASCII case-insensitively by hand: Foundation's `caseInsensitiveCompare`
/// goes through CFString and was a visible cost at a dozen lookups per request.
public struct Headers: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// The first value for `name`.
    public subscript(name: String) -> String? {
        for field in fields where Self.sameName(field.name, name) { return field.value }
        return nil
    }

    public func values(_ name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every value of `name` with one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name, value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// Header names are ASCII tokens (RFC 9110 §5.1): fold A–Z only.
    static func sameName(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x == y { continue }
                let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
                let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
                if lx != ly { return false }
            default: return false
            }
        }
    }
}

/// A parsed HTTP/1.1 request with its whole body (bounded by the server's body limit).
public struct Request: Sendable {
    public var method: String
    /// The path exactly as sent (still percent-encoded), without the query.
    public var path: String
    /// The raw query string after `?`, still percent-encoded.
    public var rawQuery: String
    public var version: String
    public var headers: Headers
    public var body: Data
    public var remoteAddress: String?
    /// Accepted from `X-Request-Id` when well-formed, otherwise generated.
    public var requestID: String

    public init(method: String, path: String, rawQuery: String = "", version: String = "HTTP/1.1",
                headers: Headers = Headers(), body: Data = Data(), remoteAddress: String? = nil,
                requestID: String = RequestID.random()) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }

    /// RFC 9112 §9.3: HTTP/1.1 persists unless `close`; HTTP/1.0 only with `keep-alive`.
    public var wantsKeepAlive: Bool {
        let tokens = headers.values("Connection")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if version == "HTTP/1.1" { return !tokens.contains("close") }
        return tokens.contains("keep-alive")
    }
}

public struct Response: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: Data
    /// The route template that handled the request (`/v1/units/{id}`), for logs and metrics;
    /// never sent.
    public var route: String?

    public init(status: Int, headers: Headers = Headers(), body: Data = Data(), route: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.route = route
    }

    /// Serialises status line, headers and body into one buffer: one write per response,
    /// so Nagle's algorithm never holds back a lone body segment.
    func encoded(keepAlive: Bool, headOnly: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers.fields
        where !Headers.sameName(name, "Content-Length") && !Headers.sameName(name, "Connection") {
            head += "\(name): \(value)\r\n"
        }
        if status != 204 && status != 304 && !(100..<200).contains(status) {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var data = Data(head.utf8)
        if !headOnly { data.append(body) }
        return data
    }

    public static func reason(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 422: return "Unprocessable Content"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}
