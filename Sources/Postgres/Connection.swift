import CLibPQ
import Foundation

/// One libpq connection. libpq blocks, so a connection is confined to its own serial
/// dispatch queue (never Swift's cooperative pool); the pointer is touched only there.
public final class Connection: @unchecked Sendable {
    private(set) var handle: OpaquePointer?
    let queue: DispatchQueue
    private let settings: ConnectionSettings
    /// Statements this connection has prepared, by their text (see `preparedName`).
    private var prepared: [String: String] = [:]
    /// Names are never reused on one connection, so a cache restarted after a failed
    /// `DEALLOCATE ALL` cannot collide with what the server still holds.
    private var nextStatement = 0
    /// How many times the cache was emptied (`DEALLOCATE ALL`): names taken before it are gone.
    private var deallocations = 0
    /// Past this many, the cache starts again (dynamic filters make many shapes).
    static let preparedLimit = 200
    /// Statements to send with the transaction's COMMIT, in one round trip (`sendWithCommit`).
    private var beforeCommit: [SQL] = []

    init(settings: ConnectionSettings, label: String) {
        self.settings = settings
        self.queue = DispatchQueue(label: label)
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    // MARK: - Used only on `queue`

    /// Connects if there is no healthy connection. A broken connection (the server
    /// restarted) is dropped and replaced, so the pool heals without restarting the API.
    /// Returns true when it had to connect (the connection is fresh).
    @discardableResult
    func ensureConnected() throws -> Bool {
        dispatchPrecondition(condition: .onQueue(queue))
        if let handle, PQstatus(handle) == CONNECTION_OK { return false }
        disconnect()
        let keywords = ["dbname", "connect_timeout", "application_name", "options"]
        let values = [settings.url, String(settings.connectTimeoutSeconds), settings.applicationName,
                      // Session settings every statement relies on: UTC instants, ISO dates, and a
                      // statement timeout so no query can hold a connection forever. JIT off: these
                      // are short OLTP statements, and a visibility check whose estimate crossed
                      // jit_above_cost spent 1.6 s compiling to run in 50 ms. Temporary buffers for
                      // a sync's scratch tables (14 MB of audit rows for 10,000 staff spilled past
                      // the default 8 MB); taken only when used, and fixed once a session has used them.
                      "-c TimeZone=UTC -c DateStyle=ISO -c client_min_messages=warning -c jit=off"
                        + " -c temp_buffers=32MB -c statement_timeout=\(settings.statementTimeoutMilliseconds)"]
        let connection = withArrayOfCStrings(keywords) { keywordPointers in
            withArrayOfCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let connection { PQfinish(connection) }
            throw PostgresError(kind: .connection, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        handle = connection
        return true
    }

    func disconnect() {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared.removeAll()
    }

    var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Runs one statement with its bound parameters (text format) and returns its rows.
    @discardableResult
    public func query(_ sql: SQL) throws -> [Row] {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connection, message: "not connected") }
        let name = try preparedName(for: sql, on: handle)
        if sql.plansOnce, let name {
            // The mode holds for this statement only: set, run and reset in one round trip.
            return try pipeline([Self.genericPlans(true), sql, Self.genericPlans(false)],
                                preparedNames: [nil, name, nil])[1]
        }
        let result = withArrayOfOptionalCStrings(sql.binds) { parameters in
            if let name {
                return PQexecPrepared(handle, name, Int32(sql.binds.count), parameters, nil, nil, 0)
            }
            return sql.text.withCString { text in
                PQexecParams(handle, text, Int32(sql.binds.count), nil, parameters, nil, nil, 0)
            }
        }
        guard let result else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
        }
        let status = PQresultStatus(result)
        // A result with rows belongs to its rows from here; any other is freed on return.
        if status == PGRES_TUPLES_OK { return Row.Result(taking: result).rows }
        defer { PQclear(result) }
        switch status {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return []
        default:
            throw Self.error(from: result, connection: handle)
        }
    }

