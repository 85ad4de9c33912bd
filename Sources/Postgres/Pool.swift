import Foundation
import Synchronization

/// A fixed-size pool of libpq connections.
///
/// Work is handed to a connection's own serial queue as one synchronous closure, so a whole
/// transaction costs one hop off Swift's cooperative pool and back. A connection the server
/// dropped is replaced on its next use; while the database is down every request fails fast
/// with a `.connection` error (503) and the first one after it is back succeeds.
public final class Pool: Sendable {
    public struct Configuration: Sendable {
        public var url: String
        public var size: Int
        public var acquireTimeout: Duration
        public var statementTimeoutMilliseconds: Int
        public var connectTimeoutSeconds: Int
        public var applicationName: String

        public init(url: String, size: Int = 10, acquireTimeout: Duration = .seconds(5),
                    statementTimeoutMilliseconds: Int = 5_000, connectTimeoutSeconds: Int = 3,
                    applicationName: String = "appraise") {
            self.url = url
            self.size = size
            self.acquireTimeout = acquireTimeout
            self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.applicationName = applicationName
        }
    }

    public struct Statistics: Sendable, Equatable {
        public var inUse: Int
        public var idle: Int
        public var waiting: Int
    }

    private struct Waiter {
        let id: UInt64
        let deadline: DispatchTime
        let continuation: CheckedContinuation<Connection, any Error>
    }

    private struct State {
        var idle: [Connection] = []
        var created = 0
        var inUse = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var sweeperRunning = false
        var closed = false
    }

