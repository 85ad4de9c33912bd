import HTTPAPI
import Testing

@Suite struct ConfigurationTests {
    let valid = [
        "DATABASE_URL": "postgresql://app:pw@localhost/appraise",
        "APPRAISE_ADMIN_TOKEN": String(repeating: "t", count: 32),
        "APPRAISE_TOKEN_SECRET": String(repeating: "s", count: 32),
    ]

    func failure(_ change: [String: String?], for purpose: ServiceConfiguration.Purpose = .serve) -> String? {
        var env = valid
        for (key, value) in change { env[key] = value }
        do {
            _ = try ServiceConfiguration.load(env, for: purpose)
            return nil
        } catch let invalid as ServiceConfiguration.Invalid {
            return invalid.variable
        } catch {
            return "unexpected"
        }
    }

    @Test func defaultsAreSensible() throws {
        let configuration = try ServiceConfiguration.load(valid, for: .serve)
        #expect(configuration.server.port == 8080)
        #expect(configuration.server.maxBodyBytes == 6_291_456)
        #expect(configuration.ownerDatabaseURL == valid["DATABASE_URL"])
        #expect(configuration.corsAllowedOrigins.isEmpty)
    }

    @Test func eachBadSettingIsNamed() {
        #expect(failure(["DATABASE_URL": nil]) == "DATABASE_URL")
        #expect(failure(["DATABASE_URL": "mysql://x"]) == "DATABASE_URL")
        #expect(failure(["APPRAISE_ADMIN_TOKEN": nil]) == "APPRAISE_ADMIN_TOKEN")
        #expect(failure(["APPRAISE_ADMIN_TOKEN": "short"]) == "APPRAISE_ADMIN_TOKEN")
        #expect(failure(["APPRAISE_PORT": "80a"]) == "APPRAISE_PORT")
        #expect(failure(["APPRAISE_PORT": "70000"]) == "APPRAISE_PORT")
        #expect(failure(["APPRAISE_MAX_BODY_BYTES": "-1"]) == "APPRAISE_MAX_BODY_BYTES")
        #expect(failure(["APPRAISE_CORS_ORIGINS": "https://ok.example, not an origin"]) == "APPRAISE_CORS_ORIGINS")
        #expect(failure(["APPRAISE_MIGRATE_ON_START": "maybe"]) == "APPRAISE_MIGRATE_ON_START")
        #expect(failure(["LOG_LEVEL": "loud"]) == "LOG_LEVEL")
        #expect(failure(["APPRAISE_TOKEN_SECRET": "short"]) == "APPRAISE_TOKEN_SECRET")
        #expect(failure(["APPRAISE_PASSWORD_ROUNDS": "1000"]) == "APPRAISE_PASSWORD_ROUNDS")
        #expect(failure(["APPRAISE_HOST": "localhost"]) == "APPRAISE_HOST")
        // Issue 16 §5: reminder emails need a mail server URL and a sender that cannot break a header.
        #expect(failure(["APPRAISE_SMTP_URL": "http://mail.example"]) == "APPRAISE_SMTP_URL")
        #expect(failure(["APPRAISE_SMTP_URL": "smtp://mail.example:587"]) == "APPRAISE_SMTP_FROM")
        #expect(failure(["APPRAISE_SMTP_URL": "smtp://mail.example:587",
                         "APPRAISE_SMTP_FROM": "a@b.example\r\nBcc: x@y"]) == "APPRAISE_SMTP_FROM")
        #expect(failure(["APPRAISE_SMTP_URL": "smtp://mail.example:587", "APPRAISE_SMTP_FROM": "a@b.example"]) == nil)
        #expect(failure(["APPRAISE_REMINDER_INTERVAL_SECONDS": "1"]) == "APPRAISE_REMINDER_INTERVAL_SECONDS")
    }

    @Test func migrateNeedsOnlyTheOwnerDatabase() throws {
        let configuration = try ServiceConfiguration.load(["DATABASE_OWNER_URL": "postgresql://owner@localhost/appraise"], for: .migrate)
        #expect(configuration.ownerDatabaseURL == "postgresql://owner@localhost/appraise")
        #expect(failure(["DATABASE_URL": nil, "APPRAISE_ADMIN_TOKEN": nil], for: .migrate) == "DATABASE_OWNER_URL")
        #expect(failure(["APPRAISE_ADMIN_TOKEN": nil], for: .demo) == nil)
    }
}
