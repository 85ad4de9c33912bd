import App
import Domain
import Foundation
import HTTPCore

/// One row's result: what happened to it, its record's id, the fields it set or changed
/// (names only), or the field and rule that failed. Written field by field (`DirectJSON`): a
/// sync of 10,000 staff answers with 20,000 of these (issue 16 §1).
struct SyncRowResponse: DirectJSON {
    let kind: String
    let index: Int?
    let externalId: String?
    let outcome: String
    let id: UUID?
    let changedFields: [String]
    /// As a 422's `errors` name them (`Problem.InvalidField`; a row's never cites a policy).
    let errors: [SyncFieldError]?

    init(_ result: StaffSync.Result) {
        kind = result.kind.rawValue
        index = result.index
        externalId = result.externalId
        outcome = result.outcome.rawValue
        id = result.id
        changedFields = result.changedFields
        errors = result.errors.isEmpty ? nil : result.errors.map {
            SyncFieldError(field: $0.field, rule: $0.rule, message: $0.message)
        }
    }

    /// In `JSON.encoder`'s key order (DirectJSON.swift).
    func write(to object: inout JSONObjectWriter) {
        object.field("changed_fields", changedFields)
        object.field("errors", errors)
        object.field("external_id", externalId)
        object.field("id", id)
        object.field("index", index)
        object.field("kind", kind)
        object.field("outcome", outcome)
    }
}

struct SyncFieldError: DirectJSON {
    let field: String
    let rule: String
    let message: String

    func write(to object: inout JSONObjectWriter) {
        object.field("field", field)
        object.field("message", message)
        object.field("rule", rule)
    }
}

struct SyncSummary: DirectJSON {
    let created: Int
    let updated: Int
    let unchanged: Int
    let failed: Int
    let left: Int

    func write(to object: inout JSONObjectWriter) {
        object.field("created", created)
        object.field("failed", failed)
        object.field("left", left)
        object.field("unchanged", unchanged)
        object.field("updated", updated)
    }
}

/// The report of `POST /v1/staff-sync`.
struct SyncReportResponse: DirectJSON {
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

    func write(to object: inout JSONObjectWriter) {
        object.field("dry_run", dryRun)
        object.field("leavers_skipped", leaversSkipped)
        object.field("results", results)
        object.field("summary", object: summary)
        object.field("written", written)
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
