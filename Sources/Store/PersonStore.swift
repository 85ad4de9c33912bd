import Domain
import Foundation
import Postgres

public enum PersonStore: TenantStore {
    public static let resourceName = "person"
    public static let table = "people"
    public struct Filter: Sendable, Equatable {
        public var email: String?
        public var externalId: String?
        /// Issue 16 §2: only records changed at or after this instant (a nightly pull).
        public var updatedSince: Date?
        public init(email: String? = nil, externalId: String? = nil, updatedSince: Date? = nil) {
            self.updatedSince = updatedSince
            self.email = email
            self.externalId = externalId
        }
    }

    public static let columns = "id, trust_id, given_name, family_name, email, external_id, version, created_at, updated_at"

    public static func decode(_ row: Row) throws -> Person {
        let input = PersonInput(
            givenName: try row.decode(String.self, "given_name"), familyName: try row.decode(String.self, "family_name"),
            email: try row.decode(String?.self, "email"), externalId: try row.decode(String?.self, "external_id"))
        return Person(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"), input: input,
                      version: try row.decode(Int.self, "version"),
                      createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func values(_ person: Person) -> [String?] {
        [person.id.postgresText, person.trustId.postgresText, person.givenName, person.familyName, person.email,
         person.externalId, person.version.postgresText, person.createdAt.postgresText, person.updatedAt.postgresText]
    }

    public static func listQuery(_ filter: Filter, page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let email = filter.email { conditions.add("lower(email) = lower(\(email))") }
        if let externalId = filter.externalId { conditions.add("external_id = \(externalId)") }
        if let since = filter.updatedSince { conditions.add("updated_at >= \(since)") }
        conditions.page(page)
        return conditions.query(select: columns, from: "people", page: page)
    }

    public static func update(_ id: UUID, to input: PersonInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<Person> {
        let rows = try db.query("""
            UPDATE people SET given_name = \(input.givenName), family_name = \(input.familyName),
                   email = \(input.email), external_id = \(input.externalId),
                   version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        return resolveMissedUpdate(try find(id, on: db))
    }

    public static func relationshipsQuery(record: UUID, me: UUID) -> SQL? {
        EmploymentStore.relationshipsQuery(person: record, me: me)
    }
}
