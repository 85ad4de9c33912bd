import App
import Foundation
import HTTPCore

/// Liveness, readiness, the contract and metrics.
extension API {
    static func registerOperations(_ router: inout Router) {
        router.add("GET", "/healthz", .anyone, getHealth)
        router.add("GET", "/readyz", .anyone, getReadiness)
        router.add("GET", "/openapi.yaml", .anyone,
                   produces: ["application/yaml", "application/openapi+yaml", "text/yaml", "text/plain"], getContract)
        router.add("GET", "/metrics", .platform, produces: ["text/plain"], getMetrics)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /healthz
    /// Liveness — the process is up (no database check).
    @Sendable static func getHealth(_ api: API, _ context: Context) async throws -> Response {
        Reply.json(["status": "ok"])
    }

    // GET /readyz
    /// Readiness — the database answers and has every migration this build expects.
    @Sendable static func getReadiness(_ api: API, _ context: Context) async throws -> Response {
        // Ready means: the database answers, and it has every migration this build expects.
        do {
            let applied = try await OperationsService(api.environment).appliedMigration()
            guard applied >= api.configuration.expectedMigration else {
                throw Problem(status: 503, type: "migrations-pending", title: "Service unavailable",
                              detail: "The database schema is behind this build; run 'appraise migrate'.",
                              headers: [("Retry-After", "5")])
            }
            return Reply.json(["status": "ready", "database": "ok", "migration": "\(applied)"])
        } catch where DatabaseFailure.classify(error) != nil {
            throw Problem.databaseUnavailable
        }
    }

    // GET /openapi.yaml
    /// This document.
    @Sendable static func getContract(_ api: API, _ context: Context) async throws -> Response {
        Response(status: 200, headers: Headers([("Content-Type", "application/yaml"), ("Cache-Control",
                                                                                       "public, max-age=300")]),
                 body: api.configuration.openAPIDocument)
    }

    // GET /metrics
    /// Prometheus metrics — requests by route and status, latency histograms, database pool.
    @Sendable static func getMetrics(_ api: API, _ context: Context) async throws -> Response {
        let stats = api.environment.pool.statistics
        let text = api.metrics.render(pool: (stats.inUse, stats.idle, stats.waiting))
        return Response(status: 200, headers: Headers([("Content-Type", "text/plain; version=0.0.4")]),
                        body: Data(text.utf8))
    }
}
