import Domain
import Foundation
import Postgres

/// One version of a trust's policy (migration 0007). Versions are only ever inserted.
public struct PolicyVersion: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var version: Int
    public var presetId: String?
    public var document: PolicyDocument
    public var createdAt: Date

    public init(id: UUID, trustId: UUID, version: Int, presetId: String?, document: PolicyDocument, createdAt: Date) {
        self.id = id
        self.trustId = trustId
        self.version = version
        self.presetId = presetId
        self.document = document
        self.createdAt = createdAt
    }
}

public enum PolicyStore {
    static let columns = "id, trust_id, version, preset_id, document, created_at"

    public static func decode(_ row: Row) throws -> PolicyVersion {
        PolicyVersion(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                      version: try row.decode(Int.self, "version"), presetId: try row.decode(String?.self, "preset_id"),
                      document: try SnakeCaseJSON.decode(PolicyDocument.self, from: try row.decode(String.self, "document")),
                      createdAt: try row.decode(Date.self, "created_at"))
    }

    public static func insert(_ policy: PolicyVersion, on db: Connection) throws {
        let document = JSONText(try SnakeCaseJSON.encode(policy.document))
        try db.query("""
            INSERT INTO policy_versions (trust_id, id, version, preset_id, document, created_at)
            VALUES (\(policy.trustId), \(policy.id), \(policy.version), \(policy.presetId), \(document)::jsonb, \(policy.createdAt))
            """)
    }

    public static func currentQuery() -> SQL {
        "SELECT \(unsafeSQL: columns) FROM policy_versions ORDER BY version DESC LIMIT 1"
    }

    public static func current(on db: Connection) throws -> PolicyVersion? { try db.query(currentQuery()).first.map(decode) }

    /// Locks the trust's policy history so two writers cannot both take the next version.
    public static func lock(trust: UUID, on db: Connection) throws {
        try db.query("SELECT pg_advisory_xact_lock(hashtextextended('policy:' || \(trust), 0))")
    }

    public static func versionQuery(_ version: Int) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM policy_versions WHERE version = \(version)"
    }

    public static func byID(_ id: UUID, on db: Connection) throws -> PolicyVersion? {
        try db.query("SELECT \(unsafeSQL: columns) FROM policy_versions WHERE id = \(id)").first.map(decode)
    }

    /// Versions newest first; the cursor is the last version number seen.
    public static func listQuery(before: Int?, limit: Int) -> SQL {
        var sql: SQL = "SELECT \(unsafeSQL: columns) FROM policy_versions"
        if let before { sql.append(" WHERE version < \(before)") }
        sql.append(" ORDER BY version DESC LIMIT \(unsafeSQL: String(limit + 1))")
        return sql
    }
}

/// A unit's school years (migration 0007).
public enum SchoolYearStore {
    public struct Stored: Sendable, Equatable {
        public var unitId: UUID
        public var year: SchoolYear
        public var version: Int
        public var updatedAt: Date
    }

    public static func decode(_ row: Row) throws -> Stored {
        let terms = try SnakeCaseJSON.decode([SchoolYear.Term].self, from: try row.decode(String.self, "terms"))
        let closures = try SnakeCaseJSON.decode([SchoolYear.Closure].self, from: try row.decode(String.self, "closures"))
        return Stored(unitId: try row.decode(UUID.self, "unit_id"),
                      year: SchoolYear(academicYear: try row.decode(Int.self, "academic_year"), terms: terms, closures: closures),
                      version: try row.decode(Int.self, "version"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    static let columns = "unit_id, academic_year, terms, closures, version, updated_at"

    public static func findQuery(unit: UUID, year: Int) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM school_years WHERE unit_id = \(unit) AND academic_year = \(year)"
    }

    /// Every school year of these units in a span, to build their calendars in one query.
    public static func forUnitsQuery(_ units: [UUID], years: ClosedRange<Int>) -> SQL {
        """
            SELECT \(unsafeSQL: columns) FROM school_years
            WHERE unit_id = ANY (\(UUIDArray(units))::uuid[])
              AND academic_year BETWEEN \(years.lowerBound) AND \(years.upperBound)
            """
    }

    /// Creates the year, or replaces it when `expectedVersion` matches: nil means stale.
    public static func put(_ year: SchoolYear, unit: UUID, trust: UUID, id: UUID, expectedVersion: Int?, at now: Date,
                           on db: Connection) throws -> Stored? {
        let terms = JSONText(try SnakeCaseJSON.encode(year.terms))
        let closures = JSONText(try SnakeCaseJSON.encode(year.closures))
        let rows: [Row]
        if let expectedVersion {
            rows = try db.query("""
                UPDATE school_years SET terms = \(terms)::jsonb, closures = \(closures)::jsonb, version = version + 1, updated_at = \(now)
                WHERE unit_id = \(unit) AND academic_year = \(year.academicYear) AND version = \(expectedVersion)
                RETURNING \(unsafeSQL: columns)
                """)
        } else {
            rows = try db.query("""
                INSERT INTO school_years (trust_id, id, unit_id, academic_year, terms, closures, version, created_at, updated_at)
                VALUES (\(trust), \(id), \(unit), \(year.academicYear), \(terms)::jsonb, \(closures)::jsonb, 1, \(now), \(now))
                ON CONFLICT ON CONSTRAINT school_years_unit_year_key DO NOTHING
                RETURNING \(unsafeSQL: columns)
                """)
        }
        return try rows.first.map(decode)
    }
}
