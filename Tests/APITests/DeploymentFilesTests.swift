import Foundation
import Testing
import TestSupport

/// Issue 10 item 26: the compose stack as shipped (no Docker engine runs here, so its files
/// are read): migrations run in a one-shot service with the owner's credentials, the API holds
/// only the application role's, the image builds with the project's toolchain, the build
/// context leaves local state out, and the init script quotes the password.
struct DeploymentFilesTests {
    func file(_ path: String) throws -> String {
        try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The lines of one service's block in docker-compose.yml.
    func service(_ name: String, in compose: String) -> String {
        var lines: [Substring] = [], inside = false
        for line in compose.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  \(name):") { inside = true; continue }
            let comment = line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            if inside, line.hasPrefix("  "), !line.hasPrefix("   "), !comment { break }
            if inside, !line.isEmpty, !line.hasPrefix(" ") { break }
            if inside { lines.append(line) }
        }
        return lines.joined(separator: "\n")
    }

    @Test func migrationsRunApartAndTheAPIHoldsOnlyTheApplicationRole() throws {
        let compose = try file("docker-compose.yml")
        let migrate = service("migrate", in: compose), api = service("api", in: compose)
        #expect(migrate.contains(#"command: ["migrate"]"#) && migrate.contains("appraise_owner"))
        #expect(!api.contains("appraise_owner") && !api.contains("OWNER_PASSWORD"), "\(api)")
        #expect(api.contains("service_completed_successfully") && api.contains(#"APPRAISE_MIGRATE_ON_START: "false""#))
        #expect(api.contains("APPRAISE_TRUSTED_PROXIES"))
    }

    @Test func imageAndBuildContext() throws {
        // The toolchain the project builds and tests with (Swift 6.3).
        #expect(try file("Dockerfile").contains("FROM swift:6.3-bookworm"))
        let ignored = Set(try file(".dockerignore").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(ignored.isSuperset(of: [".build/", ".pgdata/", ".env"]))
        let initdb = try file("docker/initdb/01-roles.sh")
        #expect(initdb.contains("PASSWORD :'app_password'") && !initdb.contains("'${APPRAISE_APP_PASSWORD}'"))
    }
}
