import Domain
import Foundation
import Postgres

/// The demo year's lookups by email (`make run` loads it once).
public enum DemoStore {
    public static func accountExistsQuery(email: String) -> SQL {
        "SELECT 1 AS one FROM accounts WHERE email = \(email)"
    }

    /// A person and their employment, by the person's email.
    public static func staffQuery(email: String) -> SQL {
        """
        SELECT p.id, e.id AS employment_id, e.unit_id FROM people p JOIN employments e ON e.person_id = p.id
        WHERE p.email = \(email)
        """
    }

    public static func decodeStaff(_ row: Row) throws -> (person: UUID, employment: UUID, unit: UUID) {
        (try row.decode(UUID.self, "id"), try row.decode(UUID.self, "employment_id"),
         try row.decode(UUID.self, "unit_id"))
    }
}
