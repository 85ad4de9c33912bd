import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// Issue 16 §6: the interactive reference at /docs — Swagger UI, installed from PyPI by
/// scripts/docs-assets.sh, over the served contract — rendered by a real headless Chromium.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ReferenceDocsTests {
    @Test func thePageAndItsFilesAreServedUnderAStrictPolicy() async throws {
        let api = TestAPI()
        let page = await api.send("GET", "/docs", authorised: false)
        #expect(page.status == 200, "\(page.text)")
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        let policy = try #require(page.headers["Content-Security-Policy"])
        #expect(policy.contains("script-src 'self';") && !policy.contains("unsafe-eval"))
        #expect(page.text.contains(#"<script src="/docs/appraise-docs.js"></script>"#))
        #expect(!page.text.contains("<script>"), "no inline script: the policy forbids it")
        for (name, type) in [("swagger-ui-bundle.js", "text/javascript"), ("swagger-ui.css", "text/css"),
                             ("favicon-32x32.png", "image/png"), ("appraise-docs.js", "text/javascript")] {
            let file = await api.send("GET", "/docs/\(name)", authorised: false)
            #expect(file.status == 200 && file.headers["Content-Type"]?.hasPrefix(type) == true, "\(name)")
        }
        for name in ["LICENSE", "index.html", "..%2Fopenapi.yaml", "swagger-ui-bundle.js.map"] {
            let refused = await api.send("GET", "/docs/\(name)", authorised: false)
            #expect(refused.status == 404, "\(name): \(refused.status)")
        }
    }

    @Test func withoutSwaggerUIThePageSaysHowToInstallIt() async {
        let api = TestAPI(docsDirectory: "no-such-directory")
        let page = await api.send("GET", "/docs", authorised: false)
        #expect(page.status == 503)
        #expect(page.headers["Content-Type"] == "application/problem+json")
        #expect(page.text.contains("scripts/docs-assets.sh"))
        #expect(await api.send("GET", "/docs/swagger-ui.css", authorised: false).status == 404)
    }

    /// Chromium loads the page over a real socket, runs Swagger UI under the page's policy,
    /// fetches /openapi.yaml and renders the deep-linked operation with its description and
    /// example. With APPRAISE_DOCS_SCREENSHOT=<file.png> it also takes a screenshot to look at.
    @Test func headlessChromiumRendersTheReference() async throws {
        let browser = try #require(["chromium-headless-shell", "chromium"].first { Self.onPath($0) },
                                   "scripts/deps.sh --test installs chromium-headless-shell")
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let dom = FileManager.default.temporaryDirectory.appendingPathComponent("reference-\(UUID()).html").path
        defer { try? FileManager.default.removeItem(atPath: dom) }
        let url = "http://127.0.0.1:\(server.port)/docs#/integration/syncStaff"
        // As root (CI) Chromium needs --no-sandbox; a container's small /dev/shm needs the last
        // flag; the budget lets Swagger UI fetch the contract and render.
        let flags = "--headless --no-sandbox --disable-gpu --virtual-time-budget=20000 --window-size=1280,1600 "
            + "--disable-dev-shm-usage"
        #expect(await shell("\(browser) \(flags) --dump-dom '\(url)' > \(dom) 2>/dev/null") == 0)
        let rendered = try String(contentsOfFile: dom, encoding: .utf8)
        #expect(rendered.contains("Appraise API"), "the contract's title, rendered from /openapi.yaml")
        #expect(rendered.contains("syncStaff") && rendered.contains("opblock-post"), "the deep-linked operation")
        #expect(rendered.contains("Who may call it"), "its description, expanded")
        #expect(rendered.contains("MIS-"), "its request example")
        if let screenshot = ProcessInfo.processInfo.environment["APPRAISE_DOCS_SCREENSHOT"] {
            #expect(await shell("\(browser) \(flags) --screenshot=\(screenshot) '\(url)' >/dev/null 2>&1") == 0)
            let png = try #require(FileManager.default.contents(atPath: screenshot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
        }
    }

    static func onPath(_ command: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(command)")
        }
    }

}
