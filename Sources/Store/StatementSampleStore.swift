import Domain
import Foundation
import Postgres

/// Statement samples (migration 0031, issue 17 §2): the statements a sample draws, with what
/// redaction needs; and the samples and their items.
public enum StatementSampleStore {
    /// A statement drawn for a sample, with the names to remove from its text.
    public struct Drawn: Sendable {
        public let statement: Statement
        public let personId: UUID
        public let staffGroup: String
        public let objectives: (met: Int, partlyMet: Int, notMet: Int)
        public let payOutcome: String?
        public let names: [String]
    }

    /// Up to `size` of the cycle's current issued or locked statements in the unit, at random.
    public static func drawQuery(_ input: StatementSampleInput) -> SQL {
        """
        SELECT \(unsafeSQL: StatementStore.qualifiedColumns), a.person_id, e.staff_group,
               (SELECT count(*) FROM objectives o WHERE o.appraisal_id = a.id AND o.assessment_outcome = 'met') AS met,
               (SELECT count(*) FROM objectives o
                 WHERE o.appraisal_id = a.id AND o.assessment_outcome = 'partly_met') AS partly_met,
               (SELECT count(*) FROM objectives o
                 WHERE o.appraisal_id = a.id AND o.assessment_outcome = 'not_met') AS not_met,
               (SELECT p.decided_outcome FROM pay_recommendations p WHERE p.appraisal_id = a.id
                 ORDER BY p.created_at DESC LIMIT 1) AS pay_outcome,
               (SELECT coalesce(json_agg(DISTINCT n.name), '[]')::text FROM (
                    SELECT x.given_name || ' ' || x.family_name AS name FROM people x
                    WHERE x.id = a.person_id OR x.id IN (st.drafted_by, st.issued_by)
                       OR x.id IN (SELECT m.person_id FROM reviewer_appointments r
                                   JOIN reviewer_appointment_members m ON m.appointment_id = r.id
                                   WHERE r.appraisal_id = a.id)) n) AS names_json
        FROM statements st
        JOIN appraisals a ON a.id = st.appraisal_id
        JOIN employments e ON e.id = a.employment_id
        WHERE a.cycle_id = \(input.cycleId) AND a.unit_id = \(input.unitId)
          AND st.state IN ('issued', 'locked') AND st.superseded_by_id IS NULL
        ORDER BY random() LIMIT \(input.size)
        """
    }

    public static func decodeDrawn(_ row: Row) throws -> Drawn {
        Drawn(statement: try StatementStore.decode(row), personId: try row.decode(UUID.self, "person_id"),
              staffGroup: try row.decode(String.self, "staff_group"),
              objectives: (try row.decode(Int.self, "met"), try row.decode(Int.self, "partly_met"),
                           try row.decode(Int.self, "not_met")),
              payOutcome: try row.decode(String?.self, "pay_outcome"),
              names: try SnakeCaseJSON.decode([String].self, from: try row.decode(String.self, "names_json")))
    }

    static let columns = "id, trust_id, unit_id, cycle_id, state, prepared_by, released_by, released_at, version, "
        + "created_at, updated_at"

    public static func insert(_ sample: StatementSample, statements: [UUID], on db: Connection) throws {
        try db.query("""
            INSERT INTO statement_samples (trust_id, id, unit_id, cycle_id, prepared_by, created_at, updated_at)
            VALUES (\(sample.trustId), \(sample.id), \(sample.unitId), \(sample.cycleId), \(sample.preparedBy),
                    \(sample.createdAt), \(sample.updatedAt))
            """)
        for (item, statement) in zip(sample.items, statements) {
            try db.query("""
                INSERT INTO statement_sample_items (trust_id, sample_id, position, statement_id, staff_group,
                    objectives_met, objectives_partly_met, objectives_not_met, pay_outcome, sections)
                VALUES (\(sample.trustId), \(sample.id), \(item.position), \(statement), \(item.staffGroup),
                        \(item.objectivesMet), \(item.objectivesPartlyMet), \(item.objectivesNotMet),
                        \(item.payOutcome), \(try sectionsJSON(item.sections))::jsonb)
                """)
        }
    }