    /// The name of this statement prepared on this connection, preparing it the first time.
    /// An unnamed statement is parsed and planned on every execution: the record's access
    /// check (one query over a dozen relationships) spent 10 ms planning to run in 0.4 ms.
    /// Prepared, it is parsed once per connection and, after a few runs, planned once
    /// (PostgreSQL's generic plan: every parameter here is an id or a value, never a
    /// table). Only plain DML is cached; anything else (DDL, SET, BEGIN) runs unnamed. Page
    /// sizes are written into the text (`LIMIT 51`), not bound: a generic plan that does not
    /// know its limit plans for a tenth of the table and sorts it (a page of employments
    /// halved in throughput).
    private func preparedName(for sql: SQL, on handle: OpaquePointer) throws -> String? {
        // Unnamed, it is planned with its values every time (`SQL.plansEachRun`).
        if sql.plansEachRun { return nil }
        let head = sql.text.prefix(8).uppercased()
        guard ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(where: { head.hasPrefix($0) }) else {
            return nil
        }
        if let name = prepared[sql.text] { return name }
        if prepared.count >= Self.preparedLimit {
            // Inside a failed transaction this fails too: run it unnamed, as it was.
            guard let result = PQexec(handle, "DEALLOCATE ALL") else { return nil }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COMMAND_OK else { return nil }
            prepared.removeAll()
            deallocations += 1
        }
        nextStatement += 1
        let name = "s\(nextStatement)"
        guard let result = PQprepare(handle, name, sql.text, Int32(sql.binds.count), nil) else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw Self.error(from: result, connection: handle) }
        prepared[sql.text] = name
        return name
    }

    /// Runs statements in libpq's pipeline mode: all are sent at once and answered in one
    /// network round trip, inside one implicit transaction that ends at the sync point (so a
    /// `set_config(…, true)` in the first statement holds for the others, and nothing
    /// outlives the pipeline). Returns each statement's rows. Used for reads, where a
    /// BEGIN / set_config / SELECT / COMMIT sequence would otherwise cost four round trips.
    ///
    /// `prepared` runs each statement as this connection's prepared statement of its text
    /// (prepared on first use, as `query` does): PostgreSQL then parses it once per
    /// connection rather than on every read.
    public func pipeline(_ statements: [SQL], prepared: Bool = false) throws -> [[Row]] {
        guard prepared, let handle else { return try pipeline(statements, preparedNames: nil) }
        // Preparing one statement may empty the cache (`preparedLimit`) and with it the names
        // taken for those before it: then take them again, once, from the emptied cache.
        for _ in 0..<2 {
            let before = deallocations
            let names = try statements.map { try preparedName(for: $0, on: handle) }
            if deallocations == before { return try pipeline(statements, preparedNames: names) }
        }
        return try pipeline(statements, preparedNames: nil)
    }

    /// `pipeline`, running each statement that has a name in `preparedNames` as that prepared
    /// statement.
    private func pipeline(_ statements: [SQL], preparedNames: [String?]?) throws -> [[Row]] {
        try sendPipeline(statements, preparedNames: preparedNames)
        return try readPipeline()
    }

    /// Enters pipeline mode and sends the statements with a sync point; the server starts on
    /// them at once (`PQpipelineSync` flushes). `readPipeline` takes their results.
    func sendPipeline(_ statements: [SQL], preparedNames: [String?]?) throws {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connection, message: "not connected") }
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
        }
        do {
            for (index, sql) in statements.enumerated() {
                let count = Int32(sql.binds.count)
                let sent = withArrayOfOptionalCStrings(sql.binds) { parameters in
                    if let name = preparedNames?[index] {
                        return PQsendQueryPrepared(handle, name, count, parameters, nil, nil, 0)
                    }
                    return sql.text.withCString { PQsendQueryParams(handle, $0, count, nil, parameters, nil, nil, 0) }
                }
                guard sent == 1 else {
                    throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
                }
            }
            guard PQpipelineSync(handle) == 1 else {
                throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
            }
        } catch {
            // Nothing was synced, so nothing will answer: the connection cannot be reused.
            disconnect()
            throw error
        }
    }

    /// Each statement's rows, up to the sync point; then leaves pipeline mode. The first
    /// statement that failed is thrown (those after it were not run).
    func readPipeline() throws -> [[Row]] {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connection, message: "not connected") }
        defer { PQexitPipelineMode(handle) }
        var results: [[Row]] = []
        var firstError: PostgresError?
        // Each statement yields its result then NULL; the sync point yields PGRES_PIPELINE_SYNC.
        while true {
            guard let result = PQgetResult(handle) else {
                if PQstatus(handle) != CONNECTION_OK {
                    throw firstError ?? PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
                }
                continue
            }
            let status = PQresultStatus(result)
            if status == PGRES_TUPLES_OK {
                results.append(Row.Result(taking: result).rows) // freed with its rows
                continue
            }
            defer { PQclear(result) }
            switch status {
            case PGRES_PIPELINE_SYNC:
                if let firstError { throw firstError }
                return results
            case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                results.append([])
            case PGRES_PIPELINE_ABORTED:
                continue
            default:
                if firstError == nil { firstError = Self.error(from: result, connection: handle) }
            }
        }
    }

    /// Queues a statement whose rows nobody reads (an audit record) to go with this
    /// transaction's COMMIT in one pipelined round trip. It is still part of the transaction:
    /// if it fails, the COMMIT is never run and the whole transaction rolls back.
    public func sendWithCommit(_ sql: SQL) {
        dispatchPrecondition(condition: .onQueue(queue))
        beforeCommit.append(sql)
    }

    /// What `sendWithCommit` queued, now to be sent (or, on rollback, dropped).
    func takeStatementsBeforeCommit() -> [SQL] {
        defer { beforeCommit = [] }
        return beforeCommit
    }

    /// Runs what `sendWithCommit` queued now, one statement at a time (a savepoint's release;
    /// a test that looks at their effect before the commit).
    public func sendQueuedStatements() throws {
        for statement in takeStatementsBeforeCommit() { _ = try query(statement) }
    }

    /// Runs a script of several statements without parameters (migrations).
    public func execute(script: String) throws {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connection, message: "not connected") }
        guard let result = PQexec(handle, script) else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw Self.error(from: result, connection: handle)
        }
    }

    /// Turns PostgreSQL's generic plans on or off for the rest of the transaction
    /// (`SQL.plannedOnce`).
    private static func genericPlans(_ on: Bool) -> SQL {
        on ? "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"
           : "SELECT set_config('plan_cache_mode', 'auto', true)"
    }

    static func error(from result: OpaquePointer, connection: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: pointer)
        }
        let sqlState = field("C")
        let brokenConnection = PQstatus(connection) != CONNECTION_OK
        return PostgresError(
            kind: (brokenConnection && sqlState == nil) ? .connection : .server,
            sqlState: sqlState,
            constraint: field("n"),
            column: field("c"),
            table: field("t"),
            message: field("M") ?? String(cString: PQerrorMessage(connection)),
            detail: field("D"))
    }
}

struct ConnectionSettings: Sendable {
    var url: String
    var applicationName: String
    var connectTimeoutSeconds: Int
    var statementTimeoutMilliseconds: Int
}

private func withArrayOfCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withArrayOfOptionalCStrings(strings.map { Optional($0) }, body)
}

/// Keeps C copies of the strings alive for the duration of `body`.
private func withArrayOfOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } }
    defer { copies.forEach { free($0) } }
    var pointers = copies.map { UnsafePointer($0) }
    pointers.append(nil)
    return body(pointers)
}
