import ArgumentParser
import Foundation

/// `appraise serve | migrate | demo | audit | reminders | reporting | routes` — the composition root.
@main
struct Appraise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraise",
        abstract: "Staff performance management (appraisal) API for schools and trusts.",
        discussion: "Configuration comes from environment variables; see README.md.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Audit.self, Reminders.self, Retention.self, Reporting.self,
                      Routes.self])
}
