import App
import Domain
import Foundation
import HTTPCore

/// Create/read/update/list/delete routes shared by units, people and employments; each
/// record is sent as its response type (`respond`), which may narrow it for the caller.
struct ResourceRoutes<R: TenantResource, View: ResponseBody> {
    let collection: String
    let parameter: String
    let respond: @Sendable (R.Record, Context) -> View
    let filters: Set<String>
    let parseFilter: @Sendable (Context) throws -> R.Filter

    var item: String { "\(collection)/{\(parameter)}" }

    func register(_ router: inout Router) {
        let collection = collection, parameter = parameter, filters = filters, parseFilter = parseFilter
        let respond = respond
        // Reading by relationship (issue 3 §3): for people and employments, a user without a
        // trust-wide role still reads the records related to them; anything else is 404.
        let listsByRelationship = R.listsByRelationship
        let readsByRelationship = ResourceService<R>.readsByRelationship
        router.add("GET", collection, listsByRelationship ? .relatedStaffRead : .staffRead) { api, context in
            try context.allowQuery(filters.union(["limit", "cursor"]))
            let trust = try api.trustID(context)
            var filter = try parseFilter(context)
            if let me = context.personNeedingRelationship, !R.restrict(&filter, visibleTo: me) {
                throw Problem.forbidden("This list needs a role that covers the whole trust.")
            }
            let page = try await ResourceService<R>(api.environment).list(filter, page: try context.page(), in: trust)
            return Reply.json(ListPage(page) { respond($0, context) })
        }
        router.add("POST", collection, .staffWrite) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            try Body.requireMediaType(context.request, accepted: [Body.json])
            let input = try Body.decode(R.Record.Input.self, from: try Body.object(context.request, allowed: R.Record.Input.fields))
            return try await api.idempotent(context, trustID: trust) {
                let service = ResourceService<R>(api.environment)
                let record = try await service.create(input, in: trust, audit: context.audit,
                                                      caller: context.actor?.caller)
                return Reply.json(respond(record, context), status: 201, etag: record.version,
                                  location: "\(collection)/\(record.id.uuidString.lowercased())")
            }
        }
        router.add("GET", item, readsByRelationship ? .relatedStaffRead : .staffRead) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try context.uuid(parameter)
            // Out of reach is answered exactly like missing (the use case audits the refusal).
            guard let record = try await ResourceService<R>(api.environment).read(
                id, in: trust, caller: context.actor!.caller, person: context.personNeedingRelationship,
                audit: context.audit) else { throw Problem.notFound(R.resourceName) }
            return Reply.json(respond(record, context), etag: record.version)
        }
        router.add("PATCH", item, .staffWrite) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try context.uuid(parameter)
            try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
            let patch = try Body.object(context.request, allowed: R.Record.Input.fields)
            let expected = try ETag.expectedVersion(context.request)
            let result = try await ResourceService<R>(api.environment).update(id, in: trust, expectedVersion: expected,
                                                                              audit: context.audit,
                                                                              caller: context.actor?.caller) {
                try Body.merge(patch, into: $0)
            }
            switch result {
            case .updated(let record): return Reply.json(respond(record, context), etag: record.version)
            case .stale: throw Problem.preconditionFailed
            case .notFound: throw Problem.notFound(R.resourceName)
            }
        }
        router.add("DELETE", item, .staffWrite) { api, context in
            try context.allowQuery([])
            let trust = try api.trustID(context)
            let id = try context.uuid(parameter)
            let expected = try ETag.expectedVersion(context.request)
            switch try await ResourceService<R>(api.environment).delete(id, in: trust, expectedVersion: expected, audit: context.audit) {
            case .deleted: return Reply.noContent()
            case .stale: throw Problem.preconditionFailed
            case .notFound: throw Problem.notFound(R.resourceName)
            }
        }
    }
}

extension API {
    /// The trust a tenant request acts in. Platform credentials name it with the
    /// `Appraise-Trust-Id` header; credentials of one trust (accounts, API keys) will imply it.
    func trustID(_ context: Context) throws -> UUID {
        let named = try Self.namedTrust(context.request)
        switch context.actor {
        case .apiKey(_, let trust, _)?, .user(_, _, let trust, _, _)?, .sso(_, _, let trust, _)?:
            // Keys and users act in their own trust only; naming another one was refused (and
            // audited) before the route ran (`API.authorize`).
            if let named, named != trust { throw Problem.forbidden("This credential belongs to another trust.") }
            return trust
        case .bootstrapAdministrator?, nil:
            guard let named else {
                throw Problem.invalidParameter("Appraise-Trust-Id", "is required: the trust this request acts in")
            }
            return named
        }
    }

    static func registerRoutes(_ router: inout Router) {
        registerOperations(&router)
        registerDocs(&router)
        registerTrusts(&router)
        registerAPIKeys(&router)
        registerAuditEvents(&router)
        registerMe(&router)
        registerAuth(&router)
        registerAccounts(&router)
        registerGrants(&router)
        registerIdentityProviders(&router)
        registerPolicies(&router)
        registerCalendars(&router)
        registerCycles(&router)
        registerAppraisals(&router)
        registerObjectives(&router)
        registerObservations(&router)
        registerConversations(&router)
        registerMeetings(&router)
        registerStatements(&router)
        registerModeration(&router)
        registerInterimReviews(&router)
        registerSupport(&router)
        registerPay(&router)
        registerReports(&router)
        registerLegalHolds(&router)
        registerSubjectAccess(&router)
        registerStatementSamples(&router)
        registerGovernorsReport(&router)
        registerEvents(&router)
        registerSync(&router)
        registerWebhooks(&router)
        registerCalendarFeeds(&router)
        registerReminderSettings(&router)
        registerStandards(&router)
        registerPlanItems(&router)
        registerDevelopmentAndEvidence(&router)
        ResourceRoutes<Units, UnitResponse>(collection: "/v1/units", parameter: "unit_id",
                                            respond: { unit, _ in UnitResponse(unit) },
                                            filters: ["kind", "urn", "external_id", "updated_since"]) { context in
            Units.Filter(kind: try context.queryEnum("kind", OrganisationUnit.Kind.self),
                         urn: try context.queryURN("urn"), externalId: try context.queryText("external_id", max: 100),
                         updatedSince: try context.queryInstant("updated_since"))
        }.register(&router)
        ResourceRoutes<People, PersonResponse>(collection: "/v1/people", parameter: "person_id",
                                               respond: { person, _ in PersonResponse(person) },
                                               filters: ["email", "external_id", "updated_since"]) { context in
            People.Filter(email: try context.queryText("email", max: 254),
                          externalId: try context.queryText("external_id", max: 100),
                          updatedSince: try context.queryInstant("updated_since"))
        }.register(&router)
        let employmentFilters: Set<String> = ["person_id", "unit_id", "line_manager_id", "staff_group", "external_id",
                                              "updated_since"]
        ResourceRoutes<Employments, EmploymentResponse>(collection: "/v1/employments", parameter: "employment_id",
                                                       respond: EmploymentResponse.init(_:for:),
                                                       filters: employmentFilters) { context in
            Employments.Filter(personId: try context.queryUUID("person_id"), unitId: try context.queryUUID("unit_id"),
                                   lineManagerId: try context.queryUUID("line_manager_id"),
                                   staffGroup: try context.queryEnum("staff_group", Employment.StaffGroup.self),
                               externalId: try context.queryText("external_id", max: 100),
                               updatedSince: try context.queryInstant("updated_since"))
        }.register(&router)
    }
}
