import Foundation

/// What an API key may do (issue 3 §1). Keys are for integrations: HR/MIS systems pushing
/// staff in, reporting tools pulling data out.
public enum APIScope: String, Sendable, Codable, CaseIterable, Comparable {
    case staffRead = "staff:read"
    case staffWrite = "staff:write"
    case appraisalsRead = "appraisals:read"
    case reportsRead = "reports:read"
    case eventsRead = "events:read"

    public static func < (lhs: APIScope, rhs: APIScope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An API key as listed: never its secret, which is shown once at creation and stored hashed.
public struct APIKey: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var name: String
    /// The key's public part (`apk_<prefix>_…`), to recognise it in lists and logs.
    public var prefix: String
    public var scopes: [APIScope]
    public var createdAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?
    /// Requests a minute this key may make (issue 16 §7); nil: the server's default.
    public var rateLimitPerMinute: Int?
    public var version: Int

    public init(id: UUID, trustId: UUID, name: String, prefix: String, scopes: [APIScope], createdAt: Date,
                revokedAt: Date?, lastUsedAt: Date?, rateLimitPerMinute: Int? = nil, version: Int) {
        self.rateLimitPerMinute = rateLimitPerMinute
        self.id = id
        self.trustId = trustId
        self.name = name
        self.prefix = prefix
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
        self.version = version
    }
}

public struct APIKeyInput: Sendable, Equatable, Codable, ValidatedInput {
    public var name: String
    public var scopes: [APIScope]
    public var rateLimitPerMinute: Int?

    public static let fields: Set<String> = ["name", "scopes", "rate_limit_per_minute"]
    /// What a change may touch (issue 16 §7): its name and its own rate limit. A key's scopes
    /// stay as issued — a wider key is a new key, made and shown once.
    public static let changeableFields: Set<String> = ["name", "rate_limit_per_minute"]

    public init(name: String, scopes: [APIScope], rateLimitPerMinute: Int? = nil) {
        self.name = name
        self.scopes = scopes
        self.rateLimitPerMinute = rateLimitPerMinute
    }

    public func validate() throws {
        var check = Validator()
        check.text(name, "name", max: 200)
        if let limit = rateLimitPerMinute {
            check.check((1...1_000_000).contains(limit), "rate_limit_per_minute", "range",
                        "must be from 1 to 1,000,000")
        }
        check.check(!scopes.isEmpty, "scopes", "min_items", "must name at least one scope")
        check.check(Set(scopes).count == scopes.count, "scopes", "unique_items", "must not repeat a scope")
        try check.result()
    }
}

/// The one-time answer to creating a key: the key itself, then never again.
public struct CreatedAPIKey: Sendable {
    public var apiKey: APIKey
    public var key: String
    public init(apiKey: APIKey, key: String) {
        self.apiKey = apiKey
        self.key = key
    }
}
