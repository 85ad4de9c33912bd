import Crypto
import Foundation

/// Applies `migrations/NNNN_name.sql` in order, forward only.
///
/// Each file runs in its own transaction under a session advisory lock (so two instances
/// starting together cannot both migrate), and is recorded with its SHA-256. A file that
/// changed after it was applied stops the runner: deployed databases ran the old text.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String
        public var sha256: String
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case badFileName(String)
        case duplicateVersion(Int)
        case changedAfterApplied(version: Int, name: String)
        case unknownAppliedVersion(Int)

        public var description: String {
            switch self {
            case .badFileName(let name): return "migration file \(name) is not named NNNN_name.sql"
            case .duplicateVersion(let version): return "two migration files share version \(version)"
            case .changedAfterApplied(let version, let name):
                return "migration \(version) (\(name)) was changed after it was applied; add a new migration instead"
            case .unknownAppliedVersion(let version):
                return "the database has migration \(version) applied, which is not in the migrations folder"
            }
        }
    }

    /// Arbitrary constant identifying Appraise's migration lock.
    static let advisoryLockKey: Int64 = 0x4150_5052_4149_5345 // "APPRAISE"

    public let migrations: [Migration]

    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        var migrations: [Migration] = []
        for file in files {
            guard let underscore = file.firstIndex(of: "_"), let version = Int(file[..<underscore]) else {
                throw Failure.badFileName(file)
            }
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            if migrations.contains(where: { $0.version == version }) { throw Failure.duplicateVersion(version) }
            migrations.append(Migration(version: version, name: String(file.dropLast(4)),
                                        sql: String(decoding: data, as: UTF8.self), sha256: digest))
        }
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies pending migrations; returns the names of those applied now.
    @discardableResult
    public func migrate(using pool: Pool) async throws -> [String] {
        let migrations = self.migrations
        return try await pool.withConnection { connection in
            try connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))") }
            try connection.execute(script: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    sha256     text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = try connection.query("SELECT version, name, sha256 FROM schema_migrations ORDER BY version")
            var appliedHashes: [Int: String] = [:]
            for row in applied {
                appliedHashes[try row.decode(Int.self, "version")] = try row.decode(String.self, "sha256")
            }
            for version in appliedHashes.keys where !migrations.contains(where: { $0.version == version }) {
                throw Failure.unknownAppliedVersion(version)
            }
            var appliedNow: [String] = []
            for migration in migrations {
                if let hash = appliedHashes[migration.version] {
                    guard hash == migration.sha256 else {
                        throw Failure.changedAfterApplied(version: migration.version, name: migration.name)
                    }
                    continue
                }
                try connection.query("BEGIN")
                do {
                    try connection.execute(script: migration.sql)
                    try connection.query("""
                        INSERT INTO schema_migrations (version, name, sha256)
                        VALUES (\(migration.version), \(migration.name), \(migration.sha256))
                        """)
                    try connection.query("COMMIT")
                } catch {
                    _ = try? connection.query("ROLLBACK")
                    throw error
                }
                appliedNow.append(migration.name)
            }
            return appliedNow
        }
    }

    /// The highest applied version (0 when none), read with whatever role `pool` uses.
    public static func appliedVersion(using pool: Pool) async throws -> Int {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT coalesce(max(version), 0) AS version FROM schema_migrations")
            return try rows.first?.decode(Int.self, "version") ?? 0
        }
    }
}
