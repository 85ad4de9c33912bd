import App
import Domain
import Foundation
import HTTPCore

/// Observations and their feedback (issue 5 §4).
extension API {
    static func registerObservations(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/observations", .appraisalRead) { api, context in
            try context.allowQuery(["limit", "cursor"])
            let trust = try api.trustID(context)
            let appraisal = try context.uuid("appraisal_id")
            let page = try await api.recording {
                try await ObservationService(api.environment).list(appraisal: appraisal, page: try context.page(), in: trust,
                                                                   caller: context.recordCaller)
            }
            let now = api.environment.clock.now()
            return Reply.json(ListPage(page) { ObservationResponse($0, now: now) })
        }
        router.add("POST", "/v1/appraisals/{appraisal_id}/observations", .appraisalRecordWrite,
                   record: [.observe]) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let appraisal = try context.uuid("appraisal_id")
            try Body.requireMediaType(context.request, accepted: [Body.json])
            let input = try Body.decode(ObservationInput.self, from: try Body.object(context.request, allowed: ObservationInput.fields))
            return try await api.idempotent(context, trustID: trust) {
                let observation = try await api.recording {
                    try await ObservationService(api.environment).create(input, appraisal: appraisal, in: trust, caller: context.recordCaller)
                }
                let now = api.environment.clock.now()
                return Reply.json(ObservationResponse(observation, now: now), status: 201, etag: observation.version,
                                  location: "/v1/observations/\(observation.id.uuidString.lowercased())")
            }
        }
        router.add("GET", "/v1/observations/{observation_id}", .appraisalRead) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try context.item(.observation)
            let observation = try await api.recording {
                try await ObservationService(api.environment).get(id, in: trust, caller: context.recordCaller)
            }
            let now = api.environment.clock.now()
            return Reply.json(ObservationResponse(observation, now: now), etag: observation.version)
        }
        router.add("POST", "/v1/observations/{observation_id}/feedback", .appraisalRecordWrite) { api, context in
            try context.allowQuery([])
            try Body.requireMediaType(context.request, accepted: [Body.json])
            let input = try Body.decode(FeedbackInput.self, from: try Body.object(context.request, allowed: FeedbackInput.fields))
            let trust = try api.trustID(context)
            let id = try context.item(.observation)
            let observation = try await api.recording {
                try await ObservationService(api.environment).recordFeedback(input, on: id, in: trust, caller: context.recordCaller)
            }
            let now = api.environment.clock.now()
            return Reply.json(ObservationResponse(observation, now: now), etag: observation.version)
        }
    }

}
