import Domain
import Foundation
import Postgres
import Store

/// The termly governors' report (issue 17 §3): each of `GovernorsReport.kinds` read through
/// `ReportService`, which decides, suppresses and audits each as it would alone; and the pay
/// equality report (issue 15 §6) where the reader may read it (HR, the CEO), else left out.
public struct GovernorsReportService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public struct Pack: Sendable {
        public let filter: ReportFilter
        public let asOf: Date
        public let tables: [ReportTable]
        /// nil where the reader does not read it.
        public let equality: EqualityReport?
    }

    public func pack(_ filter: ReportFilter, asker: ReportService.Asker, caller: RecordCaller, in trust: UUID,
                     audit: AuditContext) async throws -> Pack {
        let reports = ReportService(environment)
        var tables: [ReportTable] = []
        for kind in GovernorsReport.kinds {
            tables.append(try await reports.report(kind, filter: filter, asker: asker, in: trust, audit: audit))
        }
        var equality: EqualityReport?
        if let cycle = filter.cycleId, !asker.isAPIKey {
            do {
                equality = try await PayDataService(environment).equalityReport(cycle: cycle, unit: filter.unitId,
                                                                                 in: trust, caller: caller)
            } catch is RecordRefusal, is RecordNotFound {
                // Refused (audited), hidden as not found to a reader of no pay: the report says
                // who reads it. The cycle itself is known: the reports above found it.
                equality = nil
            }
        }
        return Pack(filter: filter, asOf: environment.clock.now(), tables: tables, equality: equality)
    }
}

extension ReportService.Asker {
    /// Keys read reports, never pay equality (issue 15 §6: HR and the CEO).
    var isAPIKey: Bool { if case .apiKey = self { return true } else { return false } }
}
