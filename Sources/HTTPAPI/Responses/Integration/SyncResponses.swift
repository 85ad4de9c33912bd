import App
import Domain
import Foundation
import HTTPCore

/// One row's result: what happened to it, its record's id, the fields it set or changed
/// (names only), or the field and rule that failed.
struct SyncRowResponse: ResponseBody {
    let kind: String
    let index: Int?
    let externalId: String?
    let outcome: String
    let id: UUID?
    let changedFields: [String]
    /// As a 422's `errors` name them.
    let errors: [Problem.InvalidField]?

    init(_ result: StaffSync.Result) {
        kind = result.kind.rawValue
        index = result.index
        externalId = result.externalId
        outcome = result.outcome.rawValue
        id = result.id
        changedFields = result.changedFields
        errors = result.errors.isEmpty ? nil : result.errors.map {
            Problem.InvalidField(field: $0.field, rule: $0.rule, message: $0.message)
        }
    }
}

struct SyncSummary: ResponseBody {
    let created: Int
    let updated: Int
    let unchanged: Int
    let failed: Int
    let left: Int
}

/// The report of `POST /v1/staff-sync`.
struct SyncReportResponse: ResponseBody {
    let dryRun: Bool
    let written: Bool
    let summary: SyncSummary
    let leaversSkipped: String?
    let results: [SyncRowResponse]

    init(_ report: StaffSyncReport, dryRun: Bool) {
        self.dryRun = dryRun
        written = report.written
        summary = SyncSummary(created: report.count(.created), updated: report.count(.updated),
                              unchanged: report.count(.unchanged), failed: report.count(.failed),
                              left: report.count(.left))
        leaversSkipped = report.leaversSkipped
        results = report.results.map(SyncRowResponse.init)
    }

    /// A failed row's errors as the 422 of an all-or-nothing sync names them:
    /// `employments[3].fte`.
    static func errors(_ result: StaffSync.Result) -> [FieldError] {
        let list = result.kind == .unit ? "units" : result.kind == .person ? "people" : "employments"
        return result.errors.map { error in
            var named = error
            named.field = "\(list)[\(result.index ?? 0)].\(error.field)"
            return named
        }
    }
}
