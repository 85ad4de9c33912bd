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

/// Links allowed reads' audit events onto their trusts' chains every second (migration 0014):
/// the window in which an event is stored but not yet chained. A last pass runs at shutdown.
struct AuditLinkerService: Service {
    let verifier: AuditVerifier
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        while true {
            do {
                try await verifier.linkPending()
            } catch {
                // The next pass, or the next write in the trust, links what this one could not.
                logger.warning("audit linking failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
        _ = try? await verifier.linkPending()
    }
}
