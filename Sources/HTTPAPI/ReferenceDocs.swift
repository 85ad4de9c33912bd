import Foundation

/// The interactive reference at `/docs` (issue 16 §6): Swagger UI over `/openapi.yaml`.
/// Swagger UI's own files come from PyPI (`swagger-ui-py`), installed by
/// `scripts/docs-assets.sh` and the image — never copied into the repository — and are read
/// once at start. The page and its start-up script are ours, so the page runs under a
/// Content-Security-Policy with no inline script.
public struct ReferenceDocs: Sendable {
    public struct File: Sendable {
        public let contentType: String
        public let body: Data
    }

    /// Swagger UI's files the page needs, by name, with their media types.
    static let vendorFiles = [
        "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
        "swagger-ui.css": "text/css; charset=utf-8",
        "favicon-32x32.png": "image/png",
    ]

    let files: [String: File]

    /// No reference installed: `/docs` answers 503 and says how to install it.
    public static let absent = ReferenceDocs(files: [:])

    init(files: [String: File]) { self.files = files }

    /// Reads Swagger UI's files from `directory`; `absent` when any is missing.
    public init(directory: String) {
        var files: [String: File] = [:]
        for (name, type) in Self.vendorFiles {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let body = FileManager.default.contents(atPath: path) else {
                self = .absent
                return
            }
            files[name] = File(contentType: type, body: body)
        }
        files["appraise-docs.js"] = File(contentType: "text/javascript; charset=utf-8",
                                         body: Data(Self.startScript.utf8))
        self.files = files
    }

    public var isInstalled: Bool { !files.isEmpty }

    /// The page: Swagger UI's stylesheet and bundle, then our start-up script.
    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Appraise API reference</title>
          <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
          <link rel="stylesheet" href="/docs/swagger-ui.css">
        </head>
        <body>
          <div id="reference"></div>
          <script src="/docs/swagger-ui-bundle.js"></script>
          <script src="/docs/appraise-docs.js"></script>
        </body>
        </html>

        """

    /// Starts Swagger UI on the served contract. "Try it out" calls this origin with the
    /// bearer token the reader enters under "Authorize"; nothing is stored beyond the tab.
    static let startScript = """
        window.addEventListener("load", function () {
          window.reference = SwaggerUIBundle({
            url: "/openapi.yaml",
            dom_id: "#reference",
            deepLinking: true,
            docExpansion: "none",
            defaultModelsExpandDepth: 0,
            displayOperationId: true,
            filter: true,
            tryItOutEnabled: false,
            persistAuthorization: false
          });
        });

        """

    /// Scripts and styles from this origin only; Swagger UI sets inline styles and data: images.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
}
