import Foundation

/// The request line and header fields, parsed in one linear pass (FlyingFox 0.27.1's parser
/// is quadratic in header length and unbounded; this one only ever sees a buffer the
/// connection already capped at `maxHeaderBytes`).
struct RequestHead: Sendable {
    var method: String
    var path: String
    var rawQuery: String
    var version: String
    var headers: Headers

    enum ParseError: Error, Equatable {
        case malformed(String)
        case versionNotSupported
    }

    /// `bytes` holds everything before the blank line that ends the head.
    static func parse(_ bytes: ArraySlice<UInt8>) throws -> RequestHead {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                var end = index
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                lines.append(bytes[start..<end])
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex {
            var end = bytes.endIndex
            if bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(bytes[start..<end])
        }
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        guard let requestLine = lines.first else { throw ParseError.malformed("The request line is missing.") }

        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ParseError.malformed("The request line is not 'METHOD target HTTP-version'.")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw ParseError.malformed("The method is not a token.") }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/1.") else {
            if version.hasPrefix("HTTP/") { throw ParseError.versionNotSupported }
            throw ParseError.malformed("The HTTP version is malformed.")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw ParseError.versionNotSupported }
        // The target: origin-form (`/path?query`), or absolute-form from a proxy.
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ParseError.malformed("The request target contains characters that must be percent-encoded.")
        }
        var target = String(decoding: parts[1], as: UTF8.self)
        if !target.hasPrefix("/") {
            if let schemeEnd = target.range(of: "://"), target.hasPrefix("http") {
                let afterScheme = target[schemeEnd.upperBound...]
                target = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
            } else if target == "*" {
                target = "*"
            } else {
                throw ParseError.malformed("The request target must be an absolute path.")
            }
        }
        let path: String
        let query: String
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = ""
        }

        var headers = Headers()
        for line in lines.dropFirst() {
            guard let first = line.first else { continue }
            // RFC 9112 §5.2: obsolete line folding must be rejected (or replaced); we reject.
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                throw ParseError.malformed("Folded header lines are not accepted.")
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw ParseError.malformed("A header line has no colon.")
            }
            let name = line[line.startIndex..<colon]
            // RFC 9112 §5.1: no whitespace between the field name and the colon.
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
                throw ParseError.malformed("A header name is not a token.")
            }
            var value = line[(colon + 1)...]
            while let byte = value.first, byte == 0x20 || byte == 0x09 { value = value.dropFirst() }
            while let byte = value.last, byte == 0x20 || byte == 0x09 { value = value.dropLast() }
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw ParseError.malformed("A header value contains control characters.")
            }
            headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
        }
        // RFC 9112 §3.2: a 1.1 request without a Host field, or any request with more than one,
        // gets 400 — a proxy and this server could otherwise disagree on which host is meant.
        let hosts = headers.values("Host").count
        guard hosts <= 1, hosts == 1 || version == "HTTP/1.0" else {
            throw ParseError.malformed(hosts == 0 ? "An HTTP/1.1 request needs a Host header."
                                                    : "A request has one Host header, not several.")
        }
        return RequestHead(method: String(decoding: parts[0], as: UTF8.self), path: path, rawQuery: query,
                           version: version, headers: headers)
    }

    /// RFC 9110 §5.6.2 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

/// How the body of a request is framed (RFC 9112 §6).
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked

    enum Failure: Error, Equatable {
        case malformed(String)
        case tooLarge
    }

    static func of(_ headers: Headers, limit: Int) throws -> BodyFraming {
        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !encodings.isEmpty {
            // §6.1: both present is a smuggling vector; refuse.
            guard lengths.isEmpty else {
                throw Failure.malformed("Content-Length and Transfer-Encoding must not both be sent.")
            }
            let codings = encodings.flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard codings == ["chunked"] else {
                throw Failure.malformed("Only 'Transfer-Encoding: chunked' is supported.")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        let values = Set(lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
        guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
              text.allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(text) else {
            throw Failure.malformed("Content-Length is not a single non-negative integer.")
        }
        // The 413 is decided here, from the declared length, before a byte of body is read.
        guard length <= limit else { throw Failure.tooLarge }
        return length == 0 ? .none : .length(length)
    }
}