    public let configuration: Configuration
    private let settings: ConnectionSettings
    private let state = Mutex(State())

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        self.settings = ConnectionSettings(
            url: configuration.url, applicationName: configuration.applicationName,
            connectTimeoutSeconds: configuration.connectTimeoutSeconds,
            statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds)
    }

    public var statistics: Statistics {
        state.withLock { Statistics(inUse: $0.inUse, idle: $0.idle.count, waiting: $0.waiters.count) }
    }

    /// Runs `body` on a pooled connection's own thread.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let connection = try await acquire()
        defer { release(connection) }
        return try await withCheckedThrowingContinuation { continuation in
            connection.queue.async {
                do {
                    // `sendWithCommit` outside a transaction would drop its statement (an audit
                    // event) unsent: the request fails instead.
                    func run() throws -> T {
                        let value = try body(connection)
                        guard connection.takeStatementsBeforeCommit().isEmpty else { throw StatementsNotSent() }
                        return value
                    }
                    let fresh = try connection.ensureConnected()
                    do {
                        continuation.resume(returning: try run())
                    } catch let error as PostgresError where error.isUnavailable && !fresh {
                        // A pooled connection can look healthy to libpq after the server
                        // restarted; the first statement finds out. The server has rolled back
                        // whatever the body began, so reconnect and run it once more.
                        connection.disconnect()
                        try connection.ensureConnected()
                        continuation.resume(returning: try run())
                    }
                } catch {
                    // A statement that failed because the server went away leaves a dead
                    // handle: drop it now so the next user reconnects.
                    if !connection.isHealthy { connection.disconnect() }
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs `body` in one transaction. `trustID` is set with `set_config(…, true)` — local to
    /// this transaction, so it can never leak to the next user of the connection — and keys
    /// row-level security. `nil` runs with no tenant: tenant tables then show no rows.
    /// Inside a `sharedTransaction` of the same scope, it runs as a savepoint of that one.
    public func transaction<T: Sendable>(trustID: UUID?, platform: Bool = false,
                                         _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        if let shared = sharedTransaction(trustID: trustID, platform: platform) {
            return try await shared.savepoint(body)
        }
        return try await withConnection { connection in
            do {
                // BEGIN and the trust's context in one round trip: an explicit transaction block
                // outlives the pipeline's sync point.
                _ = try connection.pipeline(["BEGIN", Self.context(trustID: trustID, platform: platform)])
                let value = try body(connection)
                _ = try connection.pipeline(connection.takeStatementsBeforeCommit() + ["COMMIT"])
                return value
            } catch {
                _ = connection.takeStatementsBeforeCommit()
                if connection.isHealthy { _ = try? connection.query("ROLLBACK") }
                throw error
            }
        }
    }

    /// The statement that keys row-level security for the rest of the transaction.
    static func context(trustID: UUID?, platform: Bool) -> SQL {
        "SELECT set_config('app.trust_id', \(trustID?.postgresText ?? ""), true), set_config('app.scope', \(platform ? "platform" : ""), true)"
    }

    /// Runs one read-only statement in the trust's context in a single round trip (pipeline:
    /// `set_config` then the statement, one implicit transaction). Row-level security applies
    /// exactly as in `transaction`.
    public func read<T: Sendable>(trustID: UUID?, platform: Bool = false, _ sql: SQL,
                                  _ decode: @escaping @Sendable (Row) throws -> T) async throws -> [T] {
        try await read(trustID: trustID, platform: platform, [sql])[0].map(decode)
    }

    /// Several read-only statements in the trust's context, still one round trip; each
    /// statement's rows, in order.
    public func read(trustID: UUID?, platform: Bool = false, _ statements: [SQL]) async throws -> [[Row]] {
        // Inside a shared transaction a read sees what the request has written so far.
        if let shared = sharedTransaction(trustID: trustID, platform: platform) {
            return try await shared.savepoint { connection in try statements.map { try connection.query($0) } }
        }
        return try await withConnection { connection in
            let context = Self.context(trustID: trustID, platform: platform)
            return Array(try connection.pipeline([context] + statements, prepared: true).dropFirst())
        }
    }

    /// A pipelined read with extra transaction-local settings (e.g. `app.api_key_prefix` for
    /// the key lookup), each bound as a parameter.
    public func read<T: Sendable>(settings: [(String, String)], _ sql: SQL,
                                  _ decode: @escaping @Sendable (Row) throws -> T) async throws -> [T] {
        try await withConnection { connection in
            var statements: [SQL] = settings.map { "SELECT set_config(\($0.0), \($0.1), true)" }
            statements.append(sql)
            return try connection.pipeline(statements).last!.map(decode)
        }
    }

    /// Closes idle connections and refuses new work; in-use connections close when returned.
    public func close() {
        let (idle, waiters) = state.withLock { state -> ([Connection], [Waiter]) in
            state.closed = true
            defer { state.idle = []; state.waiters = [] }
            return (state.idle, state.waiters)
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(kind: .connection, message: "pool closed"))
        }
        for connection in idle { connection.queue.sync { connection.disconnect() } }
    }

    // MARK: - Checkout

    func acquire() async throws -> Connection {
        enum Decision { case ready(Connection), create(Int), wait, closed }
        let decision = state.withLock { state -> Decision in
            if state.closed { return .closed }
            if let connection = state.idle.popLast() {
                state.inUse += 1
                return .ready(connection)
            }
            if state.created < configuration.size {
                state.created += 1
                state.inUse += 1
                return .create(state.created)
            }
            return .wait
        }
        switch decision {
        case .ready(let connection): return connection
        case .create(let number): return Connection(settings: settings, label: "appraise.pg.\(number)")
        case .closed: throw PostgresError(kind: .connection, message: "pool closed")
        case .wait: return try await waitForConnection()
        }
    }

    private func waitForConnection() async throws -> Connection {
        let timeout = configuration.acquireTimeout
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let deadline = DispatchTime.now() + .nanoseconds(Int(nanoseconds))
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Connection, any Error>) in
            let startSweeper = state.withLock { state -> Bool in
                // Re-check under the lock: a connection may have come back meanwhile.
                if let connection = state.idle.popLast() {
                    state.inUse += 1
                    continuation.resume(returning: connection)
                    return false
                }
                state.nextWaiterID += 1
                state.waiters.append(Waiter(id: state.nextWaiterID, deadline: deadline, continuation: continuation))
                if state.sweeperRunning { return false }
                state.sweeperRunning = true
                return true
            }
            if startSweeper { scheduleSweep() }
        }
    }

    /// One timer for all waiters (not one per wait, which showed up in profiles under load):
    /// fails those past the acquire timeout, and re-arms while any are left.
    private func scheduleSweep() {
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
            guard let self else { return }
            let now = DispatchTime.now()
            let (expired, rearm) = self.state.withLock { state -> ([Waiter], Bool) in
                let expired = state.waiters.filter { $0.deadline <= now }
                state.waiters.removeAll { $0.deadline <= now }
                state.sweeperRunning = !state.waiters.isEmpty
                return (expired, state.sweeperRunning)
            }
            for waiter in expired {
                waiter.continuation.resume(throwing: PostgresError(
                    kind: .poolTimeout, message: "no database connection became free in time"))
            }
            if rearm { self.scheduleSweep() }
        }
    }

    func release(_ connection: Connection) {
        let handOver = state.withLock { state -> Waiter? in
            if state.closed {
                state.inUse -= 1
                state.created -= 1
                return nil
            }
            if !state.waiters.isEmpty {
                return state.waiters.removeFirst()
            }
            state.inUse -= 1
            state.idle.append(connection)
            return nil
        }
        if let handOver {
            handOver.continuation.resume(returning: connection)
        } else if state.withLock({ $0.closed }) {
            connection.queue.async { connection.disconnect() }
        }
    }
}

/// A statement queued with `Connection.sendWithCommit` outside a transaction: a programming
/// error, answered as a server error rather than losing what it would have written.
public struct StatementsNotSent: Error, CustomStringConvertible {
    public var description: String { "a statement queued for COMMIT ran outside a transaction and was not sent" }
}
