import Foundation
import Postgres

/// Reporting logins (issue 17 §4, migration 0028): one PostgreSQL login per trust for BI tools,
/// reading only the `reporting` views, only of its trust. Making a role needs CREATEROLE, so
/// this runs on an administrator's connection (`DATABASE_ADMIN_URL`), never the application's.
public enum ReportingLogins {
    /// Lower-case letters, digits and underscores, starting with a letter: a name that needs
    /// no quoting anywhere a BI tool might put it.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.count <= 63 else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Makes the login (and the group role, the first time), read-only, limited to 60 s a
    /// statement, and names its trust. Throws if the role exists or the trust does not.
    public static func create(name: String, password: String, trust: UUID, on db: Connection) throws {
        try db.query("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'appraise_reporting') THEN
                CREATE ROLE appraise_reporting NOLOGIN;
              END IF;
            END $$
            """)
        try db.query("SELECT reporting_enable()")
        let statements = try db.query("""
            SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE appraise_reporting NOSUPERUSER NOBYPASSRLS'
                          ' NOCREATEDB NOCREATEROLE', \(name)::text, \(password)::text) AS make,
                   format('ALTER ROLE %I SET default_transaction_read_only = on', \(name)::text) AS read_only,
                   format('ALTER ROLE %I SET statement_timeout = ''60s''', \(name)::text) AS timeout
            """)[0]
        for column in ["make", "read_only", "timeout"] {
            try db.query(SQL(unsafeSQL: try statements.decode(String.self, column)))
        }
        try db.query("INSERT INTO reporting_logins (role_name, trust_id) VALUES (\(name), \(trust))")
    }

    /// Removes the login; whether there was one.
    public static func drop(name: String, on db: Connection) throws -> Bool {
        guard try !db.query("DELETE FROM reporting_logins WHERE role_name = \(name) RETURNING role_name").isEmpty
        else { return false }
        let drop = try db.query("SELECT format('DROP ROLE %I', \(name)::text) AS drop")[0]
        try db.query(SQL(unsafeSQL: try drop.decode(String.self, "drop")))
        return true
    }
}
