import App
import Domain
import Foundation
import HTTPCore

/// Performance conversations (004 §6) and their consent-only wellbeing notes (004 §6.4a).
extension API {
    static func registerConversations(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/conversations", .appraisalRead, listConversations)
        router.add("GET", "/v1/appraisals/{appraisal_id}/conversation-year", .appraisalRead,
                   record: [.read, .commitments], getConversationYear)
        router.add("POST", "/v1/appraisals/{appraisal_id}/conversations", .appraisalRecordWrite,
                   record: [.lead], createConversation)
        router.add("GET", "/v1/conversations/{conversation_id}", .appraisalRead, getConversation)
        // The wellbeing part: the employee and the conversation lead alone — not HR, the head,
        // the CEO or the platform administrator, whatever their roles (004 §6.4a).
        router.add("GET", "/v1/conversations/{conversation_id}/wellbeing", .appraisalRecordWrite,
                   record: [.read], getWellbeingNotes)
        router.add("PUT", "/v1/conversations/{conversation_id}/wellbeing", .appraisalRecordWrite,
                   record: [.read], putWellbeingNotes)
    }

}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/conversation-year
    /// How the year closes under the conversations model (004 §6); a head's commitments alone
    /// to the local governing body (§6.2).
    @Sendable static func getConversationYear(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let year = try await api.recording {
            try await ConversationService(api.environment).year(appraisal: appraisal, in: trust,
                                                                caller: context.recordCaller)
        }
        return Reply.json(ConversationYearResponse(year))
    }

    // GET /v1/appraisals/{appraisal_id}/conversations
    /// The appraisal's conversations (conversations model). Never includes wellbeing notes.
    @Sendable static func listConversations(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let conversations = try await api.recording {
            try await ConversationService(api.environment).list(appraisal: appraisal, in: trust,
                                                                caller: context.recordCaller)
        }
        return Reply.json(Items(items: conversations.map(ConversationResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/conversations
    /// Record the autumn or mid-year conversation, as the reviewer. Wellbeing notes are kept only with
    /// wellbeing_consent true (004 §6.4a).
    @Sendable static func createConversation(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(ConversationInput.self, from: try Body.object(context.request,
                                                                                  allowed: ConversationInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let conversation = try await api.recording {
                try await ConversationService(api.environment).create(input, appraisal: appraisal, in: trust,
                                                                      caller: context.recordCaller)
            }
            return Reply.json(ConversationResponse(conversation), status: 201, etag: conversation.version,
                              location: "/v1/conversations/\(conversation.id.uuidString.lowercased())")
        }
    }

    // GET /v1/conversations/{conversation_id}
    /// One conversation, without its wellbeing notes.
    @Sendable static func getConversation(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.conversation)
        let conversation = try await api.recording {
            try await ConversationService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(ConversationResponse(conversation), etag: conversation.version)
    }

    // GET /v1/conversations/{conversation_id}/wellbeing
    /// The wellbeing notes: the employee and the conversation lead alone; anyone else, whatever their role,
    /// gets 404.
    @Sendable static func getWellbeingNotes(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("conversation_id")
        let notes = try await api.recording {
            try await ConversationService(api.environment).wellbeing(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(WellbeingNotesResponse(notes))
    }

    // PUT /v1/conversations/{conversation_id}/wellbeing
    /// Record consent and notes (employee or lead). Withdrawing consent deletes the notes.
    @Sendable static func putWellbeingNotes(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("conversation_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(WellbeingInput.self, from: try Body.object(context.request,
                                                                               allowed: WellbeingInput.fields))
        let notes = try await api.recording {
            try await ConversationService(api.environment).putWellbeing(input, on: id, in: trust,
                                                                        caller: context.recordCaller)
        }
        return Reply.json(WellbeingNotesResponse(notes))
    }
}
