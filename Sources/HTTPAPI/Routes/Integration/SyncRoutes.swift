import App
import Domain
import Foundation
import HTTPCore

/// Bulk staff sync (issue 16 §1), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerSync(_ router: inout Router) {
        router.add("POST", "/v1/staff-sync", .staffWrite, syncStaff)
    }

    // POST /v1/staff-sync
    /// Units, people and employments upserted by external id in one request; per-row results.
    @Sendable static func syncStaff(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let request = try decodeSync(context.request.body)
        let batch = request.batch
        guard batch.count <= StaffSync.maximumRows else {
            throw Problem.invalid(field: "(body)", rule: "max_items",
                                  message: "must hold at most \(StaffSync.maximumRows) rows in all; split the sync")
        }
        if request.leavingOn != nil && request.full != true {
            throw Problem.invalid(field: "leaving_on", rule: "needs_full", message: "is used only with full: true")
        }
        if request.full == true && request.employments == nil {
            throw Problem.invalid(field: "employments", rule: "required",
                                  message: "is required with full: true (the complete list of employments)")
        }
        return try await api.idempotent(context, trustID: trust) {
            let report = try await StaffSyncService(api.environment).sync(
                batch, options: request.options, in: trust, caller: context.actor!.caller, audit: context.audit)
            if request.options.allOrNothing && report.count(.failed) > 0 {
                let failed = report.results.filter { $0.outcome == .failed }
                throw Problem.invalid(failed.flatMap(SyncReportResponse.errors))
            }
            return Reply.json(SyncReportResponse(report, dryRun: request.options.dryRun))
        }
    }

    static func decodeSync(_ body: Data) throws -> SyncRequest {
        guard !body.isEmpty else { throw Problem.badRequest("The request body is empty; send a JSON object.") }
        let keys = KeyConversions()
        // Keys converted up front decode twice as fast. A body that fails is decoded again
        // the usual way, so its errors read exactly as they did.
        if let converted = keys.convertingKeys(of: body),
           let request = try? JSON.convertedKeysDecoder(keys).decode(SyncRequest.self, from: converted) {
            return request
        }
        do {
            return try JSON.memoisingDecoder(keys).decode(SyncRequest.self, from: body)
        } catch let failure as ValidationFailure {
            throw failure
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw Problem.badRequest("The request body is not well-formed JSON (or is nested too deeply).")
            }
            throw ValidationFailure([Body.fieldError(error)])
        }
    }
}
