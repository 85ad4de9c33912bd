import Domain
import Foundation
import Postgres

/// Moderation rounds, their items and every decision (migration 0016).
public enum ModerationStore {
    static let roundColumns = """
        id, trust_id, cycle_id, unit_id, subject, sample_percent, moderators, state, opened_by, closed_at,
        closed_by, outcome, version, created_at, updated_at
        """

    public static func decodeRound(_ row: Row) throws -> ModerationRound {
        let input = ModerationRoundInput(
            cycleId: try row.decode(UUID.self, "cycle_id"), unitId: try row.decode(UUID?.self, "unit_id"),
            subject: try row.decode(String.self, "subject").asEnum(ModerationRound.Subject.self),
            samplePercent: try row.decode(Int?.self, "sample_percent"),
            moderators: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "moderators")))
        var round = ModerationRound(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                                    input: input, openedBy: try row.decode(UUID?.self, "opened_by"),
                                    at: try row.decode(Date.self, "created_at"))
        round.state = try row.decode(String.self, "state").asEnum(ModerationRound.State.self)
        round.closedAt = try row.decode(Date?.self, "closed_at")
        round.closedBy = try row.decode(UUID?.self, "closed_by")
        round.outcome = try row.decode(String?.self, "outcome")
            .map { try SnakeCaseJSON.decode(ModerationOutcome.self, from: $0) }
        round.version = try row.decode(Int.self, "version")
        round.updatedAt = try row.decode(Date.self, "updated_at")
        return round
    }

    public static func insert(_ r: ModerationRound, on db: Connection) throws {
        try db.query("""
            INSERT INTO moderation_rounds (trust_id, id, cycle_id, unit_id, subject, sample_percent, moderators, state,
                opened_by, version, created_at, updated_at)
            VALUES (\(r.trustId), \(r.id), \(r.cycleId), \(r.unitId), \(r.subject.rawValue), \(r.samplePercent),
                \(try SnakeCaseJSON.encode(r.moderators))::jsonb, \(r.state.rawValue), \(r.openedBy), \(r.version),
                \(r.createdAt), \(r.updatedAt))
            """)
    }

    public static func round(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> ModerationRound? {
        try db.query("SELECT \(unsafeSQL: roundColumns) FROM moderation_rounds WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decodeRound)
    }

    public static func rounds(cycle: UUID?, on db: Connection) throws -> [ModerationRound] {
        var sql: SQL = "SELECT \(unsafeSQL: roundColumns) FROM moderation_rounds"
        if let cycle { sql.append(" WHERE cycle_id = \(cycle)") }
        sql.append(" ORDER BY created_at, id")
        return try db.query(sql).map(decodeRound)
    }

    public static func close(_ r: ModerationRound, on db: Connection) throws {
        try db.query("""
            UPDATE moderation_rounds SET state = 'closed', closed_at = \(r.closedAt), closed_by = \(r.closedBy),
                outcome = \(try SnakeCaseJSON.encode(r.outcome))::jsonb, version = version + 1,
                updated_at = \(r.updatedAt)
            WHERE id = \(r.id)
            """)
    }
}
