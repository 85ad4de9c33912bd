import App
import ArgumentParser
import Crypto
import Foundation
import Postgres
import Store

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit log tools (run with the owner role: DATABASE_OWNER_URL).",
                                                    subcommands: [Verify.self, Checkpoint.self, KeyPair.self,
                                                                  Erase.self])

    static func ownerPool() -> Pool {
        let configuration = loadConfiguration(for: .migrate)
        return Pool(.init(url: configuration.ownerDatabaseURL, size: 1, statementTimeoutMilliseconds: 600_000,
                          applicationName: "appraise-audit"))
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk every trust's hash chain and report the first broken link of each (exit 1 if any).",
            discussion: "With --checkpoints, also check signed checkpoints (APPRAISE_AUDIT_PUBLIC_KEY) against the chains.")

        @Option(help: "A file of checkpoints written by `appraise audit checkpoint` (JSON lines).")
        var checkpoints: String?

        func run() async throws {
            let pool = Audit.ownerPool()
            defer { pool.close() }
            let verifier = AuditVerifier(pool: pool)
            let report = try await verifier.verify()
            print("checked \(report.eventsChecked) events in \(report.trustsChecked) trust chains")
            var breaks = report.breaks
            if let path = checkpoints {
                guard let publicKey = ProcessInfo.processInfo.environment["APPRAISE_AUDIT_PUBLIC_KEY"] else {
                    throw ValidationError("APPRAISE_AUDIT_PUBLIC_KEY is required to check checkpoints")
                }
                let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                let signed = try lines.map { try JSONDecoder().decode(AuditCheckpoint.self, from: Data($0.utf8)) }
                breaks += try await verifier.check(signed, publicKey: publicKey)
                print("checked \(signed.count) checkpoints")
            }
            for broken in breaks { print("BROKEN \(broken)") }
            if !breaks.isEmpty { throw ExitCode(1) }
            print("all chains verify")
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the head of every chain with APPRAISE_AUDIT_SIGNING_KEY and append the checkpoints to a file kept outside the database.")

        @Option(help: "File to append checkpoints to (JSON lines).")
        var output: String

        func run() async throws {
            guard let key = ProcessInfo.processInfo.environment["APPRAISE_AUDIT_SIGNING_KEY"] else {
                throw ValidationError("APPRAISE_AUDIT_SIGNING_KEY is required (see `appraise audit key-pair`)")
            }
            let pool = Audit.ownerPool()
            defer { pool.close() }
            let checkpoints = try await AuditVerifier(pool: pool).checkpoints(signingKey: key, at: Date())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var text = ""
            for checkpoint in checkpoints { text += String(decoding: try encoder.encode(checkpoint), as: UTF8.self) + "\n" }
            if !FileManager.default.fileExists(atPath: output) { FileManager.default.createFile(atPath: output, contents: nil) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            print("signed \(checkpoints.count) chain heads into \(output)")
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a person's identifiers from their trust's audit log; the chain still verifies.",
            discussion: "For records past retention (001, 003 §1.9: six years) or an erasure request. Events keep the "
                + "identifiers' keyed pseudonyms; the erasure is itself audited without naming the person.")

        @Option(help: "The trust's id.") var trust: String
        @Option(help: "The person's id.") var person: String

        func run() async throws {
            guard let trustID = UUID(uuidString: trust), let personID = UUID(uuidString: person) else {
                throw ValidationError("--trust and --person must be UUIDs")
            }
            let pool = Audit.ownerPool()
            defer { pool.close() }
            let erased = try await AuditLogService(AppEnvironment(pool: pool)).erase(person: personID, in: trustID,
                                                                                     audit: .system)
            print("erased identifiers from \(erased) events")
        }
    }

    struct KeyPair: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key-pair",
                                                        abstract: "Print a new Ed25519 key pair for checkpoints (keep the signing key outside the database).")

        func run() {
            let key = Curve25519.Signing.PrivateKey()
            print("APPRAISE_AUDIT_SIGNING_KEY=\(key.rawRepresentation.base64EncodedString())")
            print("APPRAISE_AUDIT_PUBLIC_KEY=\(key.publicKey.rawRepresentation.base64EncodedString())")
        }
    }
}
