import Domain
import Foundation
import Postgres
import Store

/// What a sync did, or would do: every row's result, and whether anything was written.
public struct StaffSyncReport: Sendable {
    public var results: [StaffSync.Result] = []
    /// False for a dry run, and for an all-or-nothing sync with a failed row.
    public var written = false
    /// Why a full sync marked no leavers, when it could not tell who was listed.
    public var leaversSkipped: String?

    public init() {}

    public func count(_ outcome: StaffSync.Outcome) -> Int { results.filter { $0.outcome == outcome }.count }
}

/// Bulk upsert of units, people and employments by external id (issue 16 §1), in one
/// transaction: planned against what the trust holds (`StaffSyncPlanner`), refused fields
/// checked as for single writes, every changed record audited as if written singly.
public struct StaffSyncService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func sync(_ batch: StaffSync.Batch, options: StaffSync.Options, in trust: UUID, caller: Caller,
                     audit: AuditContext) async throws -> StaffSyncReport {
        let now = environment.clock.now()
        let newID = environment.newID
        let (report, refusals) = try await environment.transaction(.trust(trust)) { db in
            try StaffSyncStore.lockSync(of: trust, on: db)
            var run = SyncRun(trust: trust, now: now, caller: caller, options: options, newID: newID, db: db)
            try run.plan(batch)
            if run.writes {
                var batch = try AuditBatch(trust: trust, context: audit, at: now, on: db)
                try run.write(on: db, audit: &batch)
            }
            return (run.report, run.refusals)
        }
        // A refused field is audited as a single write's would be, written or not.
        for reason in Set(refusals) {
            try await AuditLogService(environment).recordDenial(in: trust, action: "sync", resourceType: "employment",
                                                                reason: reason, audit: audit)
        }
        return report
    }
}
