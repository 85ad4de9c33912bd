import App
import Domain
import Foundation
import HTTPCore

/// When performance falls short (issue 14): concerns and support plans. Who may read or act is
/// the use case's one access decision; to anyone else they do not exist (404).
extension API {
    static func registerSupport(_ router: inout Router) {
        let reads: [RecordPermission] = [.support], manages: [RecordPermission] = [.manageSupport]
        router.add("GET", "/v1/appraisals/{appraisal_id}/concerns", .appraisalRead, record: reads, listConcerns)
        router.add("POST", "/v1/appraisals/{appraisal_id}/concerns", .appraisalRecordWrite, record: manages,
                   raiseConcern)
        router.add("GET", "/v1/concerns/{concern_id}", .appraisalRead, record: reads, getConcern)
        router.add("PUT", "/v1/concerns/{concern_id}/confirmation", .appraisalRecordWrite, record: manages,
                   confirmConcern)
        router.add("PUT", "/v1/concerns/{concern_id}/comment", .appraisalRecordWrite, record: reads,
                   commentOnConcern)
        router.add("POST", "/v1/concerns/{concern_id}/support-plans", .appraisalRecordWrite, record: manages,
                   createSupportPlan)
        router.add("GET", "/v1/appraisals/{appraisal_id}/support-plans", .appraisalRead, record: reads,
                   listSupportPlans)
        router.add("GET", "/v1/support-plans/{support_plan_id}", .appraisalRead, record: reads, getSupportPlan)
        router.add("POST", "/v1/support-plans/{support_plan_id}/extensions", .appraisalRecordWrite, record: manages,
                   extendSupportPlan)
        router.add("PUT", "/v1/support-plans/{support_plan_id}/consequences", .appraisalRecordWrite,
                   record: manages, recordSupportConsequences)
        router.add("PUT", "/v1/support-plans/{support_plan_id}/outcome", .appraisalRecordWrite, record: manages,
                   recordSupportOutcome)
        router.add("POST", "/v1/support-plans/{support_plan_id}/pauses", .appraisalRecordWrite, record: manages,
                   pauseSupportPlan)
        router.add("POST", "/v1/support-plans/{support_plan_id}/resumptions", .appraisalRecordWrite,
                   record: manages, resumeSupportPlan)
        router.add("GET", "/v1/appraisals/{appraisal_id}/capability-cases", .appraisalRead, record: reads,
                   listCapabilityCases)
        router.add("POST", "/v1/appraisals/{appraisal_id}/capability-cases", .appraisalRecordWrite, record: manages,
                   startCapability)
        router.add("GET", "/v1/capability-cases/{capability_case_id}", .appraisalRead, record: reads,
                   getCapabilityCase)
        router.add("PUT", "/v1/capability-cases/{capability_case_id}/end", .appraisalRecordWrite, record: manages,
                   endCapability)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/concerns
    @Sendable static func listConcerns(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let concerns = try await api.recording {
            try await SupportService(api.environment).concerns(appraisal: appraisal, in: trust,
                                                               caller: context.recordCaller)
        }
        return Reply.json(Items(items: concerns.map(ConcernResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/concerns
    @Sendable static func raiseConcern(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let input = try decodeBody(ConcernInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let concern = try await api.recording {
                try await SupportService(api.environment).raise(input, appraisal: appraisal, in: trust,
                                                                caller: context.recordCaller)
            }
            return Reply.json(ConcernResponse(concern), status: 201, etag: concern.version,
                              location: "/v1/concerns/\(concern.id.uuidString.lowercased())")
        }
    }

    // GET /v1/concerns/{concern_id}
    @Sendable static func getConcern(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.concern)
        let concern = try await api.recording {
            try await SupportService(api.environment).concern(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ConcernResponse(concern), etag: concern.version)
    }

    // PUT /v1/concerns/{concern_id}/confirmation
    @Sendable static func confirmConcern(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(ConcernConfirmationInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.concern)
        let concern = try await api.recording {
            try await SupportService(api.environment).confirm(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ConcernResponse(concern), etag: concern.version)
    }

    // PUT /v1/concerns/{concern_id}/comment
    @Sendable static func commentOnConcern(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(StatementCommentInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.concern)
        let concern = try await api.recording {
            try await SupportService(api.environment).comment(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ConcernResponse(concern), etag: concern.version)
    }

    // POST /v1/concerns/{concern_id}/support-plans
    @Sendable static func createSupportPlan(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let concern = try context.item(.concern)
        let input = try decodeBody(SupportPlanInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let plan = try await api.recording {
                try await SupportService(api.environment).createPlan(input, concern: concern, in: trust,
                                                                     caller: context.recordCaller)
            }
            return Reply.json(SupportPlanResponse(plan), status: 201, etag: plan.version,
                              location: "/v1/support-plans/\(plan.id.uuidString.lowercased())")
        }
    }

    // GET /v1/appraisals/{appraisal_id}/support-plans
    @Sendable static func listSupportPlans(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let plans = try await api.recording {
            try await SupportService(api.environment).plans(appraisal: appraisal, in: trust,
                                                            caller: context.recordCaller)
        }
        return Reply.json(Items(items: plans.map(SupportPlanResponse.init)))
    }

    // GET /v1/support-plans/{support_plan_id}
    @Sendable static func getSupportPlan(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.supportPlan)
        let plan = try await api.recording {
            try await SupportService(api.environment).plan(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(SupportPlanResponse(plan), etag: plan.version)
    }

    // POST /v1/support-plans/{support_plan_id}/extensions
    @Sendable static func extendSupportPlan(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(SupportExtensionInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.supportPlan)
        let plan = try await api.recording {
            try await SupportService(api.environment).extend(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(SupportPlanResponse(plan), etag: plan.version)
    }

    // PUT /v1/support-plans/{support_plan_id}/consequences
    @Sendable static func recordSupportConsequences(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(SupportConsequencesInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.supportPlan)
        let plan = try await api.recording {
            try await SupportService(api.environment).consequencesExplained(id, input, in: trust,
                                                                            caller: context.recordCaller)
        }
        return Reply.json(SupportPlanResponse(plan), etag: plan.version)
    }

    // PUT /v1/support-plans/{support_plan_id}/outcome
    @Sendable static func recordSupportOutcome(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(SupportOutcomeInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.supportPlan)
        let plan = try await api.recording {
            try await SupportService(api.environment).outcome(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(SupportPlanResponse(plan), etag: plan.version)
    }

    // POST /v1/support-plans/{support_plan_id}/pauses
    @Sendable static func pauseSupportPlan(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(SupportPauseInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.supportPlan)
        let plan = try await api.recording {
            try await SupportService(api.environment).pause(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(SupportPlanResponse(plan), etag: plan.version)
    }

    // POST /v1/support-plans/{support_plan_id}/resumptions
    @Sendable static func resumeSupportPlan(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(SupportResumeInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.supportPlan)
        let plan = try await api.recording {
            try await SupportService(api.environment).resume(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(SupportPlanResponse(plan), etag: plan.version)
    }

    // GET /v1/appraisals/{appraisal_id}/capability-cases
    @Sendable static func listCapabilityCases(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let cases = try await api.recording {
            try await CapabilityService(api.environment).cases(appraisal: appraisal, in: trust,
                                                               caller: context.recordCaller)
        }
        return Reply.json(Items(items: cases.map(CapabilityCaseResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/capability-cases
    @Sendable static func startCapability(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let input = try decodeBody(CapabilityInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let started = try await api.recording {
                try await CapabilityService(api.environment).start(input, appraisal: appraisal, in: trust,
                                                                   caller: context.recordCaller)
            }
            return Reply.json(CapabilityCaseResponse(started), status: 201, etag: started.version,
                              location: "/v1/capability-cases/\(started.id.uuidString.lowercased())")
        }
    }

    // GET /v1/capability-cases/{capability_case_id}
    @Sendable static func getCapabilityCase(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.capabilityCase)
        let found = try await api.recording {
            try await CapabilityService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(CapabilityCaseResponse(found), etag: found.version)
    }

    // PUT /v1/capability-cases/{capability_case_id}/end
    @Sendable static func endCapability(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let input = try decodeBody(CapabilityEndInput.self, context)
        let trust = try api.trustID(context)
        let id = try context.item(.capabilityCase)
        let ended = try await api.recording {
            try await CapabilityService(api.environment).end(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(CapabilityCaseResponse(ended), etag: ended.version)
    }

    /// A JSON body of exactly the input's fields (the support and pay routes share it).
    static func decodeBody<T: ValidatedInput>(_ type: T.Type, _ context: Context) throws -> T {
        try Body.requireMediaType(context.request, accepted: [Body.json])
        return try Body.decode(T.self, from: try Body.object(context.request, allowed: T.fields))
    }
}
