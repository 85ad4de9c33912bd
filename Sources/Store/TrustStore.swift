import Domain
import Foundation
import Postgres

/// SQL for trusts. Runs inside a transaction the caller opened (platform scope for lists
/// and creation; the trust's own context otherwise — row-level security decides).
public enum TrustStore {
    /// Every trust's id, in order: the background passes (reminders, retention) go trust by trust.
    public static let allIDsQuery: SQL = "SELECT id FROM trusts ORDER BY id"

    static let columns = "id, name, kind, companies_house_number, version, created_at, updated_at"

    public static func decode(_ row: Row) throws -> Trust {
        Trust(id: try row.decode(UUID.self, "id"), name: try row.decode(String.self, "name"),
              kind: try row.decode(String.self, "kind").asEnum(Trust.Kind.self),
              companiesHouseNumber: try row.decode(String?.self, "companies_house_number"),
              version: try row.decode(Int.self, "version"),
              createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func insert(_ trust: Trust, on db: Connection) throws {
        try db.query("""
            INSERT INTO trusts (id, name, kind, companies_house_number, version, created_at, updated_at)
            VALUES (\(trust.id), \(trust.name), \(trust.kind.rawValue), \(trust.companiesHouseNumber),
                    \(trust.version), \(trust.createdAt), \(trust.updatedAt))
            """)
    }

    public static func findQuery(_ id: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM trusts WHERE id = \(id)"
    }

    public static func find(_ id: UUID, on db: Connection) throws -> Trust? {
        try db.query(findQuery(id)).first.map(decode)
    }

    public static func listQuery(page: PageRequest) -> SQL {
        var conditions = Conditions()
        conditions.page(page)
        return conditions.query(select: columns, from: "trusts", page: page)
    }

    public static func update(_ id: UUID, to input: TrustInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<Trust> {
        let rows = try db.query("""
            UPDATE trusts SET name = \(input.name), kind = \(input.kind.rawValue),
                   companies_house_number = \(input.companiesHouseNumber),
                   version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        return resolveMissedUpdate(try find(id, on: db))
    }
}

extension String {
    /// Decodes a stored enum value; a value outside the enum is a schema/code mismatch.
    public func asEnum<E: RawRepresentable>(_ type: E.Type) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: self) else {
            throw PostgresError(kind: .decoding, message: "unexpected \(E.self) value in database")
        }
        return value
    }
}