    static func sectionsJSON(_ sections: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: sections, options: [.sortedKeys]), as: UTF8.self)
    }

    public static func find(_ id: UUID, on db: Connection) throws -> StatementSample? {
        guard var sample = try db.query("""
            SELECT \(unsafeSQL: columns) FROM statement_samples WHERE id = \(id)
            """).first.map(decode) else { return nil }
        sample.items = try db.query("""
            SELECT position, staff_group, objectives_met, objectives_partly_met, objectives_not_met, pay_outcome,
                   sections::text AS sections
            FROM statement_sample_items WHERE sample_id = \(id) ORDER BY position
            """).map(decodeItem)
        return sample
    }

    /// The samples of `units` (nil: every unit), newest last; `releasedOnly` for governors.
    public static func listQuery(units: [UUID]?, unit: UUID?, releasedOnlyIn: [UUID], page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let units { conditions.add("unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        if let unit { conditions.add("unit_id = \(unit)") }
        if !releasedOnlyIn.isEmpty {
            conditions.add("(state = 'released' OR NOT unit_id = ANY (\(UUIDArray(releasedOnlyIn))::uuid[]))")
        }
        conditions.page(page)
        return conditions.query(select: columns, from: "statement_samples", page: page)
    }

    public static func decode(_ row: Row) throws -> StatementSample {
        StatementSample(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                        unitId: try row.decode(UUID.self, "unit_id"), cycleId: try row.decode(UUID.self, "cycle_id"),
                        state: try row.decode(String.self, "state").asEnum(StatementSample.State.self),
                        preparedBy: try row.decode(UUID?.self, "prepared_by"),
                        releasedBy: try row.decode(UUID?.self, "released_by"),
                        releasedAt: try row.decode(Date?.self, "released_at"),
                        version: try row.decode(Int.self, "version"),
                        createdAt: try row.decode(Date.self, "created_at"),
                        updatedAt: try row.decode(Date.self, "updated_at"))
    }

    static func decodeItem(_ row: Row) throws -> StatementSample.Item {
        StatementSample.Item(
            position: try row.decode(Int.self, "position"), staffGroup: try row.decode(String.self, "staff_group"),
            objectivesMet: try row.decode(Int.self, "objectives_met"),
            objectivesPartlyMet: try row.decode(Int.self, "objectives_partly_met"),
            objectivesNotMet: try row.decode(Int.self, "objectives_not_met"),
            payOutcome: try row.decode(String?.self, "pay_outcome"),
            sections: try SnakeCaseJSON.decode([String: String].self, from: try row.decode(String.self, "sections")))
    }

    /// The draft's items' sections replaced, at `expectedVersion`; false if stale or released.
    public static func edit(_ id: UUID, _ edit: StatementSampleEdit, expectedVersion: Int, at now: Date,
                            on db: Connection) throws -> Bool {
        guard try !db.query("""
            UPDATE statement_samples SET version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion) AND state = 'draft' RETURNING id
            """).isEmpty else { return false }
        for (position, sections) in edit.sections {
            try db.query("""
                UPDATE statement_sample_items SET sections = \(try sectionsJSON(sections))::jsonb
                WHERE sample_id = \(id) AND position = \(position)
                """)
        }
        return true
    }

    public static func release(_ id: UUID, by person: UUID?, expectedVersion: Int, at now: Date,
                               on db: Connection) throws -> Bool {
        try !db.query("""
            UPDATE statement_samples
            SET state = 'released', released_at = \(now), released_by = \(person), version = version + 1,
                updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion) AND state = 'draft' RETURNING id
            """).isEmpty
    }
}
