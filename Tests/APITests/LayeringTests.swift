import Foundation
import Testing

/// Issue 11 §1: one direction, route → use case → rule → SQL. The API layer imports neither
/// Store nor Postgres, and the use cases build no SQL (no table aliases, no `FOR UPDATE`).
@Suite struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    func swiftFiles(_ module: String) throws -> [(name: String, text: String)] {
        let root = Self.sources.appendingPathComponent(module)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files.append((url.lastPathComponent, try String(contentsOf: url, encoding: .utf8)))
        }
        #expect(!files.isEmpty, "no sources under \(root.path)")
        return files
    }

    @Test func theAPILayerImportsNeitherStoreNorPostgres() throws {
        for file in try swiftFiles("HTTPAPI") {
            for line in file.text.split(separator: "\n") where line.hasPrefix("import ") {
                let module = line.dropFirst("import ".count).trimmingCharacters(in: .whitespaces)
                #expect(module != "Store" && module != "Postgres", "\(file.name): \(line)")
            }
        }
    }

    @Test func theUseCasesBuildNoSQL() throws {
        let patterns = ["\"SELECT ", "\"INSERT ", "\"UPDATE ", "\"DELETE ", "FOR UPDATE", " FROM ", " WHERE ",
                        "unsafeSQL"]
        for file in try swiftFiles("App") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                for pattern in patterns where code.contains(pattern) {
                    Issue.record("\(file.name):\(number + 1) builds SQL (\(pattern)): \(code)")
                }
            }
        }
    }

    /// Issue 11 §3: what the API sends is its own type. `Reply.json` takes only `ResponseBody`;
    /// the one place a Domain type may conform is the documents file, and only these.
    @Test func responsesAreTheirOwnTypes() throws {
        let documents: Set<String> = ["PolicyPreset", "StandardsFramework"]
        for file in try swiftFiles("HTTPAPI") {
            let lines = file.text.split(separator: "\n")
            for line in lines where line.hasPrefix("extension ") && line.contains(": ResponseBody") {
                let type = line.dropFirst("extension ".count).prefix { $0 != ":" }
                let allowed = file.name == "DocumentResponses.swift" && documents.contains(String(type))
                    || file.name == "Reply.swift" && type == "Dictionary"
                #expect(allowed, "\(file.name): \(line)")
            }
        }
        let reply = try swiftFiles("HTTPAPI").first { $0.name == "Reply.swift" }
        #expect(reply?.text.contains("static func json<T: ResponseBody>") == true)
    }

    /// Issue 11 §1: each route is declared beside a named handler (its openapi operationId),
    /// not inside a registration closure; only the generic units/people/employments routes
    /// build their handlers from their parameters.
    @Test func routesNameTheirHandlers() throws {
        let routeFiles = try swiftFiles("HTTPAPI").filter { $0.name.hasSuffix("Routes.swift") }
        for file in routeFiles where file.name != "ResourceRoutes.swift" {
            for closure in ["{ api, context in", "{ _, context in", "{ api, _ in", "{ _, _ in"] {
                #expect(!file.text.contains(closure), "\(file.name): a route handler written inline (\(closure))")
            }
        }
    }
}
