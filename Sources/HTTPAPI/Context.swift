import Domain
import Foundation
import HTTPCore

/// Everything a route handler needs about one request.
struct Context: Sendable {
    let request: Request
    let route: String
    let parameters: [String: String]
    let query: [(name: String, value: String)]
    var actor: Actor?

    /// Who and which request, for the audit log.
    var audit: AuditContext {
        AuditContext(actor: actor?.auditActor ?? AuditActor(kind: .user, id: nil, authMethod: "none", effectiveRole: nil),
                     requestID: request.requestID, clientAddress: request.remoteAddress)
    }

    /// A path parameter that must be a UUID; anything else is 400 naming the parameter.
    func uuid(_ name: String) throws -> UUID {
        guard let text = parameters[name], let id = UUID(uuidString: text) else {
            throw Problem.invalidParameter(name, "must be a UUID")
        }
        return id
    }

    func queryValue(_ name: String) -> String? {
        query.last { $0.name == name }?.value
    }

    /// Refuses parameters the operation does not define, so a typo is not silently ignored.
    func allowQuery(_ names: Set<String>) throws {
        for item in query where !names.contains(item.name) {
            throw Problem.invalidParameter(item.name, "is not a parameter of this operation")
        }
        for name in names where query.filter({ $0.name == name }).count > 1 {
            throw Problem.invalidParameter(name, "must be given at most once")
        }
    }

    func queryUUID(_ name: String) throws -> UUID? {
        guard let text = queryValue(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw Problem.invalidParameter(name, "must be a UUID") }
        return id
    }

    func queryText(_ name: String, max: Int = 200) throws -> String? {
        guard let text = queryValue(name) else { return nil }
        guard !text.isEmpty, text.unicodeScalars.count <= max, !text.unicodeScalars.contains("\u{0}") else {
            throw Problem.invalidParameter(name, "must be 1 to \(max) characters")
        }
        return text
    }

    /// An RFC 3339 date-time (`2026-11-23T10:00:00Z`, fractional seconds allowed).
    func queryInstant(_ name: String) throws -> Date? {
        guard let text = queryValue(name) else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) else {
            throw Problem.invalidParameter(name, "must be an RFC 3339 date-time such as 2026-11-23T10:00:00Z")
        }
        return date
    }

    func queryURN(_ name: String) throws -> String? {
        guard let text = queryValue(name) else { return nil }
        guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw Problem.invalidParameter(name, "must be a six-digit DfE URN")
        }
        return text
    }

    func queryEnum<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = queryValue(name) else { return nil }
        guard let value = E(rawValue: text) else {
            throw Problem.invalidParameter(name, "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// `limit` (1…200, default 50) and the opaque `cursor` from a previous page's `next_cursor`.
    func page() throws -> PageRequest {
        var page = PageRequest()
        if let text = queryValue("limit") {
            guard let limit = Int(text), (1...PageRequest.maximumLimit).contains(limit) else {
                throw Problem.invalidParameter("limit", "must be an integer from 1 to \(PageRequest.maximumLimit)")
            }
            page.limit = limit
        }
        if let cursor = queryValue("cursor") {
            guard let after = Cursor.decode(cursor) else {
                throw Problem.invalidParameter("cursor", "must be the next_cursor of a previous page (a UUID)")
            }
            page.after = after
        }
        return page
    }

    /// Parses a raw query string; malformed percent-encoding is 400.
    static func parseQuery(_ raw: String) throws -> [(name: String, value: String)] {
        guard !raw.isEmpty else { return [] }
        return try raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) throws -> String {
                guard let value = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw Problem.badRequest("The query string is not valid percent-encoded UTF-8.")
                }
                return value
            }
            return (try decode(parts[0]), parts.count > 1 ? try decode(parts[1]) : "")
        }
    }
}

/// Page cursors are the id of the previous page's last item (as Stripe's `starting_after`):
/// any id is a well-defined position in creation order, so a cursor can never be "corrupt".
enum Cursor {
    static func encode(_ after: UUID) -> String { after.uuidString.lowercased() }
    static func decode(_ cursor: String) -> UUID? { UUID(uuidString: cursor) }
}

/// Who is calling: the break-glass administrator token from configuration (platform scope),
/// or an API key of one trust.
enum Actor: Sendable, Equatable {
    case bootstrapAdministrator
    case apiKey(id: UUID, trust: UUID, scopes: Set<APIScope>)

    var caller: Caller {
        switch self {
        case .bootstrapAdministrator: return .platformAdministrator
        case .apiKey(let id, let trust, let scopes): return .apiKey(id: id, trust: trust, scopes: scopes)
        }
    }

    var auditActor: AuditActor {
        switch self {
        case .bootstrapAdministrator: return .bootstrapAdministrator
        case .apiKey(let id, _, _):
            return AuditActor(kind: .apiKey, id: id.uuidString.lowercased(), authMethod: "api_key", effectiveRole: "integration")
        }
    }

    /// Stable name used to scope idempotency keys.
    var credentialName: String {
        switch self {
        case .bootstrapAdministrator: return "bootstrap-admin"
        case .apiKey(let id, _, _): return "api-key:\(id.uuidString.lowercased())"
        }
    }
}
