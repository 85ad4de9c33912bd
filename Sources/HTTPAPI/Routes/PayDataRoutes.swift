import App
import Domain
import Foundation
import HTTPCore

// Pay points, protected characteristics and the equality report (issue 15 §1, §6); the
// handlers named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/employments/{employment_id}/pay-points
    @Sendable static func listPayPoints(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let employment = try context.uuid("employment_id")
        let history = try await api.recording {
            try await PayDataService(api.environment).history(employment: employment, in: trust,
                                                              caller: context.recordCaller)
        }
        return Reply.json(PayHistoryResponse(history))
    }

    // POST /v1/employments/{employment_id}/pay-points
    @Sendable static func recordPayPoint(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let employment = try context.uuid("employment_id")
        let input = try decodeBody(PayPointInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let point = try await api.recording {
                try await PayDataService(api.environment).record(input, employment: employment, in: trust,
                                                                 caller: context.recordCaller)
            }
            return Reply.json(PayPointResponse(point), status: 201,
                              location: "/v1/employments/\(employment.uuidString.lowercased())/pay-points")
        }
    }

    // GET /v1/people/{person_id}/protected-characteristics
    @Sendable static func getProtectedCharacteristics(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let person = try context.uuid("person_id")
        let found = try await api.recording {
            try await PayDataService(api.environment).characteristics(person: person, in: trust,
                                                                      caller: context.recordCaller)
        }
        return Reply.json(ProtectedCharacteristicsResponse(found))
    }

    // PUT /v1/people/{person_id}/protected-characteristics
    @Sendable static func putProtectedCharacteristics(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let person = try context.uuid("person_id")
        let input = try decodeBody(ProtectedCharacteristicsInput.self, context)
        let saved = try await api.recording {
            try await PayDataService(api.environment).answer(input, person: person, in: trust,
                                                             caller: context.recordCaller)
        }
        return Reply.json(ProtectedCharacteristicsResponse(saved))
    }

    // GET /v1/cycles/{cycle_id}/pay-equality
    /// JSON by default; `Accept: text/csv` for a spreadsheet.
    @Sendable static func getPayEquality(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["unit_id"])
        let trust = try api.trustID(context)
        let cycle = try context.uuid("cycle_id")
        let unit = try context.queryUUID("unit_id")
        let report = try await api.recording {
            try await PayDataService(api.environment).equalityReport(cycle: cycle, unit: unit, in: trust,
                                                                     caller: context.recordCaller)
        }
        if Preference.prefers("text/csv", over: "application/json", in: context.request) {
            let headers = Headers([("Content-Type", "text/csv; charset=utf-8"),
                                   ("Content-Disposition", "attachment; filename=\"pay-equality.csv\"")])
            return Response(status: 200, headers: headers, body: Data(report.csv.utf8))
        }
        return Reply.json(EqualityReportResponse(report, cycle: cycle, unit: unit))
    }
}

// Applications to the upper pay range (004 §6.7, §8.4).
extension API {
    // POST /v1/appraisals/{appraisal_id}/upper-pay-range-applications
    @Sendable static func applyForUpperPayRange(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let input = try decodeBody(UpperPayRangeApplicationInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let made = try await api.recording {
                try await UpperPayRangeService(api.environment).apply(input, appraisal: appraisal, in: trust,
                                                                      caller: context.recordCaller)
            }
            return Reply.json(UpperPayRangeApplicationResponse(made), status: 201, etag: made.version,
                              location: "/v1/upper-pay-range-applications/\(made.id.uuidString.lowercased())")
        }
    }

    // GET /v1/upper-pay-range-applications/{upper_pay_range_application_id}
    @Sendable static func getUpperPayRangeApplication(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.upperPayRangeApplication)
        let found = try await api.recording {
            try await UpperPayRangeService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(UpperPayRangeApplicationResponse(found), etag: found.version)
    }

    // PUT /v1/upper-pay-range-applications/{upper_pay_range_application_id}/decision
    @Sendable static func decideUpperPayRange(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.upperPayRangeApplication)
        let input = try decodeBody(UpperPayRangeDecisionInput.self, context)
        let decided = try await api.recording {
            try await UpperPayRangeService(api.environment).decide(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(UpperPayRangeApplicationResponse(decided), etag: decided.version)
    }
}
