import Domain
import Foundation
import Postgres

/// Reminders (migration 0026, issue 16 §5): the trust's settings, who may be reminded, each
/// reminder recorded once per deadline and stage, and the emails still to send.
public enum ReminderStore {
    public static func settings(on db: Connection) throws -> Reminder.Settings {
        try db.query("SELECT emails, days_before, version, updated_at FROM reminder_settings").first.map { row in
            Reminder.Settings(emails: try row.decode(Bool.self, "emails"),
                              daysBefore: try row.decode(Int.self, "days_before"),
                              version: try row.decode(Int.self, "version"),
                              updatedAt: try row.decode(Date.self, "updated_at"))
        } ?? .defaults
    }

    /// Writes the settings when `expectedVersion` is current (0: none set yet); nil otherwise.
    public static func save(_ settings: Reminder.Settings, trust: UUID, expectedVersion: Int, at now: Date,
                            on db: Connection) throws -> Reminder.Settings? {
        let statement: SQL = expectedVersion == 0 ? """
            INSERT INTO reminder_settings (trust_id, emails, days_before, created_at, updated_at)
            VALUES (\(trust), \(settings.emails), \(settings.daysBefore), \(now), \(now))
            ON CONFLICT (trust_id) DO NOTHING RETURNING version
            """ : """
            UPDATE reminder_settings SET emails = \(settings.emails), days_before = \(settings.daysBefore),
                version = version + 1, updated_at = \(now)
            WHERE version = \(expectedVersion) RETURNING version
            """
        guard let row = try db.query(statement).first else { return nil }
        return Reminder.Settings(emails: settings.emails, daysBefore: settings.daysBefore,
                                 version: try row.decode(Int.self, "version"), updatedAt: now)
    }

    /// Every trust (platform scope); which have a cycle running is asked inside each, where
    /// row-level security lets cycles be read.
    public static let trustsQuery = TrustStore.allIDsQuery

    /// People who can act in Appraise — an enabled account — with the address they log in with.
    public struct Recipient: Sendable {
        public let person: UUID
        public let email: String
        public let givenName: String
    }

    /// None while the trust has no cycle running: nothing is due then.
    public static let recipientsQuery: SQL = """
        SELECT a.person_id, a.email, p.given_name FROM accounts a JOIN people p ON p.id = a.person_id
        WHERE a.disabled_at IS NULL AND EXISTS (SELECT 1 FROM cycles WHERE state IN ('open', 'closing'))
        ORDER BY a.person_id
        """

    public static func decodeRecipient(_ row: Row) throws -> Recipient {
        Recipient(person: try row.decode(UUID.self, "person_id"), email: try row.decode(String.self, "email"),
                  givenName: try row.decode(String.self, "given_name"))
    }

    public struct Due: Sendable {
        public let person: UUID
        public let kind: String
        public let resource: String
        public let dueDate: CalendarDate
        public let stage: Reminder.Stage
        public init(person: UUID, kind: String, resource: String, dueDate: CalendarDate, stage: Reminder.Stage) {
            self.person = person; self.kind = kind; self.resource = resource; self.dueDate = dueDate; self.stage = stage
        }
    }

    /// Records the reminder unless this stage of this deadline was recorded before; whether it
    /// is new. `emailed`: queue its email.
    public static func record(_ due: Due, id: UUID, trust: UUID, emailed: Bool, at now: Date,
                              on db: Connection) throws -> Bool {
        try !db.query("""
            INSERT INTO reminders (trust_id, id, person_id, kind, resource, due_date, stage, created_at, email_state)
            VALUES (\(trust), \(id), \(due.person), \(due.kind), \(due.resource), \(due.dueDate),
                    \(due.stage.rawValue), \(now), \(emailed ? "pending" : nil))
            ON CONFLICT ON CONSTRAINT reminders_once_key DO NOTHING
            RETURNING id
            """).isEmpty
    }

    public struct PendingEmail: Sendable {
        public let id: UUID
        public let kind: String
        public let resource: String
        public let dueDate: CalendarDate
        public let stage: Reminder.Stage
        public let attempts: Int
        public let recipient: Recipient
    }

    /// Emails due to be sent, oldest first, skipping those another sender holds. A person whose
    /// account was disabled meanwhile is not written to.
    public static func pendingEmailsQuery(limit: Int, at now: Date) -> SQL {
        """
        SELECT r.id, r.kind, r.resource, r.due_date, r.stage, r.email_attempts, r.person_id, a.email, p.given_name
        FROM reminders r JOIN accounts a ON a.person_id = r.person_id AND a.disabled_at IS NULL
        JOIN people p ON p.id = r.person_id
        WHERE r.email_state = 'pending' AND (r.email_held_until IS NULL OR r.email_held_until < \(now))
        ORDER BY r.created_at LIMIT \(limit) FOR UPDATE OF r SKIP LOCKED
        """
    }

    /// Holds the emails for one sender until `until`.
    public static func hold(_ ids: [UUID], until: Date, on db: Connection) throws {
        try db.query("UPDATE reminders SET email_held_until = \(until) WHERE id = ANY (\(UUIDArray(ids))::uuid[])")
    }

    public static func decodePending(_ row: Row) throws -> PendingEmail {
        let stage = try row.decode(String.self, "stage")
        return PendingEmail(id: try row.decode(UUID.self, "id"), kind: try row.decode(String.self, "kind"),
                            resource: try row.decode(String.self, "resource"),
                            dueDate: try row.decode(CalendarDate.self, "due_date"),
                            stage: Reminder.Stage(rawValue: stage) ?? .dueSoon,
                            attempts: try row.decode(Int.self, "email_attempts"), recipient: try decodeRecipient(row))
    }

    /// After a send: sent; or the error, one more attempt and when to retry (failed after the last).
    public static func emailed(_ id: UUID, error: String?, retryAt: Date?, at now: Date, on db: Connection) throws {
        let state = error == nil ? "sent" : retryAt == nil ? "failed" : "pending"
        try db.query("""
            UPDATE reminders SET email_state = \(state), email_attempts = email_attempts + 1,
                emailed_at = \(error == nil ? now : nil), email_error = \(error), email_held_until = \(retryAt)
            WHERE id = \(id)
            """)
    }
}
