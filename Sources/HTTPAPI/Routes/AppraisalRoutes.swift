import App
import Domain
import Foundation
import HTTPCore
import Store

/// Appraisals and the appointment of their reviewers (issue 4 §4).
extension API {
    static func registerAppraisals(_ router: inout Router) {
        router.add("GET", "/v1/appraisals", .appraisalRead) { api, context in
            try context.allowQuery(["cycle_id", "person_id", "unit_id", "employment_id", "limit", "cursor"])
            var filter = AppraisalStore.Filter(cycleId: try context.queryUUID("cycle_id"), personId: try context.queryUUID("person_id"),
                                               unitId: try context.queryUUID("unit_id"), employmentId: try context.queryUUID("employment_id"))
            filter.visibleTo = context.personNeedingAppraisalRelationship
            let page = try await AppraisalService(api.environment).list(filter, page: try context.page(), in: try api.trustID(context),
                                                                        audit: context.audit)
            return Reply.json(ListPage(page))
        }
        router.add("GET", "/v1/appraisals/{appraisal_id}", .appraisalRead) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try await api.readableAppraisal(try context.uuid("appraisal_id"), context, trust: trust).id
            guard let appraisal = try await AppraisalService(api.environment).read(id, in: trust, audit: context.audit) else {
                throw Problem.notFound("appraisal")
            }
            return Reply.json(appraisal, etag: appraisal.version)
        }
        router.add("GET", "/v1/appraisals/{appraisal_id}/reviewer-appointments", .appraisalRead) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let appraisal = try await api.readableAppraisal(try context.uuid("appraisal_id"), context, trust: trust)
            return Reply.json(Items(items: try await AppraisalService(api.environment).appointments(of: appraisal, in: trust, audit: context.audit)))
        }
        router.add("POST", "/v1/appraisals/{appraisal_id}/reviewer-appointments", .appoint) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try context.uuid("appraisal_id")
            try Body.requireMediaType(context.request, accepted: [Body.json])
            let input = try Body.decode(AppointmentInput.self, from: try Body.object(context.request, allowed: AppointmentInput.fields))
            // The decision is the caller's own unless an administrator records someone else's.
            let caller = context.actor!.caller
            var appointer: UUID
            var namesSomeoneElse = false
            switch caller {
            case .user(_, let person, _, let roles):
                appointer = person
                // Out of the caller's reach the appraisal does not exist (audited refusal).
                _ = try await api.readableAppraisal(id, context, trust: trust)
                if let named = input.appointedBy, named != person {
                    // Refused by the service once it knows the caller may see the appraisal at all.
                    namesSomeoneElse = roles.isDisjoint(with: [.trustAdmin, .hr])
                    if !namesSomeoneElse { appointer = named }
                }
            default:
                guard let named = input.appointedBy else {
                    throw Problem.invalid(field: "appointed_by", rule: "required", message: "is required: the person who made the appointment")
                }
                appointer = named
            }
            return try await api.idempotent(context, trustID: trust) {
                switch try await AppraisalService(api.environment).appoint(input, to: id, appointer: appointer,
                                                                           namesSomeoneElse: namesSomeoneElse, in: trust, audit: context.audit) {
                case .appointed(let appointment):
                    return Reply.json(appointment, status: 201,
                                      location: "/v1/appraisals/\(id.uuidString.lowercased())/reviewer-appointments")
                case .notFound: throw Problem.notFound("appraisal")
                }
            }
        }
    }

    static let notRelated = "the policy does not share this appraisal with the caller"

    /// An appraisal the caller may read; anything else is 404, audited as a refusal.
    func readableAppraisal(_ id: UUID, _ context: Context, trust: UUID) async throws -> Appraisal {
        let service = AppraisalService(environment)
        guard let appraisal = try await service.get(id, in: trust) else { throw Problem.notFound("appraisal") }
        if let me = context.personNeedingAppraisalRelationship, !(try await service.isVisible(id, to: me, in: trust)) {
            try await AuditLogService(environment).recordDenial(in: trust, action: "read", resourceType: "appraisal",
                                                                reason: Self.notRelated, audit: context.audit)
            throw Problem.notFound("appraisal")
        }
        return appraisal
    }
}

extension Context {
    /// The caller's person when they see appraisals' status only by relationship (trust-wide
    /// roles see every appraisal's status).
    var personNeedingAppraisalRelationship: UUID? {
        guard let actor, !Authorization.readsAllAppraisals(actor.caller), case .user(_, let person, _, _) = actor.caller else { return nil }
        return person
    }

    /// The caller's person when they read a record's text only as its policy allows: every
    /// user, trust-wide roles included (000 §9.2, 001, 003 §1.8 share the record for stated
    /// purposes, not with every role). The platform administrator and API keys are not people.
    var personNeedingRecordRelationship: UUID? {
        guard let actor, case .user(_, let person, _, _) = actor.caller else { return nil }
        return person
    }
}

extension API {
    /// Routes that show an appraisal's status (whose it is, its period, its appointments);
    /// every other route under an appraisal shows or writes its record.
    static let appraisalStatusRoutes: Set<String> = [
        "/v1/appraisals/{appraisal_id}", "/v1/appraisals/{appraisal_id}/reviewer-appointments",
    ]
}
