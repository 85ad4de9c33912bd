import Domain
import Foundation
import Postgres

/// The dependencies every use case gets (DESIGN §8): the database, the clock, the id maker.
public struct AppEnvironment: Sendable {
    public let pool: Pool
    public let clock: Clock
    public let newID: IDGenerator
    /// PBKDF2 iterations for new password hashes (OWASP: 600,000; tests may go down to 210,000).
    public let passwordRounds: Int

    public init(pool: Pool, clock: Clock = .system, newID: IDGenerator = .uuidV7, passwordRounds: Int = 600_000) {
        self.pool = pool
        self.clock = clock
        self.newID = newID
        self.passwordRounds = passwordRounds
    }
}

/// Where a use case runs: inside one trust (row-level security keyed to it) or at platform
/// scope (trust management by the break-glass administrator).
public enum Scope: Sendable, Equatable {
    case trust(UUID)
    case platform

    var trustID: UUID? {
        if case .trust(let id) = self { return id }
        return nil
    }
}

extension AppEnvironment {
    func transaction<T: Sendable>(_ scope: Scope, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await pool.transaction(trustID: scope.trustID, platform: scope == .platform, body)
    }
}
