import App
import Domain
import Foundation
import HTTPCore

/// Pay (issue 15): the recommendation, approval, decision and appeal on an appraisal; an
/// employment's pay points; protected characteristics and the equality report. Who may read
/// or act is the use case's decision; to anyone else pay does not exist (404).
extension API {
    static func registerPay(_ router: inout Router) {
        let reads: [RecordPermission] = [.pay], manages: [RecordPermission] = [.managePay]
        router.add("GET", "/v1/appraisals/{appraisal_id}/pay-recommendation", .appraisalRead, record: reads,
                   getAppraisalPayRecommendation)
        router.add("POST", "/v1/appraisals/{appraisal_id}/pay-recommendation", .appraisalRecordWrite,
                   record: manages, recommendPay)
        router.add("GET", "/v1/appraisals/{appraisal_id}/pay-progression", .appraisalRead, record: reads,
                   getPayProgression)
        router.add("GET", "/v1/pay-recommendations/{pay_recommendation_id}", .appraisalRead, record: reads,
                   getPayRecommendation)
        router.add("PUT", "/v1/pay-recommendations/{pay_recommendation_id}", .appraisalRecordWrite, record: manages,
                   revisePay)
        router.add("PUT", "/v1/pay-recommendations/{pay_recommendation_id}/approval", .appraisalRecordWrite,
                   record: manages, approvePay)
        router.add("PUT", "/v1/pay-recommendations/{pay_recommendation_id}/decision", .appraisalRecordWrite,
                   record: manages, decidePay)
        router.add("POST", "/v1/pay-recommendations/{pay_recommendation_id}/appeal", .appraisalRecordWrite,
                   record: reads, appealPay)
        router.add("GET", "/v1/pay-appeals/{pay_appeal_id}", .appraisalRead, record: reads, getPayAppeal)
        router.add("PUT", "/v1/pay-appeals/{pay_appeal_id}/hearing", .appraisalRecordWrite, record: manages,
                   schedulePayAppeal)
        router.add("PUT", "/v1/pay-appeals/{pay_appeal_id}/outcome", .appraisalRecordWrite, record: manages,
                   decidePayAppeal)
        router.add("POST", "/v1/appraisals/{appraisal_id}/upper-pay-range-applications", .appraisalRecordWrite,
                   record: reads, applyForUpperPayRange)
        router.add("GET", "/v1/upper-pay-range-applications/{upper_pay_range_application_id}", .appraisalRead,
                   record: reads, getUpperPayRangeApplication)
        router.add("PUT", "/v1/upper-pay-range-applications/{upper_pay_range_application_id}/decision",
                   .appraisalRecordWrite, record: manages, decideUpperPayRange)
        router.add("GET", "/v1/employments/{employment_id}/pay-points", .relatedStaffRead, listPayPoints)
        router.add("POST", "/v1/employments/{employment_id}/pay-points", .staffWrite, recordPayPoint)
        router.add("GET", "/v1/people/{person_id}/protected-characteristics", .relatedStaffRead,
                   getProtectedCharacteristics)
        router.add("PUT", "/v1/people/{person_id}/protected-characteristics", .appraisalRecordWrite,
                   putProtectedCharacteristics)
        router.add("GET", "/v1/cycles/{cycle_id}/pay-equality", .cycleRead, produces: Router.json + ["text/csv"],
                   getPayEquality)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/pay-recommendation
    @Sendable static func getAppraisalPayRecommendation(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let found = try await api.recording {
            try await PayService(api.environment).recommendation(appraisal: appraisal, in: trust,
                                                                 caller: context.recordCaller)
        }
        return Reply.json(PayRecommendationResponse(found), etag: found.version)
    }

    // POST /v1/appraisals/{appraisal_id}/pay-recommendation
    @Sendable static func recommendPay(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let input = try decodeBody(PayRecommendationInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let made = try await api.recording {
                try await PayService(api.environment).recommend(input, appraisal: appraisal, in: trust,
                                                                caller: context.recordCaller)
            }
            return Reply.json(PayRecommendationResponse(made), status: 201, etag: made.version,
                              location: "/v1/pay-recommendations/\(made.id.uuidString.lowercased())")
        }
    }

    // GET /v1/appraisals/{appraisal_id}/pay-progression
    @Sendable static func getPayProgression(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let (result, ref) = try await api.recording {
            try await PayService(api.environment).progression(appraisal: appraisal, in: trust,
                                                              caller: context.recordCaller)
        }
        return Reply.json(PayProgressionResponse(appraisalId: appraisal, outcome: result.outcome.rawValue,
                                                 reason: result.reason, policyRef: ref))
    }

    // GET /v1/pay-recommendations/{pay_recommendation_id}
    @Sendable static func getPayRecommendation(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payRecommendation)
        let found = try await api.recording {
            try await PayService(api.environment).recommendation(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(PayRecommendationResponse(found), etag: found.version)
    }

    // PUT /v1/pay-recommendations/{pay_recommendation_id}
    @Sendable static func revisePay(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payRecommendation)
        let input = try decodeBody(PayRecommendationInput.self, context)
        let changed = try await api.recording {
            try await PayService(api.environment).revise(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(PayRecommendationResponse(changed), etag: changed.version)
    }

    // PUT /v1/pay-recommendations/{pay_recommendation_id}/approval
    @Sendable static func approvePay(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payRecommendation)
        let input = try decodeBody(PayApprovalInput.self, context)
        let changed = try await api.recording {
            try await PayService(api.environment).approve(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(PayRecommendationResponse(changed), etag: changed.version)
    }

    // PUT /v1/pay-recommendations/{pay_recommendation_id}/decision
    @Sendable static func decidePay(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payRecommendation)
        let input = try decodeBody(PayDecisionInput.self, context)
        let changed = try await api.recording {
            try await PayService(api.environment).decide(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(PayRecommendationResponse(changed), etag: changed.version)
    }

    // POST /v1/pay-recommendations/{pay_recommendation_id}/appeal
    @Sendable static func appealPay(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payRecommendation)
        let input = try decodeBody(PayAppealInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let appeal = try await api.recording {
                try await PayAppealService(api.environment).lodge(input, recommendation: id, in: trust,
                                                                  caller: context.recordCaller)
            }
            return Reply.json(PayAppealResponse(appeal), status: 201, etag: appeal.version,
                              location: "/v1/pay-appeals/\(appeal.id.uuidString.lowercased())")
        }
    }

    // GET /v1/pay-appeals/{pay_appeal_id}
    @Sendable static func getPayAppeal(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payAppeal)
        let found = try await api.recording {
            try await PayService(api.environment).appeal(id, in: trust, caller: context.recordCaller)
        }
        guard let appeal = found.appeal else { throw Problem.notFound("pay appeal") }
        return Reply.json(PayAppealResponse(appeal), etag: appeal.version)
    }

    // PUT /v1/pay-appeals/{pay_appeal_id}/hearing
    @Sendable static func schedulePayAppeal(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payAppeal)
        let input = try decodeBody(PayAppealHearingInput.self, context)
        let appeal = try await api.recording {
            try await PayAppealService(api.environment).hearing(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(PayAppealResponse(appeal), etag: appeal.version)
    }

    // PUT /v1/pay-appeals/{pay_appeal_id}/outcome
    @Sendable static func decidePayAppeal(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.payAppeal)
        let input = try decodeBody(PayAppealOutcomeInput.self, context)
        let appeal = try await api.recording {
            try await PayAppealService(api.environment).outcome(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(PayAppealResponse(appeal), etag: appeal.version)
    }
}
