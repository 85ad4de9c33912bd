import App
import Domain
import Foundation
import HTTPCore

/// Review meetings and their written records (issue 5 §6).
extension API {
    static func registerMeetings(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/meetings", .appraisalRead, listMeetings)
        router.add("POST", "/v1/appraisals/{appraisal_id}/meetings", .appraisalRecordWrite, createMeeting)
        router.add("GET", "/v1/meetings/{meeting_id}", .appraisalRead, getMeeting)
        router.add("PUT", "/v1/meetings/{meeting_id}/record", .appraisalRecordWrite, writeMeetingRecord)
    }

}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/meetings
    /// The appraisal's meetings, with whether each written record is overdue.
    @Sendable static func listMeetings(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let meetings = try await api.recording {
            try await MeetingService(api.environment).list(appraisal: appraisal, in: trust,
                                                           caller: context.recordCaller)
        }
        let now = api.environment.clock.now()
        return Reply.json(Items(items: meetings.map { MeetingResponse($0, now: now) }))
    }

    // POST /v1/appraisals/{appraisal_id}/meetings
    /// Arrange a meeting, as the reviewee or a reviewer (001: two weeks' notice of the annual review; the
    /// record due date is computed).
    @Sendable static func createMeeting(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(MeetingInput.self, from: try Body.object(context.request,
                                                                             allowed: MeetingInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let meeting = try await api.recording {
                try await MeetingService(api.environment).create(input, appraisal: appraisal, in: trust,
                                                                 caller: context.recordCaller)
            }
            let now = api.environment.clock.now()
            return Reply.json(MeetingResponse(meeting, now: now), status: 201, etag: meeting.version,
                              location: "/v1/meetings/\(meeting.id.uuidString.lowercased())")
        }
    }

    // GET /v1/meetings/{meeting_id}
    /// One meeting.
    @Sendable static func getMeeting(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.meeting)
        let meeting = try await api.recording {
            try await MeetingService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(MeetingResponse(meeting, now: api.environment.clock.now()), etag: meeting.version)
    }

    // PUT /v1/meetings/{meeting_id}/record
    /// Write (or correct) the meeting's written record, once it has been held (000 §9.1).
    @Sendable static func writeMeetingRecord(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(MeetingRecordInput.self, from: try Body.object(context.request,
                                                                                   allowed: MeetingRecordInput.fields))
        let trust = try api.trustID(context)
        let id = try context.item(.meeting)
        let meeting = try await api.recording {
            try await MeetingService(api.environment).writeRecord(input, on: id, in: trust,
                                                                  caller: context.recordCaller)
        }
        return Reply.json(MeetingResponse(meeting, now: api.environment.clock.now()), etag: meeting.version)
    }
}
