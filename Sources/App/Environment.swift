import Domain
import Foundation
import Postgres
import Store
import Synchronization

/// The dependencies every use case gets (DESIGN §8): the database, the clock, the id maker.
public struct AppEnvironment: Sendable {
    public let pool: Pool
    /// A streaming replica for reports (issue 17 §5: `DATABASE_REPORTING_URL`), so a board pack
    /// never slows the primary; nil: reports read the primary.
    public let reportingPool: Pool?
    public let clock: Clock
    public let newID: IDGenerator
    /// PBKDF2 iterations for new password hashes (OWASP: 600,000; tests may go down to 210,000).
    public let passwordRounds: Int
    /// Policy versions already read (they never change once written).
    let policies = PolicyVersionCache()

    public init(pool: Pool, reportingPool: Pool? = nil, clock: Clock = .system, newID: IDGenerator = .uuidV7,
                passwordRounds: Int = 600_000) {
        self.pool = pool
        self.reportingPool = reportingPool
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

/// Policy versions are only ever inserted (migration 0007), so one read once is that version
/// for ever: every record use case needs its appraisal's, and reading and decoding the whole
/// document each time cost a round trip and a JSON decode per request. Ids are unique across
/// trusts and are only ever reached through a row row-level security already scoped.
final class PolicyVersionCache: Sendable {
    private let versions = Mutex<[UUID: PolicyVersion]>([:])

    func version(_ id: UUID, on db: Connection) throws -> PolicyVersion? {
        if let cached = versions.withLock({ $0[id] }) { return cached }
        guard let loaded = try PolicyStore.byID(id, on: db) else { return nil }
        versions.withLock { cache in
            if cache.count >= 1_000 { cache.removeAll() }
            cache[id] = loaded
        }
        return loaded
    }
}
