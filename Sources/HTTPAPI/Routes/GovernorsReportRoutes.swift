import App
import Documents
import Domain
import Foundation
import HTTPCore

/// The termly governors' report as PDF (issue 17 §3), named by the contract's operationId.
extension API {
    static func registerGovernorsReport(_ router: inout Router) {
        router.add("GET", "/v1/governors-report", .reportsRead, produces: [pdf, "application/problem+json"],
                   getGovernorsReport)
    }

    // GET /v1/governors-report
    @Sendable static func getGovernorsReport(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["cycle_id", "unit_id"])
        let trust = try api.trustID(context)
        guard let cycle = try context.queryUUID("cycle_id") else {
            throw Problem.invalid(field: "cycle_id", rule: "required",
                                  message: "is required: the report reads one cycle")
        }
        let filter = ReportFilter(cycleId: cycle, year: nil, unitId: try context.queryUUID("unit_id"), staffGroup: nil)
        let pack = try await api.recording {
            try await GovernorsReportService(api.environment).pack(filter, asker: context.reportAsker,
                                                                   caller: context.recordCaller, in: trust,
                                                                   audit: context.audit)
        }
        let bytes = try PDFRenderer.render(GovernorsReportPrint.document(pack))
        let name = "governors-report-\(cycle.uuidString.lowercased()).pdf"
        return Response(status: 200, headers: Headers([("Content-Type", pdf), ("Cache-Control", "no-store"),
                                                       ("Content-Disposition", "attachment; filename=\"\(name)\"")]),
                        body: Data(bytes))
    }
}

private let pdf = "application/pdf"
