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
}
