import Domain
import Foundation
import Postgres

extension CalendarDate: PostgresEncodable, PostgresDecodable {
    public var postgresText: String { description }
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) { self.init(utf8: bytes) }
}

/// A list of ids bound as one `uuid[]` parameter (`unnest(\(UUIDArray(ids))::uuid[])`):
/// one bind however many ids, so statement text never grows with the data.
struct UUIDArray: PostgresEncodable {
    let ids: [UUID]
    init(_ ids: [UUID]) { self.ids = ids }
    var postgresText: String { "{" + ids.map(\.postgresText).joined(separator: ",") + "}" }
    /// How many ids decides how the rows are best found (`PostgresEncodable.shapesThePlan`).
    var shapesThePlan: Bool { true }
}

/// The outcome of an update guarded by the row's version (optimistic concurrency, If-Match).
public enum VersionedUpdate<Record: Sendable>: Sendable {
    case updated(Record)
    case stale(current: Record)
    case notFound
}

/// The outcome of a delete guarded by version.
public enum VersionedDelete: Sendable, Equatable {
    case deleted
    case stale
    case notFound
}

/// Builds `WHERE` clauses from optional filters, keeping every value bound.
struct Conditions {
    private var sql: SQL = " WHERE true"

    mutating func add(_ condition: SQL) {
        sql.append(" AND ")
        sql.append(condition)
    }

    mutating func page(_ page: PageRequest) {
        if let after = page.after { add("id > \(after)") }
    }

    func query(select: String, from table: String, page: PageRequest) -> SQL {
        var query = SQL(unsafeSQL: "SELECT \(select) FROM \(table)")
        query.append(sql)
        query.append(" ORDER BY id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return query
    }
}

/// Keyset pagination: queries fetch one row more than asked, which tells whether another
/// page follows.
public func makePage<T>(_ records: [T], limit: Int, id: KeyPath<T, UUID>) -> Page<T> {
    let items = Array(records.prefix(limit))
    let next = records.count > limit ? items.last?[keyPath: id] : nil
    return Page(items: items, nextAfter: next)
}

/// Deletes a row guarded by its version; when nothing was deleted, tells missing from stale.
func deleteVersioned(table: String, id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
    let rows = try db.query("DELETE FROM \(unsafeSQL: table) WHERE id = \(id) AND version = \(expectedVersion) RETURNING id")
    if !rows.isEmpty { return .deleted }
    let exists = try !db.query("SELECT 1 FROM \(unsafeSQL: table) WHERE id = \(id)").isEmpty
    return exists ? .stale : .notFound
}

/// After an UPDATE … WHERE version = … touched no row: was it missing, or stale?
func resolveMissedUpdate<T>(_ current: T?) -> VersionedUpdate<T> {
    guard let current else { return .notFound }
    return .stale(current: current)
}

/// SQL for one kind of tenant record. `find` and `delete` are shared; each store writes its
/// own column list, decoding, insert, update and filters.
public protocol TenantStore: Sendable {
    associatedtype Record: TenantRecord
    associatedtype Filter: Sendable
    /// The resource's name in messages ("unit").
    static var resourceName: String { get }
    static var table: String { get }
    static var columns: String { get }
    static func decode(_ row: Row) throws -> Record
    /// The record's values in `columns` order, as bound parameters carry them: one definition
    /// for a single INSERT and a sync's COPY.
    static func values(_ record: Record) -> [String?]
    static func listQuery(_ filter: Filter, page: PageRequest) -> SQL
    static func update(_ id: UUID, to input: Record.Input, expectedVersion: Int, at now: Date,
                       on db: Connection) throws -> VersionedUpdate<Record>
    /// How `me` stands to a record's person (issue 3 §3); nil where relationships do not apply.
    static func relationshipsQuery(record: UUID, me: UUID) -> SQL?
    /// Narrows a list to what `me` may see by relationship; false where lists cannot be narrowed.
    static func restrict(_ filter: inout Filter, visibleTo me: UUID) -> Bool
    static var listsByRelationship: Bool { get }
}

extension TenantStore {
    public static func relationshipsQuery(record: UUID, me: UUID) -> SQL? { nil }
    public static func restrict(_ filter: inout Filter, visibleTo me: UUID) -> Bool { false }
    public static var listsByRelationship: Bool { false }

    public static func findQuery(_ id: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM \(unsafeSQL: table) WHERE id = \(id)"
    }

    public static func insert(_ record: Record, on db: Connection) throws {
        try db.query(SQL(insertInto: table, columns: columns, values: values(record)))
    }

    public static func find(_ id: UUID, on db: Connection) throws -> Record? {
        try db.query(findQuery(id)).first.map(decode)
    }

    public static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
        try deleteVersioned(table: table, id: id, expectedVersion: expectedVersion, on: db)
    }
}

/// A stored snapshot in a shape this build does not know: the database was written by a newer
/// release. Never expected in one deployment; surfaces as a server error, not as wrong data.
struct UnknownSnapshotSchema: Error, CustomStringConvertible {
    let table: String
    let schema: Int
    var description: String { "\(table): snapshot schema \(schema) is newer than this build" }
}
