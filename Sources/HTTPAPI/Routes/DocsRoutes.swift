import Foundation
import HTTPCore

/// The interactive reference (issue 16 §6): public, as the contract it renders is.
extension API {
    static func registerDocs(_ router: inout Router) {
        router.add("GET", "/docs", .anyone, produces: ["text/html"], getReference)
        router.add("GET", "/docs/{file}", .anyone,
                   produces: ["text/javascript", "text/css", "image/png"], getReferenceFile)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /docs
    /// The API reference, rendered in the browser from /openapi.yaml by Swagger UI.
    @Sendable static func getReference(_ api: API, _ context: Context) async throws -> Response {
        guard api.configuration.referenceDocs.isInstalled else {
            throw Problem(status: 503, type: "reference-not-installed", title: "Service unavailable",
                          detail: "Swagger UI is not installed on this server; run scripts/docs-assets.sh "
                              + "or set APPRAISE_DOCS_DIR. The contract itself is at /openapi.yaml.")
        }
        return referenceResponse("text/html; charset=utf-8", Data(ReferenceDocs.page.utf8), cache: "no-cache")
    }

    // GET /docs/{file}
    /// One of the reference's files (Swagger UI's script, stylesheet and icon, and ours).
    @Sendable static func getReferenceFile(_ api: API, _ context: Context) async throws -> Response {
        guard let name = context.parameters["file"], let file = api.configuration.referenceDocs.files[name] else {
            throw Problem.notFound()
        }
        return referenceResponse(file.contentType, file.body, cache: "public, max-age=3600")
    }

    private static func referenceResponse(_ type: String, _ body: Data, cache: String) -> Response {
        Response(status: 200, headers: Headers([
            ("Content-Type", type), ("Cache-Control", cache),
            ("Content-Security-Policy", ReferenceDocs.contentSecurityPolicy),
            ("Referrer-Policy", "no-referrer"),
        ]), body: body)
    }
}
