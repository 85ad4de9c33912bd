import App
import HTTPCore
import Logging
import ServiceLifecycle

// What `appraise serve` runs under its ServiceGroup (Commands.swift). Each drains on SIGTERM.

/// The HTTP server as a `ServiceGroup` service: listening until the group shuts down
/// gracefully, then draining in-flight requests (`Server.shutdown`).
struct HTTPService: Service {
    let server: Server
    let logger: Logger

    func run() async throws {
        try await server.start()
        // Returns when a graceful shutdown begins; throws if the group is cancelled instead,
        // and the server is stopped either way.
        try? await gracefulShutdown()
        logger.info("shutting down: draining in-flight requests")
        await server.shutdown()
    }
}

/// A background pass run every `interval` until the group shuts down gracefully; a pass that
/// fails is logged and the next one tries again. `last` runs once more after shutdown begins.
struct PeriodicService: Service {
    let name: String
    let logger: Logger
    var interval: Duration = .seconds(1)
    let pass: @Sendable () async throws -> Void
    var last: (@Sendable () async -> Void)?
    /// Whether shutdown cancels a pass under way (one that calls other servers and may take
    /// long) rather than letting it finish.
    var passStopsAtShutdown = false

    func run() async throws {
        while true {
            do {
                if passStopsAtShutdown {
                    try await cancelWhenGracefulShutdown { try await pass() }
                } else {
                    try await pass()
                }
            } catch is CancellationError {
                break
            } catch {
                logger.warning("\(name) failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
        await last?()
    }

    /// Links allowed reads' audit events onto their trusts' chains (migration 0014): the window
    /// in which an event is stored but not yet chained. A last pass runs at shutdown.
    static func auditLinker(_ verifier: AuditVerifier, logger: Logger) -> PeriodicService {
        PeriodicService(name: "audit linking", logger: logger, pass: { try await verifier.linkPending() },
                        last: { _ = try? await verifier.linkPending() })
    }

    /// Gives the heap's freed pages back to the kernel (`FreedHeap`, issue 12 §4): after a
    /// reminders pass, a report or a large sync, resident memory falls back to the idle size.
    static func heapTrimming(logger: Logger) -> PeriodicService {
        PeriodicService(name: "heap trimming", logger: logger, interval: .seconds(2),
                        pass: { _ = FreedHeap.release() })
    }

    /// Reminds of deadlines (issue 16 §5): each stage of each deadline once, so a restart or a
    /// second server process sends nothing twice. A pass under way stops at shutdown.
    static func reminders(_ runner: ReminderRunner, every interval: Duration, logger: Logger) -> PeriodicService {
        PeriodicService(name: "reminders", logger: logger, interval: interval, pass: {
            let outcome = try await runner.runOnce()
            if outcome != ReminderRunner.Outcome() {
                logger.info("reminders", metadata: ["new": "\(outcome.reminders)", "emailed": "\(outcome.emailed)",
                                                    "email_failures": "\(outcome.emailFailures)"])
            }
            if !outcome.failedTrusts.isEmpty {
                logger.error("reminders failed for some trusts; the next pass tries them again",
                             metadata: ["trusts": "\(outcome.failedTrusts.map { $0.uuidString.lowercased() })"])
            }
        }, passStopsAtShutdown: true)
    }

    /// Destroys records past retention (issue 17 §7), each with its audit event; a pass under
    /// way stops at shutdown and the next carries on.
    static func retention(_ runner: RetentionRunner, every interval: Duration, logger: Logger) -> PeriodicService {
        PeriodicService(name: "retention", logger: logger, interval: interval, pass: {
            let outcome = try await runner.runOnce()
            if outcome.destroyed > 0 {
                logger.info("retention", metadata: ["destroyed": "\(outcome.destroyed)", "held": "\(outcome.held)"])
            }
        }, passStopsAtShutdown: true)
    }

    /// Delivers webhooks (issue 16 §4): the outbox is the queue, so a stop between passes loses
    /// nothing and the next start resumes.
    static func webhookDelivery(_ dispatcher: WebhookDispatcher, logger: Logger) -> PeriodicService {
        PeriodicService(name: "webhook delivery", logger: logger, pass: { try await dispatcher.runOnce() },
                        passStopsAtShutdown: true)
    }

    /// Builds subject access exports (issue 17 §8) HR asked for, one at a time; one under way
    /// stops at shutdown, and its stale heartbeat lets the next start build it again.
    static func subjectAccessExports(_ exporter: SubjectAccessExporter, logger: Logger) -> PeriodicService {
        PeriodicService(name: "subject access exports", logger: logger, pass: {
            let built = try await exporter.runOnce()
            if built > 0 { logger.info("subject access exports", metadata: ["built": "\(built)"]) }
        }, passStopsAtShutdown: true)
    }
}
