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
            return Reply.json(ListPage(page))
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
                return Reply.json(ObservationView(observation, now: api.environment.clock.now()), status: 201, etag: observation.version,
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
            return Reply.json(ObservationView(observation, now: api.environment.clock.now()), etag: observation.version)
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
            return Reply.json(ObservationView(observation, now: api.environment.clock.now()), etag: observation.version)
        }
    }

}

/// An observation as the API shows it: each feedback owed says whether it is overdue now.
struct ObservationView: Encodable {
    struct FeedbackView: Encodable {
        let kind: Observation.Feedback.Kind
        let dueDate: CalendarDate?
        let dueAt: Date?
        let givenAt: Date?
        let givenBy: UUID?
        let overdue: Bool
        let late: Bool
    }
    let observation: Observation
    let feedback: [FeedbackView]

    init(_ observation: Observation, now: Date) {
        self.observation = observation
        feedback = observation.feedback.map { owed in
            FeedbackView(kind: owed.kind, dueDate: owed.dueDate, dueAt: owed.dueAt, givenAt: owed.givenAt, givenBy: owed.givenBy,
                         overdue: owed.isOverdue(at: now), late: owed.givenAt.map { !owed.isOnTime($0) } ?? false)
        }
    }

    enum CodingKeys: String, CodingKey { case feedback }

    func encode(to encoder: any Encoder) throws {
        try observation.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(feedback, forKey: .feedback)
    }
}
