import App
import Domain
import Foundation
import HTTPCore

/// Cycles: created, opened (enrolment), moved on; who is in and out; each reviewer's load.
extension API {
    static func registerCycles(_ router: inout Router) {
        router.add("GET", "/v1/cycles", .cycleRead, listCycles)
        router.add("POST", "/v1/cycles", .cycleWrite, createCycle)
        router.add("GET", "/v1/cycles/{cycle_id}", .cycleRead, getCycle)
        router.add("POST", "/v1/cycles/{cycle_id}/transitions", .cycleWrite, transitionCycle)
        router.add("GET", "/v1/cycles/{cycle_id}/enrolment", .cycleRead, getCycleEnrolment)
        router.add("GET", "/v1/cycles/{cycle_id}/reviewer-load", .cycleRead, getReviewerLoad)
        router.add("GET", "/v1/cycles/{cycle_id}/progress", .cycleRead, getCycleProgress)
    }

    /// nil for trust-wide readers; the units a head heads otherwise (004 §5.2); 403 for anyone else.
    func unitsNarrowedTo(_ context: Context, trust: UUID) async throws -> [UUID]? {
        guard let actor = context.actor, !Authorization.readsAllAppraisals(actor.caller) else { return nil }
        guard case .user(_, let person, _, _) = actor.caller else { return nil }
        let units = try await CycleService(environment).headedUnits(by: person, in: trust)
        guard !units.isEmpty else {
            let reason = "Needs a trust-wide role, or to be the head of a unit."
            // Every refusal is audited (README): who asked for the enrolment or the reviewers' load.
            try await AuditLogService(environment).recordDenial(in: trust, action: "read", resourceType: context.route,
                                                                reason: reason, audit: context.audit)
            throw Problem.forbidden(reason)
        }
        return units
    }

    /// A cycle-wide read: the caller's units for a head (nil: the whole trust), once the cycle
    /// is known to exist in the trust.
    func narrowedCycle(_ id: UUID, _ context: Context, trust: UUID) async throws -> (CycleService, [UUID]?) {
        let service = CycleService(environment)
        let units = try await unitsNarrowedTo(context, trust: trust)
        guard try await service.get(id, in: trust) != nil else { throw Problem.notFound("cycle") }
        return (service, units)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/cycles
    /// The trust's cycles.
    @Sendable static func listCycles(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["year", "state", "updated_since", "limit", "cursor"])
        let page = try await CycleService(api.environment).list(year: try context.queryInt("year", in: 2000...2100),
                                                                state: try context.queryEnum("state", Cycle.State.self),
                                                                updatedSince: try context.queryInstant("updated_since"),
                                                                page: try context.page(), in: try api.trustID(context))
        return Reply.json(ListPage(page, CycleResponse.init))
    }

    // POST /v1/cycles
    /// Plan a cycle for the trust, a unit or a staff group (needs a policy).
    @Sendable static func createCycle(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(CycleInput.self, from: try Body.object(context.request, allowed: CycleInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let cycle = try await CycleService(api.environment).create(input, in: trust, audit: context.audit)
            return Reply.json(CycleResponse(cycle), status: 201, etag: cycle.version,
                              location: "/v1/cycles/\(cycle.id.uuidString.lowercased())")
        }
    }

    // GET /v1/cycles/{cycle_id}
    /// One cycle.
    @Sendable static func getCycle(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let cycle = try await CycleService(api.environment).get(try context.uuid("cycle_id"),
                                                                      in: try api.trustID(context)) else {
            throw Problem.notFound("cycle")
        }
        return Reply.json(CycleResponse(cycle), etag: cycle.version)
    }

    // POST /v1/cycles/{cycle_id}/transitions
    /// Move a cycle on (planned → open → closing → closed). Opening pins the current policy and enrols
    /// everyone eligible in scope; closing needs every statement locked, or a reason.
    @Sendable static func transitionCycle(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("cycle_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(CycleTransition.self, from: try Body.object(context.request,
                                                                                allowed: CycleTransition.fields))
        try input.validate() // a reason over 4,000 characters is 422, whatever the If-Match
        let expected = try ETag.expectedVersion(context.request)
        switch try await CycleService(api.environment).transition(id, to: input.to, reason: input.reason,
                                                                  expectedVersion: expected, in: trust,
                                                                  audit: context.audit) {
        case .moved(let cycle): return Reply.json(CycleResponse(cycle), etag: cycle.version)
        case .notFound: throw Problem.notFound("cycle")
        case .stale: throw Problem.preconditionFailed
        }
    }

    // GET /v1/cycles/{cycle_id}/enrolment
    /// Who is in the cycle (with their period and adjustments) and who is out, with the reason. A head sees
    /// their units'.
    @Sendable static func getCycleEnrolment(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["status", "limit", "cursor"])
        let trust = try api.trustID(context)
        let id = try context.uuid("cycle_id")
        let status = try context.queryText("status", max: 20)
        if let status, !["enrolled", "excluded"].contains(status) {
            throw Problem.invalidParameter("status", "must be one of enrolled, excluded")
        }
        let (service, units) = try await api.narrowedCycle(id, context, trust: trust)
        let page = try await service.enrolment(id, status: status, units: units, page: try context.page(), in: trust)
        return Reply.json(ListPage(page, EnrolmentResponse.init))
    }

    // GET /v1/cycles/{cycle_id}/reviewer-load
    /// How many current appraisals each reviewer holds (004 §5.2). A head sees their units'.
    @Sendable static func getReviewerLoad(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("cycle_id")
        let (service, units) = try await api.narrowedCycle(id, context, trust: trust)
        let load = try await service.reviewerLoad(id, units: units, in: trust)
        return Reply.json(Items(items: load.map(ReviewerLoadResponse.init)))
    }

    // GET /v1/cycles/{cycle_id}/progress
    /// Per unit and staff group, how many appraisals are at each step and how many are
    /// overdue; and each overdue appraisal with its late deadlines. A head sees their units'.
    @Sendable static func getCycleProgress(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("cycle_id")
        let (service, units) = try await api.narrowedCycle(id, context, trust: trust)
        let progress = try await service.progress(id, units: units, in: trust)
        return Reply.json(CycleProgressResponse(cycle: id, progress))
    }
}
