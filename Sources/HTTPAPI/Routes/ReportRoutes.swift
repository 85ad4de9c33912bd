import App
import Domain
import Foundation
import HTTPCore

/// The reports (issue 17 §1), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerReports(_ router: inout Router) {
        router.add("GET", "/v1/reports/{report}", .reportsRead, produces: Router.json + ["text/csv"], getReport)
    }

    // GET /v1/reports/{report}
    /// One report as a flat table of counts: JSON by default, `Accept: text/csv` for a spreadsheet.
    @Sendable static func getReport(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["cycle_id", "year", "unit_id", "staff_group"])
        let trust = try api.trustID(context)
        guard let kind = context.parameters["report"].flatMap(ReportKind.init(rawValue:)) else {
            throw Problem.invalidParameter("report", "must be one of "
                                           + ReportKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let filter = ReportFilter(cycleId: try context.queryUUID("cycle_id"),
                                  year: try context.queryInt("year", in: 2000...2100),
                                  unitId: try context.queryUUID("unit_id"),
                                  staffGroup: try context.queryEnum("staff_group", Employment.StaffGroup.self))
        guard filter.cycleId != nil || filter.year != nil else {
            // Each alone is optional, so the schema cannot say it: a 422 like any cross-field rule.
            throw Problem.invalid(field: "cycle_id", rule: "required",
                                  message: "is required, or year: a report reads one cycle or one year")
        }
        let table = try await api.recording {
            try await ReportService(api.environment).report(kind, filter: filter, asker: context.reportAsker,
                                                            in: trust, audit: context.audit)
        }
        if Preference.prefers("text/csv", over: "application/json", in: context.request) {
            let headers = Headers([("Content-Type", "text/csv; charset=utf-8"),
                                   ("Content-Disposition", "attachment; filename=\"\(kind.rawValue).csv\"")])
            return Response(status: 200, headers: headers, body: Data(table.csv.utf8))
        }
        return Reply.json(ReportResponse(table, filter: filter, asOf: London.date(of: api.environment.clock.now())))
    }
}

extension Context {
    var reportAsker: ReportService.Asker {
        switch actor {
        case .user(_, let person, _, _, _), .sso(_, let person, _, _): return .person(person)
        case .apiKey: return .apiKey
        case .bootstrapAdministrator, nil: return .platform
        }
    }
}
