import Domain
import Foundation
import Postgres
import Store

/// Destroys appraisal records past their policy's retention (issue 17 §7; 001 "Retention of
/// Records", 003 §1.9: six years, then destroyed) in every trust, skipping anyone under a
/// legal hold. Each destruction is its own transaction with its audit event (`destroy` of an
/// `appraisal_record`, naming the person), so a stop part way loses nothing and the next pass
/// carries on. Runs as a background service and as `appraise retention run`.
public struct RetentionRunner: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public struct Outcome: Sendable, Equatable {
        /// Destroyed now (or, in a dry run, that would be).
        public var destroyed = 0
        /// Past retention but kept by a legal hold.
        public var held = 0
        public init() {}
    }

    /// Progress of one trust: how many of its due records are done, of how many.
    public typealias Progress = @Sendable (_ trust: UUID, _ done: Int, _ total: Int) -> Void

    static let batch = 500

    public func runOnce(dryRun: Bool = false, only: Set<UUID>? = nil,
                        progress: Progress? = nil) async throws -> Outcome {
        let trusts = try await environment.transaction(.platform) { db in
            try db.query(TrustStore.allIDsQuery).map { try $0.decode(UUID.self, "id") }
        }.filter { only?.contains($0) ?? true }
        var outcome = Outcome()
        for trust in trusts {
            try Task.checkCancellation()
            let done = try await run(in: trust, dryRun: dryRun, progress: progress)
            outcome.destroyed += done.destroyed
            outcome.held += done.held
        }
        return outcome
    }

    func run(in trust: UUID, dryRun: Bool, progress: Progress?) async throws -> Outcome {
        let now = environment.clock.now()
        let today = London.date(of: now)
        let counts = try await environment.pool.read(trustID: trust, RetentionStore.countQuery(today: today)) {
            (free: try $0.decode(Int.self, "free"), held: try $0.decode(Int.self, "held"))
        }[0]
        var outcome = Outcome()
        outcome.held = counts.held
        guard !dryRun else {
            outcome.destroyed = counts.free
            return outcome
        }
        var skip = 0 // past the held, and any a hold placed meanwhile kept
        while true {
            let due = try await environment.pool.read(trustID: trust, RetentionStore.dueQuery(
                today: today, limit: Self.batch, offset: skip), RetentionStore.decodeDue)
            for record in due {
                try Task.checkCancellation()
                if !record.held, try await destroy(record, in: trust, today: today, at: now) {
                    outcome.destroyed += 1
                    progress?(trust, outcome.destroyed, counts.free)
                } else {
                    skip += 1
                }
            }
            if due.count < Self.batch { break }
        }
        return outcome
    }

    private func destroy(_ record: RetentionStore.Due, in trust: UUID, today: CalendarDate,
                         at now: Date) async throws -> Bool {
        try await environment.transaction(.trust(trust)) { [environment] db in
            guard try RetentionStore.destroy(record.appraisalId, today: today, at: now, on: db) else { return false }
            try environment.audit(.init(trustId: trust, action: "destroy", resourceType: "appraisal_record",
                                        resourceId: record.appraisalId, subjectPersonId: record.personId,
                                        reason: "retention: the period ended \(record.periodEnd)"),
                                  .system, at: now, on: db)
            return true
        }
    }
}
