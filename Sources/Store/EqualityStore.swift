import Domain
import Foundation
import Postgres

/// Protected characteristics (migration 0021) and the rows the equality report counts.
public enum EqualityStore {
    public static func find(person: UUID, on db: Connection) throws -> ProtectedCharacteristics? {
        try db.query("""
            SELECT person_id, answers, version, updated_at FROM protected_characteristics WHERE person_id = \(person)
            """).first.map { row in
            ProtectedCharacteristics(personId: try row.decode(UUID.self, "person_id"),
                                     answers: try answers(try row.decode(String.self, "answers")),
                                     version: try row.decode(Int.self, "version"),
                                     updatedAt: try row.decode(Date.self, "updated_at"))
        }
    }

    static func answers(_ json: String) throws -> [ProtectedCharacteristic: String] {
        let raw = try SnakeCaseJSON.decode([String: String].self, from: json)
        var answers: [ProtectedCharacteristic: String] = [:]
        for (key, value) in raw { if let key = ProtectedCharacteristic(key: key) { answers[key] = value } }
        return answers
    }

    public static func save(person: UUID, trust: UUID, _ input: ProtectedCharacteristicsInput, at now: Date,
                            on db: Connection) throws -> ProtectedCharacteristics? {
        let answers = Dictionary(uniqueKeysWithValues: input.answers.map { ($0.key.rawValue, $0.value) })
        let json = try SnakeCaseJSON.encode(answers)
        try db.query("""
            INSERT INTO protected_characteristics (trust_id, person_id, answers, version, updated_at)
            VALUES (\(trust), \(person), \(JSONText(json))::jsonb, 1, \(now))
            ON CONFLICT (trust_id, person_id) DO UPDATE SET answers = EXCLUDED.answers,
                version = protected_characteristics.version + 1, updated_at = EXCLUDED.updated_at
            """)
        return try find(person: person, on: db)
    }

    /// One decided pay outcome of the cycle: its unit, the outcome after any appeal, and the
    /// employee's answers (never leaves the report's counting).
    public struct Outcome: Sendable {
        public let unitId: UUID
        public let unitName: String
        public let outcome: PayRecommendation.Outcome
        public let answers: [ProtectedCharacteristic: String]
    }

    public static func outcomes(cycle: UUID, unit: UUID?, on db: Connection) throws -> [Outcome] {
        var sql: SQL = """
            SELECT u.id AS unit_id, u.name AS unit_name,
                   coalesce(ap.changed_outcome, r.decided_outcome) AS outcome,
                   coalesce(pc.answers, '{}') AS answers
            FROM pay_recommendations r JOIN appraisals a ON a.id = r.appraisal_id JOIN units u ON u.id = a.unit_id
            LEFT JOIN pay_appeals ap ON ap.recommendation_id = r.id
            LEFT JOIN protected_characteristics pc ON pc.person_id = a.person_id
            WHERE a.cycle_id = \(cycle) AND r.state = 'decided'
            """
        if let unit { sql.append(" AND a.unit_id = \(unit)") }
        return try db.query(sql).map { row in
            Outcome(unitId: try row.decode(UUID.self, "unit_id"), unitName: try row.decode(String.self, "unit_name"),
                    outcome: try row.decode(String.self, "outcome").asEnum(PayRecommendation.Outcome.self),
                    answers: try answers(try row.decode(String.self, "answers")))
        }
    }
}
