import App
import ArgumentParser
import Foundation
import Postgres
import Store

/// `appraise reporting create-login | drop-login` (issue 17 §4): a PostgreSQL login per trust for
/// BI tools, reading only the `reporting` views of its trust. Making a role needs CREATEROLE:
/// these run on DATABASE_ADMIN_URL (else DATABASE_OWNER_URL), never the application's role.
struct Reporting: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Logins for BI tools on the reporting schema (run with DATABASE_ADMIN_URL).",
        subcommands: [CreateLogin.self, DropLogin.self])

    static func adminPool() -> Pool {
        let configuration = loadConfiguration(for: .migrate)
        let url = ProcessInfo.processInfo.environment["DATABASE_ADMIN_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.ownerDatabaseURL
        return Pool(.init(url: url, size: 1, applicationName: "appraise-reporting"))
    }

    struct CreateLogin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a login that reads one trust's reporting views; prints its password.")

        @Option(help: "The trust whose rows it reads.") var trust: String
        @Option(help: "The role name: lower-case letters, digits and _, starting with a letter.") var name: String

        func run() async throws {
            guard let trustID = UUID(uuidString: trust) else { throw ValidationError("--trust must be a UUID") }
            guard ReportingLogins.isValidName(name) else {
                throw ValidationError("--name must be lower-case letters, digits and _, starting with a letter")
            }
            let password = Secrets.randomToken(bytes: 24)
            let pool = Reporting.adminPool()
            defer { pool.close() }
            let login = name
            try await pool.transaction(trustID: nil) { db in
                try ReportingLogins.create(name: login, password: password, trust: trustID, on: db)
            }
            print("login \(name) reads trust \(trustID.uuidString.lowercased()) in schema reporting")
            print("password: \(password)")
        }
    }

    struct DropLogin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a reporting login.")

        @Option(help: "The role name.") var name: String

        func run() async throws {
            let pool = Reporting.adminPool()
            defer { pool.close() }
            let login = name
            let dropped = try await pool.transaction(trustID: nil) { db in
                try ReportingLogins.drop(name: login, on: db)
            }
            print(dropped ? "dropped \(name)" : "no reporting login \(name)")
            if !dropped { throw ExitCode(1) }
        }
    }
}
