import Foundation
import HTTPCore

/// Settings read from the environment at start-up. Every value is validated; a missing or
/// malformed one stops the process with a message naming the variable.
public struct ServiceConfiguration: Sendable {
    public var databaseURL: String
    public var ownerDatabaseURL: String
    /// Issue 17 §5: a streaming replica the reports read (the application role there); nil:
    /// reports read the primary.
    public var reportingDatabaseURL: String?
    public var adminToken: String
    /// Signs users' access tokens (HMAC-SHA256); every instance must share it.
    public var tokenSecret: String
    public var passwordRounds: Int
    public var server: ServerConfiguration
    public var corsAllowedOrigins: [String]
    public var poolSize: Int
    public var statementTimeoutMilliseconds: Int
    public var migrateOnStart: Bool
    public var migrationsDirectory: String
    public var openAPIPath: String
    /// Swagger UI's files for /docs (scripts/docs-assets.sh installs them there).
    public var docsDirectory = ".build-docs/swagger-ui"
    public var authFailureLimit: Int
    public var trustedProxies: TrustedProxies
    public var logLevel: String
    /// Webhooks (issue 16 §4): plain http and private addresses are for tests only.
    public var webhookAllowHTTP = false
    public var webhookAllowPrivateAddresses = false
    /// Requests a minute per credential, unless an API key sets its own (issue 16 §7).
    public var rateLimitPerMinute = 1_200
    /// Issue 17 §7: how often the retention pass runs (a day by default).
    public var retentionIntervalSeconds = 86_400
    public var reminders = ReminderConfiguration()

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var variable: String
        public var problem: String
        public var description: String { "configuration error: \(variable) \(problem)" }
    }

    public enum Purpose { case serve, migrate, demo }

    public static func load(_ env: [String: String] = ProcessInfo.processInfo.environment,
                            for purpose: Purpose) throws -> ServiceConfiguration {
        func required(_ name: String) throws -> String {
            guard let value = env[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Invalid(variable: name, problem: "is required but not set")
            }
            return value
        }
        func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = env[name], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw Invalid(variable: name, problem: "must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
            }
            return number
        }
        func boolean(_ name: String, default value: Bool) throws -> Bool {
            guard let text = env[name]?.lowercased(), !text.isEmpty else { return value }
            switch text {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw Invalid(variable: name, problem: "must be true or false, got '\(text)'")
            }
        }
        func proxies(_ text: String) throws -> TrustedProxies {
            do { return try TrustedProxies(parsing: text) } catch let invalid as TrustedProxies.InvalidEntry {
                throw Invalid(variable: "APPRAISE_TRUSTED_PROXIES",
                              problem: "must list IP addresses or CIDR networks, comma-separated; "
                                  + "'\(invalid.entry)' is neither")
            }
        }
        func databaseURL(_ name: String, fallback: String? = nil) throws -> String {
            let value: String
            if let fallback, env[name]?.isEmpty ?? true { value = fallback } else { value = try required(name) }
            guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") || value.contains("dbname=") else {
                throw Invalid(variable: name, problem: "must be a postgresql:// URL or a libpq connection string")
            }
            return value
        }

        let needsAppDatabase = purpose != .migrate
        let appURL = needsAppDatabase ? try databaseURL("DATABASE_URL") : (env["DATABASE_URL"] ?? "")
        let ownerURL = try databaseURL("DATABASE_OWNER_URL", fallback: appURL.isEmpty ? nil : appURL)

        var adminToken = ""
        if purpose == .serve {
            adminToken = try required("APPRAISE_ADMIN_TOKEN")
            // A break-glass credential must not be guessable: at least 32 characters.
            guard adminToken.count >= 32, adminToken.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw Invalid(variable: "APPRAISE_ADMIN_TOKEN", problem: "must be at least 32 visible ASCII characters")
            }
        }

        var tokenSecret = ""
        if purpose == .serve {
            tokenSecret = try required("APPRAISE_TOKEN_SECRET")
            guard tokenSecret.utf8.count >= 32 else {
                throw Invalid(variable: "APPRAISE_TOKEN_SECRET", problem: "must be at least 32 characters")
            }
        }

        var origins: [String] = []
        for origin in (env["APPRAISE_CORS_ORIGINS"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !origin.isEmpty {
            guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme),
                  url.host != nil, url.path.isEmpty, url.query == nil else {
                throw Invalid(variable: "APPRAISE_CORS_ORIGINS", problem: "must be a comma-separated list of origins like https://app.example.org, got '\(origin)'")
            }
            origins.append(origin)
        }

        let host = env["APPRAISE_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "0.0.0.0"
        guard host.split(separator: ".").count == 4 || host.contains(":") else {
            throw Invalid(variable: "APPRAISE_HOST", problem: "must be an IPv4 or IPv6 address, got '\(host)'")
        }
        let server = ServerConfiguration(
            host: host,
            port: UInt16(try integer("APPRAISE_PORT", default: 8080, range: 0...65_535)),
            maxBodyBytes: try integer("APPRAISE_MAX_BODY_BYTES", default: 6_291_456, range: 1_024...67_108_864),
            maxHeaderBytes: try integer("APPRAISE_MAX_HEADER_BYTES", default: 16_384, range: 1_024...1_048_576),
            clientTimeout: .seconds(try integer("APPRAISE_CLIENT_TIMEOUT_SECONDS", default: 15, range: 1...600)),
            idleTimeout: .seconds(try integer("APPRAISE_IDLE_TIMEOUT_SECONDS", default: 60, range: 1...3_600)),
            maxConnections: try integer("APPRAISE_MAX_CONNECTIONS", default: 1_024, range: 1...100_000),
            shutdownGrace: .seconds(try integer("APPRAISE_SHUTDOWN_GRACE_SECONDS", default: 10, range: 0...300)))

        let logLevel = env["LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "info"
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw Invalid(variable: "LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical")
        }

        var configuration = ServiceConfiguration(
            databaseURL: appURL, ownerDatabaseURL: ownerURL, adminToken: adminToken, tokenSecret: tokenSecret,
            // OWASP's PBKDF2-HMAC-SHA256 figure; swift-crypto refuses fewer than 210,000.
            passwordRounds: try integer("APPRAISE_PASSWORD_ROUNDS", default: 600_000, range: 210_000...10_000_000),
            server: server,
            corsAllowedOrigins: origins,
            poolSize: try integer("APPRAISE_DB_POOL_SIZE", default: 10, range: 1...500),
            statementTimeoutMilliseconds: try integer("APPRAISE_STATEMENT_TIMEOUT_MS", default: 5_000, range: 100...600_000),
            migrateOnStart: try boolean("APPRAISE_MIGRATE_ON_START", default: false),
            migrationsDirectory: env["APPRAISE_MIGRATIONS_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "migrations",
            openAPIPath: env["APPRAISE_OPENAPI_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "openapi.yaml",
            docsDirectory: env["APPRAISE_DOCS_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? ".build-docs/swagger-ui",
            authFailureLimit: try integer("APPRAISE_AUTH_FAILURE_LIMIT", default: 20, range: 1...1_000_000),
            trustedProxies: try proxies(env["APPRAISE_TRUSTED_PROXIES"] ?? ""),
            logLevel: logLevel,
            webhookAllowHTTP: try boolean("APPRAISE_WEBHOOK_ALLOW_HTTP", default: false),
            webhookAllowPrivateAddresses: try boolean("APPRAISE_WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default: false),
            rateLimitPerMinute: try integer("APPRAISE_RATE_LIMIT_PER_MINUTE", default: 1_200, range: 1...1_000_000))
        configuration.retentionIntervalSeconds = try integer("APPRAISE_RETENTION_INTERVAL_SECONDS", default: 86_400,
                                                             range: 60...604_800)
        if !(env["DATABASE_REPORTING_URL"] ?? "").isEmpty {
            configuration.reportingDatabaseURL = try databaseURL("DATABASE_REPORTING_URL")
        }
        configuration.reminders = try ReminderConfiguration.load(env, integer: integer(_:default:range:),
                                                                boolean: boolean(_:default:))
        return configuration
    }
}

/// Reminders (issue 16 §5): how often the pass runs and where its emails go.
public struct ReminderConfiguration: Sendable {
    public var intervalSeconds = 900
    /// `smtp://host:port` or `smtps://host:port`; nil: no emails, reminders are events only.
    public var smtpURL: String?
    public var smtpFrom = ""
    public var smtpUsername: String?
    public var smtpPassword: String?
    /// STARTTLS on smtp:// (turned off only for a sink on loopback).
    public var smtpRequireTLS = true
    /// The front end's address, for the link in an email.
    public var publicURL: String?

    public init() {}

    typealias Invalid = ServiceConfiguration.Invalid

    static func load(_ env: [String: String], integer: (String, Int, ClosedRange<Int>) throws -> Int,
                     boolean: (String, Bool) throws -> Bool) throws -> ReminderConfiguration {
        func optional(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        var reminders = ReminderConfiguration()
        reminders.intervalSeconds = try integer("APPRAISE_REMINDER_INTERVAL_SECONDS", 900, 10...86_400)
        reminders.smtpURL = optional("APPRAISE_SMTP_URL")
        if let url = reminders.smtpURL {
            guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://"), URL(string: url)?.host != nil else {
                throw Invalid(variable: "APPRAISE_SMTP_URL", problem: "must be smtp://host:port or smtps://host:port")
            }
            guard let from = optional("APPRAISE_SMTP_FROM"), from.contains("@"),
                  !from.contains(where: { "<>\r\n ".contains($0) }) else {
                throw Invalid(variable: "APPRAISE_SMTP_FROM",
                              problem: "must be the sender's address when APPRAISE_SMTP_URL is set")
            }
            reminders.smtpFrom = from
        }
        reminders.smtpUsername = optional("APPRAISE_SMTP_USERNAME")
        reminders.smtpPassword = optional("APPRAISE_SMTP_PASSWORD")
        reminders.smtpRequireTLS = try boolean("APPRAISE_SMTP_REQUIRE_TLS", true)
        reminders.publicURL = optional("APPRAISE_PUBLIC_URL").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        return reminders
    }
}
