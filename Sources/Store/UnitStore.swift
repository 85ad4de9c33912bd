import Domain
import Foundation
import Postgres

public enum UnitStore: TenantStore {
    public static let resourceName = "unit"
    public static let table = "units"
    public struct Filter: Sendable, Equatable {
        public var kind: OrganisationUnit.Kind?
        public var urn: String?
        public var externalId: String?
        /// Issue 16 §2: only records changed at or after this instant (a nightly pull).
        public var updatedSince: Date?
        public init(kind: OrganisationUnit.Kind? = nil, urn: String? = nil, externalId: String? = nil,
                    updatedSince: Date? = nil) {
            self.updatedSince = updatedSince
            self.kind = kind
            self.urn = urn
            self.externalId = externalId
        }
    }

    public static let columns = "id, trust_id, name, kind, urn, phase, external_id, version, created_at, updated_at"

    public static func decode(_ row: Row) throws -> OrganisationUnit {
        let input = UnitInput(
            name: try row.decode(String.self, "name"),
            kind: try row.decode(String.self, "kind").asEnum(OrganisationUnit.Kind.self),
            urn: try row.decode(String?.self, "urn"),
            phase: try row.decode(String?.self, "phase")?.asEnum(OrganisationUnit.Phase.self),
            externalId: try row.decode(String?.self, "external_id"))
        return OrganisationUnit(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"), input: input,
                    version: try row.decode(Int.self, "version"),
                    createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func values(_ unit: OrganisationUnit) -> [String?] {
        [unit.id.postgresText, unit.trustId.postgresText, unit.name, unit.kind.rawValue, unit.urn, unit.phase?.rawValue,
         unit.externalId, unit.version.postgresText, unit.createdAt.postgresText, unit.updatedAt.postgresText]
    }

    public static func listQuery(_ filter: Filter, page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let kind = filter.kind { conditions.add("kind = \(kind.rawValue)") }
        if let urn = filter.urn { conditions.add("urn = \(urn)") }
        if let externalId = filter.externalId { conditions.add("external_id = \(externalId)") }
        if let since = filter.updatedSince { conditions.add("updated_at >= \(since)") }
        conditions.page(page)
        return conditions.query(select: columns, from: "units", page: page)
    }

    public static func update(_ id: UUID, to input: UnitInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<OrganisationUnit> {
        let rows = try db.query("""
            UPDATE units SET name = \(input.name), kind = \(input.kind.rawValue), urn = \(input.urn),
                   phase = \(input.phase?.rawValue), external_id = \(input.externalId),
                   version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        return resolveMissedUpdate(try find(id, on: db))
    }
}
