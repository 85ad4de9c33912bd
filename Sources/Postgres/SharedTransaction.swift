import Foundation

/// One transaction that a whole request's work joins, so that what it writes and what it
/// records about the request (an `Idempotency-Key`'s stored response) commit together or not
/// at all. While `Pool.sharedTransaction` runs, this pool's `transaction` and `read` for the
/// same scope — from the body's task and its child tasks — run on its connection, each as a
/// savepoint: a use case that fails is rolled back alone, exactly as if it had run by itself.
public final class SharedTransaction: @unchecked Sendable {
    let pool: ObjectIdentifier
    let connection: Connection
    let trustID: UUID?
    let platform: Bool

    init(pool: Pool, connection: Connection, trustID: UUID?, platform: Bool) {
        self.pool = ObjectIdentifier(pool)
        self.connection = connection
        self.trustID = trustID
        self.platform = platform
    }

    /// Runs `body` on the transaction's connection, as a savepoint.
    public func savepoint<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await run { connection in
            try connection.query("SAVEPOINT nested")
            do {
                let value = try body(connection)
                try connection.sendQueuedStatements()
                try connection.query("RELEASE SAVEPOINT nested")
                return value
            } catch {
                _ = connection.takeStatementsBeforeCommit()
                if connection.isHealthy { _ = try? connection.query("ROLLBACK TO SAVEPOINT nested") }
                throw error
            }
        }
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            connection.queue.async { [connection] in
                continuation.resume(with: Result(catching: { try body(connection) }))
            }
        }
    }
}

extension Pool {
    @TaskLocal static var shared: SharedTransaction?

    /// The shared transaction this pool's work for this scope joins, if one is running.
    func sharedTransaction(trustID: UUID?, platform: Bool) -> SharedTransaction? {
        guard let shared = Self.shared, shared.pool == ObjectIdentifier(self),
              shared.trustID == trustID, shared.platform == platform else { return nil }
        return shared
    }

    /// Runs `body` inside one transaction on one connection, committed when `body` returns
    /// and rolled back when it throws. `leaseSeconds` bounds how long the transaction may sit
    /// idle between statements (`idle_in_transaction_session_timeout`): a process that stalls
    /// or dies mid-request loses its locks within seconds, never holds them for good.
    public func sharedTransaction<T: Sendable>(trustID: UUID?, platform: Bool = false, leaseSeconds: Int,
                                               _ body: (SharedTransaction) async throws -> T) async throws -> T {
        let connection = try await acquire()
        defer { release(connection) }
        let shared = SharedTransaction(pool: self, connection: connection, trustID: trustID, platform: platform)
        try await shared.run { connection in
            func begin() throws {
                try connection.query("BEGIN")
                do {
                    try connection.query(Self.context(trustID: trustID, platform: platform))
                    let lease = String(leaseSeconds * 1000)
                    try connection.query("SELECT set_config('idle_in_transaction_session_timeout', \(lease), true)")
                } catch {
                    if connection.isHealthy { _ = try? connection.query("ROLLBACK") }
                    throw error
                }
            }
            let fresh = try connection.ensureConnected()
            do {
                try begin()
            } catch let error as PostgresError where error.isUnavailable && !fresh {
                // As `withConnection`: a pooled connection the server dropped looks healthy
                // until used; nothing has run yet, so reconnect and begin once more.
                connection.disconnect()
                try connection.ensureConnected()
                try begin()
            }
        }
        let value: T
        do {
            value = try await Self.$shared.withValue(shared) { try await body(shared) }
        } catch {
            _ = try? await shared.run { connection in if connection.isHealthy { try connection.query("ROLLBACK") } }
            await shared.disconnect()
            throw error
        }
        do {
            _ = try await shared.run { connection in try connection.query("COMMIT") }
        } catch {
            await shared.disconnect()
            throw error
        }
        return value
    }
}

extension SharedTransaction {
    /// Drops a connection the server went away from, so its next user reconnects.
    func disconnect() async {
        _ = try? await run { connection in if !connection.isHealthy { connection.disconnect() } }
    }
}
