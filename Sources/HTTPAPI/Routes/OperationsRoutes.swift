import App
import Foundation
import HTTPCore

/// Liveness, readiness, the contract and metrics.
extension API {
    static func registerOperations(_ router: inout Router) {
        router.add("GET", "/healthz", .anyone) { _, _ in
            Reply.json(["status": "ok"])
        }
        router.add("GET", "/readyz", .anyone) { api, _ in
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
        router.add("GET", "/openapi.yaml", .anyone,
                   produces: ["application/yaml", "application/openapi+yaml", "text/yaml", "text/plain"]) { api, _ in
            Response(status: 200, headers: Headers([("Content-Type", "application/yaml"), ("Cache-Control", "public, max-age=300")]),
                     body: api.configuration.openAPIDocument)
        }
        router.add("GET", "/metrics", .platform, produces: ["text/plain"]) { api, _ in
            let stats = api.environment.pool.statistics
            let text = api.metrics.render(pool: (stats.inUse, stats.idle, stats.waiting))
            return Response(status: 200, headers: Headers([("Content-Type", "text/plain; version=0.0.4")]),
                            body: Data(text.utf8))
        }
    }
}
