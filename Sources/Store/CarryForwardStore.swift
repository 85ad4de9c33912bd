import Domain
import Foundation
import Postgres

/// The new-cycle statement's objectives (003 §5.3.3, second list; 000 §5.1), found for a cycle
/// that has just enrolled its appraisals: for each, the same employment's latest locked and
/// current statement from an earlier year that proposes any.
public enum CarryForwardStore {
    public struct Proposal: Sendable {
        public let appraisalId: UUID
        public let personId: UUID
        public let proposedBy: UUID
        public let statementYear: Int
        public let objectives: [ObjectiveContent]
    }

    public static func proposals(cycle: UUID, on db: Connection) throws -> [Proposal] {
        try db.query("""
            SELECT a.id AS appraisal_id, a.person_id, s.issued_by, s.year, s.next_cycle_objectives
              FROM appraisals a
              JOIN LATERAL (
                SELECT st.issued_by, p.year, st.next_cycle_objectives
                  FROM appraisals p JOIN statements st ON st.appraisal_id = p.id
                 WHERE p.employment_id = a.employment_id AND p.year < a.year AND st.state = 'locked'
                   AND st.superseded_by_id IS NULL AND st.issued_by IS NOT NULL
                   AND jsonb_array_length(coalesce(st.next_cycle_objectives, '[]')) > 0
                 ORDER BY p.year DESC, st.number DESC LIMIT 1) s ON true
             WHERE a.cycle_id = \(cycle)
            """).map { row in
            Proposal(appraisalId: try row.decode(UUID.self, "appraisal_id"),
                     personId: try row.decode(UUID.self, "person_id"),
                     proposedBy: try row.decode(UUID.self, "issued_by"),
                     statementYear: try row.decode(Int.self, "year"),
                     objectives: try SnakeCaseJSON.decode([ObjectiveContent].self,
                                                          from: try row.decode(String.self, "next_cycle_objectives")))
        }
    }
}
