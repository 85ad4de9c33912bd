import Domain
import Foundation
import Postgres

/// A bulk sync's SQL (issue 16 §1): every record of a kind read in one statement, and the
/// created and changed ones written in one statement each, from a scratch table they are
/// COPYed into with the stores' own columns and values (`TenantStore.values`).
public enum StaffSyncStore {
    /// One sync at a time per trust: two syncs planning against the same rows would each
    /// create what the other creates.
    ///
    /// The transaction's sorts and the audit's captured rows (its trust check's transition
    /// table) fit in memory for this transaction only: at the default 4 MB, a sync of 10,000
    /// staff wrote 20 MB of both to temporary files and read them back.
    public static func lockSync(of trust: UUID, on db: Connection) throws {
        try db.query("""
            SELECT pg_advisory_xact_lock(hashtextextended('staff_sync:' || \(trust)::text, 0)),
                   set_config('work_mem', '64MB', true)
            """)
    }

    public static func all<S: TenantStore>(_ store: S.Type, on db: Connection) throws -> [S.Record] {
        try db.query("SELECT \(unsafeSQL: S.columns) FROM \(unsafeSQL: S.table)").map(S.decode)
    }

    /// The sync's writes in order, each COPYed into its scratch table as it is added, then
    /// run as one pipeline (`run`) while the caller prepares the audit.
    public struct Writes {
        private var statements: [SQL] = []
        /// Each update's statement and how many rows it must find.
        private var updates: [(statement: Int, rows: Int)] = []
        private var withdrawal: Int?

        public init() {}

        public mutating func insert<S: TenantStore>(_ records: [S.Record], into store: S.Type,
                                                    on db: Connection) throws {
            guard !records.isEmpty else { return }
            let scratch = try load(records, S.self, as: "sync_new_\(S.table)", on: db)
            statements.append("""
                INSERT INTO \(unsafeSQL: S.table) (\(unsafeSQL: S.columns))
                SELECT \(unsafeSQL: S.columns) FROM \(unsafeSQL: scratch)
                """)
        }

        /// Writes each record over the row of its id still at the version before it; `run`
        /// throws `ConcurrentChange` when another writer got there first (the sync rolls back).
        public mutating func update<S: TenantStore>(_ records: [S.Record], in store: S.Type,
                                                    on db: Connection) throws {
            guard !records.isEmpty else { return }
            let columns = S.columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0 != "id" && $0 != "trust_id" && $0 != "created_at" }
            let targets = columns.joined(separator: ", ")
            let sources = columns.map { "r.\($0)" }.joined(separator: ", ")
            let scratch = try load(records, S.self, as: "sync_changed_\(S.table)", on: db)
            updates.append((statements.count, records.count))
            statements.append("""
                UPDATE \(unsafeSQL: S.table) t SET (\(unsafeSQL: targets)) = (\(unsafeSQL: sources))
                FROM \(unsafeSQL: scratch) r
                WHERE t.id = r.id AND t.version = r.version - 1
                RETURNING t.id
                """)
        }

        /// Withdraws the appraisals of these employments in cycles not yet closed.
        public mutating func withdrawAppraisals(of employments: [UUID], at now: Date) {
            guard !employments.isEmpty else { return }
            let ids = "{" + employments.map(\.postgresText).joined(separator: ",") + "}"
            withdrawal = statements.count
            statements.append("""
                UPDATE appraisals a SET state = 'withdrawn', version = a.version + 1, updated_at = \(now)
                FROM cycles c
                WHERE c.id = a.cycle_id AND c.state <> 'closed' AND a.state IN ('active', 'suspended')
                  AND a.employment_id = ANY(\(ids)::uuid[])
                RETURNING a.id, a.person_id
                """)
        }

        /// Runs the writes while `work` runs (`Connection.overlapping`); the ids and people of
        /// the appraisals withdrawn, for the audit.
        public func run<T>(on db: Connection, while work: () throws -> T) throws
            -> (value: T, withdrawn: [(id: UUID, person: UUID)]) {
            let (value, rows) = try db.overlapping(statements, with: work)
            for update in updates where rows[update.statement].count != update.rows { throw ConcurrentChange() }
            let withdrawn = try withdrawal.map { rows[$0] }?.map {
                (try $0.decode(UUID.self, "id"), try $0.decode(UUID.self, "person_id"))
            }
            return (value, withdrawn ?? [])
        }
    }

    /// The records COPYed into a scratch table of the store's columns; its name.
    static func load<S: TenantStore>(_ records: [S.Record], _ store: S.Type, as name: String,
                                     on db: Connection) throws -> String {
        var rows = CopyRows()
        for record in records { rows.append(S.values(record)) }
        return try db.copyIntoScratch(rows, named: name, like: S.table, columns: S.columns)
    }
}
