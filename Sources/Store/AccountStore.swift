import Domain
import Foundation
import Postgres

/// Accounts and sessions (migration 0004).
public enum AccountStore {
    static let columns = "id, trust_id, person_id, email, disabled_at, version, created_at, updated_at"

    public static func decode(_ row: Row) throws -> Account {
        Account(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                personId: try row.decode(UUID.self, "person_id"), email: try row.decode(String.self, "email"),
                disabledAt: try row.decode(Date?.self, "disabled_at"), version: try row.decode(Int.self, "version"),
                createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func insert(_ account: Account, passwordHash: String, on db: Connection) throws {
        try db.query("""
            INSERT INTO accounts (trust_id, id, person_id, email, password_hash, version, created_at, updated_at)
            VALUES (\(account.trustId), \(account.id), \(account.personId), \(account.email), \(passwordHash),
                    \(account.version), \(account.createdAt), \(account.updatedAt))
            """)
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM accounts WHERE id = \(id)" }

    public static func find(_ id: UUID, on db: Connection) throws -> Account? {
        try db.query(findQuery(id)).first.map(decode)
    }

    /// Every account a person has had in this trust.
    public static func ids(ofPerson person: UUID, on db: Connection) throws -> [UUID] {
        try db.query("SELECT id FROM accounts WHERE person_id = \(person)").map { try $0.decode(UUID.self, "id") }
    }

    public static func listQuery(page: PageRequest) -> SQL {
        var conditions = Conditions()
        conditions.page(page)
        return conditions.query(select: columns, from: "accounts", page: page)
    }

    public static func update(_ id: UUID, disabledAt: Date?, passwordHash: String?, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<Account> {
        let rows = try db.query("""
            UPDATE accounts SET disabled_at = \(disabledAt), password_hash = coalesce(\(passwordHash), password_hash),
                   version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        return resolveMissedUpdate(try find(id, on: db))
    }

    /// Run with `app.login_email` set to `email` (the row-level security policy lets that row through).
    public static func loginQuery(email: String) -> SQL {
        "SELECT \(unsafeSQL: columns), password_hash FROM accounts WHERE lower(email) = lower(\(email))"
    }

    // MARK: Sessions

    public struct Session: Sendable, Equatable {
        public var id: UUID
        public var trustId: UUID
        public var accountId: UUID
        public var expiresAt: Date
        public var ended: Bool
        /// The presented token was the one before the current: it was stolen or replayed.
        public var presentedPrevious: Bool
    }

    public static func insertSession(id: UUID, trust: UUID, account: UUID, refreshHash: String, at now: Date,
                                     expires: Date, on db: Connection) throws {
        try db.query("""
            INSERT INTO sessions (trust_id, id, account_id, refresh_hash, created_at, refreshed_at, expires_at)
            VALUES (\(trust), \(id), \(account), \(refreshHash), \(now), \(now), \(expires))
            """)
    }

    /// Run with `app.refresh_hash` set to `hash`: only that session's row is visible (the
    /// account is read afterwards, in the session's trust).
    public static func sessionQuery(refreshHash hash: String) -> SQL {
        """
        SELECT id, trust_id, account_id, expires_at, ended_at IS NOT NULL AS ended,
               previous_refresh_hash IS NOT DISTINCT FROM \(hash) AS presented_previous
        FROM sessions WHERE refresh_hash = \(hash) OR previous_refresh_hash = \(hash)
        """
    }

    public static func decodeSession(_ row: Row) throws -> Session {
        Session(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                accountId: try row.decode(UUID.self, "account_id"), expiresAt: try row.decode(Date.self, "expires_at"),
                ended: try row.decode(Bool.self, "ended"), presentedPrevious: try row.decode(Bool.self, "presented_previous"))
    }

    /// Whether a session may still be used: not ended, not expired, its account not disabled.
    public static func sessionIsLiveQuery(_ id: UUID, at now: Date) -> SQL {
        """
        SELECT count(*)::int AS live FROM sessions s JOIN accounts a ON a.trust_id = s.trust_id AND a.id = s.account_id
        WHERE s.id = \(id) AND s.ended_at IS NULL AND s.expires_at > \(now) AND a.disabled_at IS NULL
        """
    }

    public static func rotate(session: UUID, from oldHash: String, to newHash: String, at now: Date, on db: Connection) throws -> Bool {
        !(try db.query("""
            UPDATE sessions SET previous_refresh_hash = refresh_hash, refresh_hash = \(newHash), refreshed_at = \(now)
            WHERE id = \(session) AND refresh_hash = \(oldHash) AND ended_at IS NULL RETURNING id
            """)).isEmpty
    }

    public static func endSession(_ id: UUID, reason: String, at now: Date, on db: Connection) throws {
        try db.query("UPDATE sessions SET ended_at = \(now), end_reason = \(reason) WHERE id = \(id) AND ended_at IS NULL")
    }

    public static func endSessions(ofAccount account: UUID, reason: String, at now: Date, on db: Connection) throws {
        try db.query("UPDATE sessions SET ended_at = \(now), end_reason = \(reason) WHERE account_id = \(account) AND ended_at IS NULL")
    }
}
