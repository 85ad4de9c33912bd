import App
import ArgumentParser
import Foundation
import Postgres

/// `appraise reminders run`: one reminder pass now (issue 16 §5) — what the server's
/// background service does every APPRAISE_REMINDER_INTERVAL_SECONDS — for cron or an operator.
struct Reminders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deadline reminders (events and emails).",
                                                    subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the reminders now due in every trust and send their emails (APPRAISE_SMTP_*).")

        func run() async throws {
            let configuration = loadConfiguration(for: .migrate)
            let pool = Pool(.init(url: configuration.databaseURL, size: 2,
                                  statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds,
                                  applicationName: "appraise-reminders"))
            defer { pool.close() }
            let runner = ReminderRunner(AppEnvironment(pool: pool), configuration: reminderConfiguration(configuration))
            let outcome = try await runner.runOnce()
            print("\(outcome.reminders) new reminders, \(outcome.emailed) emailed, "
                  + "\(outcome.emailFailures) email failures")
            // The other trusts' reminders are made; the exit status tells cron some were not.
            if !outcome.failedTrusts.isEmpty {
                print("failed for \(outcome.failedTrusts.count) trusts: "
                      + outcome.failedTrusts.map { $0.uuidString.lowercased() }.joined(separator: ", "))
                throw ExitCode.failure
            }
        }
    }
}
