import Domain
import Foundation
import Postgres

/// Role grants (migration 0005).
public enum GrantStore {
    static let columns = "id, trust_id, person_id, role, unit_id, version, created_at"

    public static func decode(_ row: Row) throws -> Grant {
        Grant(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
              personId: try row.decode(UUID.self, "person_id"), role: try row.decode(String.self, "role").asEnum(Role.self),
              unitId: try row.decode(UUID?.self, "unit_id"), version: try row.decode(Int.self, "version"),
              createdAt: try row.decode(Date.self, "created_at"))
    }

    public static func insert(_ grant: Grant, on db: Connection) throws {
        try db.query("""
            INSERT INTO grants (trust_id, id, person_id, role, unit_id, version, created_at)
            VALUES (\(grant.trustId), \(grant.id), \(grant.personId), \(grant.role.rawValue), \(grant.unitId),
                    \(grant.version), \(grant.createdAt))
            """)
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM grants WHERE id = \(id)" }

    public static func find(_ id: UUID, on db: Connection) throws -> Grant? { try db.query(findQuery(id)).first.map(decode) }

    public static func listQuery(person: UUID?, page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let person { conditions.add("person_id = \(person)") }
        conditions.page(page)
        return conditions.query(select: columns, from: "grants", page: page)
    }

    public static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
        try deleteVersioned(table: "grants", id: id, expectedVersion: expectedVersion, on: db)
    }

    /// The roles a person holds trust-wide.
    public static func trustRolesQuery(person: UUID) -> SQL {
        "SELECT role FROM grants WHERE person_id = \(person) AND unit_id IS NULL"
    }

    public static func ofPersonQuery(_ person: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM grants WHERE person_id = \(person) ORDER BY id"
    }

    /// Trust-wide roles of whoever an identity provider's claim matches (see `personQuery`).
    public static func trustRolesOfMatchesQuery(matchBy: IdentityProvider.MatchBy, value: String) -> SQL {
        var sql: SQL = "SELECT role FROM grants WHERE unit_id IS NULL AND person_id IN ("
        sql.append(IdentityProviderStore.personQuery(matchBy: matchBy, value: value))
        sql.append(")")
        return sql
    }
}
