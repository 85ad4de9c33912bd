import App
import ArgumentParser
import Foundation
import Postgres

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit log tools.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk every trust's audit hash chain and report the first broken link of each (exit 1 if any).")

        func run() async throws {
            let configuration = loadConfiguration(for: .migrate)
            let pool = Pool(.init(url: configuration.ownerDatabaseURL, size: 1, statementTimeoutMilliseconds: 600_000,
                                  applicationName: "appraise-audit-verify"))
            defer { pool.close() }
            let report = try await AuditVerifier(pool: pool).verify()
            print("checked \(report.eventsChecked) events in \(report.trustsChecked) trust chains")
            for broken in report.breaks { print("BROKEN \(broken)") }
            if !report.breaks.isEmpty { throw ExitCode(1) }
            print("all chains verify")
        }
    }
}
