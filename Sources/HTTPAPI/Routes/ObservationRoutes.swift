import App
import Domain
import Foundation
import HTTPCore

/// Observations and their feedback (issue 5 §4).
extension API {
    static func registerObservations(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/observations", .appraisalRead, listObservations)
        router.add("POST", "/v1/appraisals/{appraisal_id}/observations", .appraisalRecordWrite,
                   record: [.observe], createObservation)
        router.add("GET", "/v1/observations/{observation_id}", .appraisalRead, getObservation)
        router.add("POST", "/v1/observations/{observation_id}/feedback", .appraisalRecordWrite,
                   recordObservationFeedback)
    }

}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/observations
    /// The appraisal's observations with the feedback each is owed.
    @Sendable static func listObservations(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["limit", "cursor"])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let page = try await api.recording {
            try await ObservationService(api.environment).list(appraisal: appraisal, page: try context.page(),
                                                               in: trust,
                                                               caller: context.recordCaller)
        }
        let now = api.environment.clock.now()
        return Reply.json(ListPage(page) { ObservationResponse($0, now: now) })
    }

    // POST /v1/appraisals/{appraisal_id}/observations
    /// Schedule or record an observation, as the reviewer or the head of the unit. The policy's rules apply
    /// (QTS, notice, formal work observations per cycle, yearly hours); feedback deadlines are computed on
    /// the calendar.
    @Sendable static func createObservation(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(ObservationInput.self, from: try Body.object(context.request,
                                                                                 allowed: ObservationInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let observation = try await api.recording {
                try await ObservationService(api.environment).create(input, appraisal: appraisal, in: trust,
                                                                     caller: context.recordCaller)
            }
            let now = api.environment.clock.now()
            return Reply.json(ObservationResponse(observation, now: now), status: 201, etag: observation.version,
                              location: "/v1/observations/\(observation.id.uuidString.lowercased())")
        }
    }

    // GET /v1/observations/{observation_id}
    /// One observation; each feedback owed says whether it is overdue.
    @Sendable static func getObservation(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.observation)
        let observation = try await api.recording {
            try await ObservationService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        let now = api.environment.clock.now()
        return Reply.json(ObservationResponse(observation, now: now), etag: observation.version)
    }

    // POST /v1/observations/{observation_id}/feedback
    /// Record feedback given (verbal, written, or the one feedback of a work observation), by the observer
    /// or the reviewer.
    @Sendable static func recordObservationFeedback(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(FeedbackInput.self, from: try Body.object(context.request,
                                                                              allowed: FeedbackInput.fields))
        let trust = try api.trustID(context)
        let id = try context.item(.observation)
        let observation = try await api.recording {
            try await ObservationService(api.environment).recordFeedback(input, on: id, in: trust,
                                                                         caller: context.recordCaller)
        }
        let now = api.environment.clock.now()
        return Reply.json(ObservationResponse(observation, now: now), etag: observation.version)
    }
}
