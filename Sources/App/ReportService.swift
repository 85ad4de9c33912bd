import Domain
import Foundation
import Postgres
import Store

/// The reports (issue 17 §1) for every entry point: who reads which, over which units and how
/// suppressed is `ReportAccess`'s decision, made here once; the counts come from the replica
/// when one is configured (§5); every read and every refusal is audited on the primary before
/// anything is answered.
public struct ReportService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Who asks: the platform's administrator, an API key (its `reports:read` scope checked by
    /// the route), or a person, whose grants decide.
    public enum Asker: Sendable {
        case platform, apiKey
        case person(UUID)
    }

    public func report(_ kind: ReportKind, filter: ReportFilter, asker: Asker, in trust: UUID,
                       audit: AuditContext) async throws -> ReportTable {
        let reach = try await decide(kind, filter: filter, asker: asker, in: trust, audit: audit)
        let now = environment.clock.now()
        let counts = try await counts(kind, filter, units: reach.units, now: now, in: trust)
        try await environment.transaction(.trust(trust)) { [environment] db in
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "report_" + kind.auditName,
                                        resourceId: filter.cycleId ?? filter.unitId, changedFields: filter.names),
                                  audit, at: now, on: db)
        }
        return ReportTable(kind, counts: counts, audience: reach.audience)
    }

    /// The reader's reach, once the cycle is known to be the trust's; a refusal is audited.
    private func decide(_ kind: ReportKind, filter: ReportFilter, asker: Asker, in trust: UUID,
                        audit: AuditContext) async throws -> ReportAccess.Reach {
        let now = environment.clock.now()
        let decided: ReportAccess.Reach?? = try await environment.transaction(.trust(trust)) { db in
            if let cycle = filter.cycleId, try CycleStore.find(cycle, on: db) == nil { return .none }
            let reader: ReportAccess.Reader
            switch asker {
            case .platform: reader = .platform
            case .apiKey: reader = .apiKey
            case .person(let me): reader = .person(grants: try RecordStore.grants(of: me, on: db))
            }
            return .some(ReportAccess.reach(of: reader, for: kind, unit: filter.unitId))
        }
        guard let decided else { throw RecordNotFound(resource: "cycle") }
        if let reach = decided { return reach }
        let reason = filter.unitId == nil
            ? "reports are read by the trust's HR, CEO and administrators, heads for their units, "
              + "and, anonymised, by trustees, governors and reporting tools"
            : "this unit's reports are not among those the caller reads"
        try await environment.transaction(.trust(trust)) { [environment] db in
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "report_" + kind.auditName,
                                        resourceId: filter.cycleId ?? filter.unitId, outcome: .denied,
                                        reason: reason), audit, at: now, on: db)
        }
        throw RecordRefusal(decision: .refused(reason: reason), resource: "report", personId: nil)
    }

    private func counts(_ kind: ReportKind, _ filter: ReportFilter, units: [UUID]?, now: Date,
                        in trust: UUID) async throws -> [ReportCount] {
        let pool = environment.reportingPool ?? environment.pool
        let today = London.date(of: now)
        if let sql = ReportStore.countsQuery(kind, filter, units: units, now: now, today: today) {
            return try await pool.read(trustID: trust, [ReportStore.memory, sql])[1].map(ReportStore.decodeCount)
        }
        let standingsQuery = ReportStore.standingsQuery(filter, units: units)
        let rows = try await pool.read(trustID: trust, [ReportStore.memory, standingsQuery, ReportStore.unitNamesQuery])
        let standings = try rows[1].map(ReportStore.decodeStanding)
        var names: [UUID: String] = [:]
        for row in rows[2] { names[try row.decode(UUID.self, "id")] = try row.decode(String.self, "name") }
        return standings.map { standing, count in
            ReportCount(unitId: standing.unitId, unitName: names[standing.unitId] ?? "",
                        staffGroup: standing.staffGroup, category: Self.category(kind, standing, today: today),
                        count: count)
        }
    }

    /// Completion: the furthest step (issue 13 §4); overdue: the earliest deadline missed.
    static func category(_ kind: ReportKind, _ standing: AppraisalStanding, today: CalendarDate) -> String {
        guard kind == .overdue else { return ProgressRules.step(standing).rawValue }
        return ProgressRules.overdue(standing, today: today).first?.key ?? "none"
    }
}

extension ReportKind {
    /// The audit's resource type names the report in snake case: `report_objective_outcomes`.
    var auditName: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}
