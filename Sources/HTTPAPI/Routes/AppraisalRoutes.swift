import App
import Domain
import Foundation
import HTTPCore

/// Appraisals and the appointment of their reviewers (issue 4 §4).
extension API {
    static func registerAppraisals(_ router: inout Router) {
        router.add("GET", "/v1/appraisals", .appraisalRead, listAppraisals)
        router.add("GET", "/v1/appraisals/{appraisal_id}", .appraisalRead, record: [.status], getAppraisal)
        router.add("GET", "/v1/appraisals/{appraisal_id}/reviewer-appointments", .appraisalRead,
                   record: [.status], listReviewerAppointments)
        router.add("POST", "/v1/appraisals/{appraisal_id}/reviewer-appointments", .appoint,
                   record: [.status], appointReviewer)
    }
}

extension Context {
    /// The caller's person when they see appraisals' status only by relationship (trust-wide
    /// roles see every appraisal's status).
    var personNeedingAppraisalRelationship: UUID? {
        guard let actor, !Authorization.readsAllAppraisals(actor.caller), case .user(_, let person, _, _) = actor.caller else { return nil }
        return person
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals
    /// Appraisals the caller may read: all for trust-wide roles, else those related to them.
    @Sendable static func listAppraisals(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["cycle_id", "person_id", "unit_id", "employment_id", "updated_since", "limit",
                                "cursor"])
        var filter = AppraisalFilter(cycleId: try context.queryUUID("cycle_id"),
                                     personId: try context.queryUUID("person_id"),
                                     unitId: try context.queryUUID("unit_id"),
                                     employmentId: try context.queryUUID("employment_id"))
        filter.visibleTo = context.personNeedingAppraisalRelationship
        filter.updatedSince = try context.queryInstant("updated_since")
        let page = try await AppraisalService(api.environment).list(filter, page: try context.page(),
                                                                    in: try api.trustID(context),
                                                                    audit: context.audit)
        return Reply.json(ListPage(page, AppraisalResponse.init))
    }

    // GET /v1/appraisals/{appraisal_id}
    /// One appraisal: period, adjustments, deadlines, current reviewers.
    @Sendable static func getAppraisal(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("appraisal_id")
        let appraisal = try await api.recording {
            try await AppraisalService(api.environment).read(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(AppraisalResponse(appraisal), etag: appraisal.version)
    }

    // GET /v1/appraisals/{appraisal_id}/reviewer-appointments
    /// Every appointment of the appraisal, oldest first (re-delegations keep history).
    @Sendable static func listReviewerAppointments(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("appraisal_id")
        let appointments = try await api.recording {
            try await AppraisalService(api.environment).appointments(of: id, in: trust,
                                                                     caller: context.recordCaller)
        }
        return Reply.json(Items(items: appointments.map(AppointmentResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/reviewer-appointments
    /// Appoint the reviewer (a person or a panel) under the policy's rules; a broken rule is 422 naming it.
    /// Replacing needs reason change or concerns.
    @Sendable static func appointReviewer(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(AppointmentInput.self, from: try Body.object(context.request,
                                                                                 allowed: AppointmentInput.fields))
        // The decision is the caller's own unless an administrator records someone else's.
        let caller = context.actor!.caller
        var appointer: UUID
        var namesSomeoneElse = false
        switch caller {
        case .user(_, let person, _, let roles):
            appointer = person
            if let named = input.appointedBy, named != person {
                // Refused by the service once it knows the caller may see the appraisal at all.
                namesSomeoneElse = roles.isDisjoint(with: [.trustAdmin, .hr])
                if !namesSomeoneElse { appointer = named }
            }
        default:
            guard let named = input.appointedBy else {
                throw Problem.invalid(field: "appointed_by", rule: "required",
                                      message: "is required: the person who made the appointment")
            }
            appointer = named
        }
        return try await api.idempotent(context, trustID: trust) {
            let appointment = try await api.recording {
                try await AppraisalService(api.environment).appoint(input, to: id, appointer: appointer,
                                                                    namesSomeoneElse: namesSomeoneElse, in: trust,
                                                                    caller: context.recordCaller)
            }
            return Reply.json(AppointmentResponse(appointment), status: 201,
                              location: "/v1/appraisals/\(id.uuidString.lowercased())/reviewer-appointments")
        }
    }
}
