import Foundation

extension Connection {
    /// Sends `statements` (in pipeline mode, so the server starts on them at once) and runs
    /// `work` while the server executes them; then waits for their rows. A staff sync chains
    /// and encodes its audit events (20,000 for 10,000 staff) while its records are inserted,
    /// so the two costs overlap instead of adding up. `work` must not use this connection.
    /// If `work` throws, the statements' results are still read, so the connection is left
    /// ready for the ROLLBACK.
    public func overlapping<T>(_ statements: [SQL], with work: () throws -> T) throws -> (value: T, rows: [[Row]]) {
        try sendPipeline(statements, preparedNames: nil)
        let value: T
        do {
            value = try work()
        } catch {
            _ = try? readPipeline()
            throw error
        }
        return (value, try readPipeline())
    }
}
