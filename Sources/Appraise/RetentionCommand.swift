import App
import ArgumentParser
import Foundation
import Postgres

/// `appraise retention run [--dry-run]`: one retention pass now (issue 17 §7) — what the
/// server's background service does daily — printing each trust's progress as it goes.
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Destroy appraisal records past their retention.",
                                                    subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Destroy the records of appraisals whose period ended more than the policy's years ago "
                + "(six in every preset), except for people under a legal hold.")

        @Flag(help: "Count what would be destroyed and what is held; change nothing.")
        var dryRun = false

        func run() async throws {
            let configuration = loadConfiguration(for: .migrate)
            let pool = Pool(.init(url: configuration.databaseURL, size: 2, statementTimeoutMilliseconds: 600_000,
                                  applicationName: "appraise-retention"))
            defer { pool.close() }
            let outcome = try await RetentionRunner(AppEnvironment(pool: pool)).runOnce(dryRun: dryRun) {
                trust, done, total in
                // Every hundredth and the last: enough to see a long run move.
                if done % 100 == 0 || done == total { print("trust \(trust): \(done)/\(total) destroyed") }
            }
            let verb = dryRun ? "would be destroyed" : "destroyed"
            print("\(outcome.destroyed) appraisal records \(verb); \(outcome.held) kept under a legal hold")
        }
    }
}
