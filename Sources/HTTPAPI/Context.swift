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

    /// The caller's person when they may read staff records only by relationship (a user
    /// without a trust-wide role that covers them all); nil when no narrowing applies.
    var personNeedingRelationship: UUID? {
        guard let actor, Authorization.decide(actor.caller, .staffRead) != .allow else { return nil }
        switch actor {
        case .user(_, let person, _, _, _), .sso(_, let person, _, _): return person
        default: return nil
        }
    }

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
        // Say which rule the value broke (issue 10 item 24).
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw Problem.invalidParameter(name, "must not contain U+0000")
        }
        guard !text.isEmpty, text.unicodeScalars.count <= max else {
            throw Problem.invalidParameter(name, "must be 1 to \(max) characters")
        }
        return text
    }

    /// An RFC 3339 date-time (`2026-11-23T10:00:00Z`, `…T10:00:00.5+01:00`).
    func queryInstant(_ name: String) throws -> Date? {
        guard let text = queryValue(name) else { return nil }
        guard let date = RFC3339.parse(text) else {
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
                guard let value = PercentDecoding.decode(text, plusIsSpace: true) else {
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
    case user(account: UUID, person: UUID, trust: UUID, session: UUID, roles: Set<Role>)
    /// A person signed in through their trust's identity provider (OIDC bearer token).
    case sso(provider: UUID, person: UUID, trust: UUID, roles: Set<Role>)

    var caller: Caller {
        switch self {
        case .bootstrapAdministrator: return .platformAdministrator
        case .apiKey(let id, let trust, let scopes): return .apiKey(id: id, trust: trust, scopes: scopes)
        case .user(let account, let person, let trust, _, let roles): return .user(account: account, person: person, trust: trust, roles: roles)
        case .sso(let provider, let person, let trust, let roles): return .user(account: provider, person: person, trust: trust, roles: roles)
        }
    }

    var auditActor: AuditActor {
        switch self {
        case .bootstrapAdministrator: return .bootstrapAdministrator
        case .apiKey(let id, _, _):
            return AuditActor(kind: .apiKey, id: id.uuidString.lowercased(), authMethod: "api_key", effectiveRole: "integration")
        case .user(let account, _, _, _, let roles):
            return AuditActor(kind: .user, id: account.uuidString.lowercased(), authMethod: "access_token",
                              effectiveRole: roles.isEmpty ? nil : roles.map(\.rawValue).sorted().joined(separator: ","))
        case .sso(_, let person, _, let roles):
            return AuditActor(kind: .user, id: "person:" + person.uuidString.lowercased(), authMethod: "oidc",
                              effectiveRole: roles.isEmpty ? nil : roles.map(\.rawValue).sorted().joined(separator: ","))
        }
    }

    /// The trust the caller belongs to; nil for the platform administrator.
    var trustID: UUID? {
        switch self {
        case .bootstrapAdministrator: return nil
        case .apiKey(_, let trust, _), .user(_, _, let trust, _, _), .sso(_, _, let trust, _): return trust
        }
    }

    /// Stable name used to scope idempotency keys.
    var credentialName: String {
        switch self {
        case .bootstrapAdministrator: return "bootstrap-admin"
        case .apiKey(let id, _, _): return "api-key:\(id.uuidString.lowercased())"
        case .user(let account, _, _, _, _): return "account:\(account.uuidString.lowercased())"
        case .sso(_, let person, _, _): return "person:\(person.uuidString.lowercased())"
        }
    }
}

/// RFC 3339 §5.6 date-times, parsed by hand: Foundation's ISO8601DateFormatter refuses some
/// valid forms (lower-case `t`/`z`, a leap second).
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for index in range {
                guard b[index] >= 48, b[index] <= 57 else { return nil }
                value = value * 10 + Int(b[index] - 48)
            }
            return value
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, [84, 116, 32].contains(b[10]), b[13] == 58, b[16] == 58,
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
              let hour = digits(11..<13), let minute = digits(14..<16), let second = digits(17..<19),
              let date = CalendarDateCheck.valid(year: year, month: month, day: day),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < b.count, b[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case 90, 122: // Z z
            guard index + 1 == b.count else { return nil }
        case 43, 45: // + -
            guard index + 6 == b.count, b[index + 3] == 58, let hours = digits((index + 1)..<(index + 3)),
                  let minutes = digits((index + 4)..<(index + 6)), hours < 24, minutes < 60 else { return nil }
            offset = (b[index] == 45 ? -1 : 1) * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        // A leap second (:60) is read as the last instant of that minute.
        let seconds = Double(date * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset)
        return Date(timeIntervalSince1970: seconds + (second == 60 ? 0.999_999 : fraction))
    }
}

/// Days since 1970 for a valid proleptic Gregorian date, else nil.
enum CalendarDateCheck {
    static func valid(year: Int, month: Int, day: Int) -> Int? {
        guard let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        let y = month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }
}

extension Context {
    /// An integer query parameter within bounds; anything else is 400 naming it.
    func queryInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = queryValue(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalidParameter(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An integer path parameter within bounds.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let text = parameters[name], let value = Int(text), range.contains(value) else {
            throw Problem.invalidParameter(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `If-Match` when given (nil when absent): for resources created by their first PUT.
    var optionalExpectedVersion: Int? {
        get throws {
            guard request.headers["If-Match"] != nil else { return nil }
            return try ETag.expectedVersion(request)
        }
    }
}
