import App
import ArgumentParser
import Domain
import Foundation
import HTTPAPI
import HTTPCore
import Logging
import Outbound
import Postgres
import ServiceLifecycle

/// Reads the configuration or stops with a message naming the bad variable (exit 78, EX_CONFIG).
func loadConfiguration(for purpose: ServiceConfiguration.Purpose) -> ServiceConfiguration {
    do {
        return try ServiceConfiguration.load(for: purpose)
    } catch {
        FileHandle.standardError.write(Data("appraise: \(error)\n".utf8))
        exit(78)
    }
}

func bootstrapLogging(_ configuration: ServiceConfiguration) {
    let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
    LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
}

func runMigrations(_ configuration: ServiceConfiguration, logger: Logger) async throws {
    let migrator = try Migrator(directory: URL(fileURLWithPath: configuration.migrationsDirectory))
    let pool = Pool(.init(url: configuration.ownerDatabaseURL, size: 1, applicationName: "appraise-migrate"))
    defer { pool.close() }
    let applied = try await migrator.migrate(using: pool)
    logger.info("migrations applied", metadata: ["applied": "\(applied.joined(separator: ","))",
                                                 "latest": "\(migrator.latestVersion)"])
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations (as the owner role).")

    func run() async throws {
        let configuration = loadConfiguration(for: .migrate)
        bootstrapLogging(configuration)
        do {
            try await runMigrations(configuration, logger: Logger(label: "appraise.migrate"))
        } catch {
            FileHandle.standardError.write(Data("appraise migrate: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo trust (two schools, a central team, 36 staff).")

    func run() async throws {
        let configuration = loadConfiguration(for: .demo)
        bootstrapLogging(configuration)
        let pool = Pool(.init(url: configuration.databaseURL, size: 1, applicationName: "appraise-demo"))
        defer { pool.close() }
        let created = try await DemoTrust(AppEnvironment(pool: pool)).load()
        // The appraisal year is built once, through the use cases (also into an older demo trust).
        try await DemoAppraisalYear(AppEnvironment(pool: pool)).load()
        Logger(label: "appraise.demo").info(created ? "demo trust loaded" : "demo trust already present",
                                            metadata: ["trust_id": "\(DemoTrust.trustID.uuidString.lowercased())"])
    }
}

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print every route as 'METHOD /template  permission'.")

    func run() throws {
        let api = API(environment: AppEnvironment(pool: Pool(.init(url: "postgresql://unused"))),
                      configuration: APIConfiguration(adminToken: String(repeating: "x", count: 32)),
                      logger: Logger(label: "appraise.routes"))
        api.permissionTable.forEach { print($0) }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API.")

    func run() async throws {
        let configuration = loadConfiguration(for: .serve)
        bootstrapLogging(configuration)
        let logger = Logger(label: "appraise")
        if configuration.migrateOnStart {
            try await runMigrations(configuration, logger: logger)
        }
        let migrator = try Migrator(directory: URL(fileURLWithPath: configuration.migrationsDirectory))
        guard let document = FileManager.default.contents(atPath: configuration.openAPIPath) else {
            FileHandle.standardError.write(Data("appraise: APPRAISE_OPENAPI_PATH: cannot read \(configuration.openAPIPath)\n".utf8))
            throw ExitCode(78)
        }
        let docs = ReferenceDocs(directory: configuration.docsDirectory)
        if !docs.isInstalled {
            logger.notice("/docs is off: Swagger UI not found; run scripts/docs-assets.sh or set APPRAISE_DOCS_DIR",
                          metadata: ["directory": "\(configuration.docsDirectory)"])
        }
        let pool = Pool(.init(url: configuration.databaseURL, size: configuration.poolSize,
                              statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds))
        // Reports read the replica when there is one (issue 17 §5); its pool is as large as the
        // primary's, as a board pack's queries are few but long.
        let reportingPool = configuration.reportingDatabaseURL.map {
            Pool(.init(url: $0, size: configuration.poolSize,
                       statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds))
        }
        let api = API(environment: AppEnvironment(pool: pool, reportingPool: reportingPool,
                                                  passwordRounds: configuration.passwordRounds),
                      configuration: APIConfiguration(adminToken: configuration.adminToken,
                                                      tokenSecret: configuration.tokenSecret,
                                                      corsAllowedOrigins: configuration.corsAllowedOrigins,
                                                      authFailureLimit: configuration.authFailureLimit,
                                                      trustedProxies: configuration.trustedProxies,
                                                      openAPIDocument: document,
                                                      expectedMigration: migrator.latestVersion,
                                                      webhookAllowHTTP: configuration.webhookAllowHTTP,
                                                      rateLimitPerMinute: configuration.rateLimitPerMinute,
                                                      referenceDocs: docs),
                      logger: logger)
        let server = Server(configuration: configuration.server, logger: Logger(label: "appraise.http"),
                            observer: { api.observe($0, $1, $2) }, handler: { await api.handle($0) })
        var webhooks = WebhookDispatcher.Configuration()
        webhooks.sender.allowHTTP = configuration.webhookAllowHTTP
        webhooks.sender.allowPrivateAddresses = configuration.webhookAllowPrivateAddresses
        let dispatcher = WebhookDispatcher(AppEnvironment(pool: pool), configuration: webhooks)
        let reminders = ReminderRunner(AppEnvironment(pool: pool), configuration: reminderConfiguration(configuration))
        // SIGTERM or SIGINT shuts the group down gracefully, last service first: the server drains
        // its requests, then the linker chains what they audited, then webhook delivery stops.
        let services = ServiceGroup(configuration: .init(
            services: [PeriodicService.heapTrimming(logger: logger),
                       PeriodicService.reminders(reminders, every: .seconds(configuration.reminders.intervalSeconds),
                                                 logger: Logger(label: "appraise.reminders")),
                       PeriodicService.webhookDelivery(dispatcher, logger: Logger(label: "appraise.webhooks")),
                       PeriodicService.retention(RetentionRunner(AppEnvironment(pool: pool)),
                                                 every: .seconds(configuration.retentionIntervalSeconds),
                                                 logger: Logger(label: "appraise.retention")),
                       PeriodicService.subjectAccessExports(SubjectAccessExporter(AppEnvironment(pool: pool)),
                                                            logger: Logger(label: "appraise.subject-access")),
                       PeriodicService.auditLinker(AuditVerifier(pool: pool), logger: logger),
                       HTTPService(server: server, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
        pool.close()
        logger.info("stopped")
    }
}

/// The reminder pass's mail sender and links, from `APPRAISE_SMTP_*` and `APPRAISE_PUBLIC_URL`.
func reminderConfiguration(_ configuration: ServiceConfiguration) -> ReminderRunner.Configuration {
    let settings = configuration.reminders
    guard let url = settings.smtpURL else { return ReminderRunner.Configuration(link: settings.publicURL) }
    var smtp = SMTPMailSender.Configuration(url: url, from: settings.smtpFrom)
    smtp.username = settings.smtpUsername
    smtp.password = settings.smtpPassword
    smtp.requireTLS = settings.smtpRequireTLS
    return ReminderRunner.Configuration(mail: SMTPMailSender(smtp), link: settings.publicURL)
}
