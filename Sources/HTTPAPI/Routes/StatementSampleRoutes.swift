import App
import Domain
import Foundation
import HTTPCore

/// Anonymised statement samples for governors (issue 17 §2), named by the contract's
/// operationId (openapi.yaml). Who may do what is decided in `StatementSampleService`.
extension API {
    static func registerStatementSamples(_ router: inout Router) {
        router.add("GET", "/v1/statement-samples", .statementSamples, listStatementSamples)
        router.add("POST", "/v1/statement-samples", .statementSamples, drawStatementSample)
        router.add("GET", "/v1/statement-samples/{sample_id}", .statementSamples, getStatementSample)
        router.add("PATCH", "/v1/statement-samples/{sample_id}", .statementSamples, editStatementSample)
        router.add("POST", "/v1/statement-samples/{sample_id}/release", .statementSamples, releaseStatementSample)
    }

    // GET /v1/statement-samples
    @Sendable static func listStatementSamples(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["unit_id", "limit", "cursor"])
        let page = try await api.recording {
            try await StatementSampleService(api.environment).list(
                unit: try context.queryUUID("unit_id"), page: try context.page(), asker: context.sampleAsker,
                in: try api.trustID(context), audit: context.audit)
        }
        return Reply.json(ListPage(page, StatementSampleResponse.init))
    }

    // POST /v1/statement-samples
    @Sendable static func drawStatementSample(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let input = try decodeBody(StatementSampleInput.self, context)
        return try await api.idempotent(context, trustID: trust) {
            let sample = try await api.recording {
                try await StatementSampleService(api.environment).draw(input, asker: context.sampleAsker, in: trust,
                                                                       audit: context.audit)
            }
            return Reply.json(StatementSampleResponse(sample), status: 201, etag: sample.version,
                              location: "/v1/statement-samples/\(sample.id.uuidString.lowercased())")
        }
    }

    // GET /v1/statement-samples/{sample_id}
    @Sendable static func getStatementSample(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let sample = try await api.recording {
            try await StatementSampleService(api.environment).get(
                try context.uuid("sample_id"), asker: context.sampleAsker, in: try api.trustID(context),
                audit: context.audit)
        }
        return Reply.json(StatementSampleResponse(sample), etag: sample.version)
    }

    // PATCH /v1/statement-samples/{sample_id}
    /// `{"items": [{"position": 2, "sections": {"role_assessment": "…"}}]}`: the head's redaction
    /// of a draft, each named section's text replaced.
    @Sendable static func editStatementSample(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("sample_id")
        try Body.requireMediaType(context.request, accepted: [Body.mergePatch, Body.json])
        let edit = try sampleEdit(try Body.object(context.request, allowed: ["items"]))
        let expected = try ETag.expectedVersion(context.request)
        let outcome = try await api.recording {
            try await StatementSampleService(api.environment).edit(
                id, edit, expectedVersion: expected, asker: context.sampleAsker, in: trust, audit: context.audit)
        }
        switch outcome {
        case .updated(let sample): return Reply.json(StatementSampleResponse(sample), etag: sample.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("statement sample")
        }
    }

    // POST /v1/statement-samples/{sample_id}/release
    /// `{"redaction_confirmed": true}`: the head confirms the texts say nothing that identifies.
    @Sendable static func releaseStatementSample(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.uuid("sample_id")
        let body = try Body.object(context.request, allowed: ["redaction_confirmed"])
        guard body["redaction_confirmed"] == .bool(true) else {
            throw Problem.invalid(field: "redaction_confirmed", rule: "const",
                                  message: "must be true: the head confirms the redaction before release")
        }
        let expected = try ETag.expectedVersion(context.request)
        let outcome = try await api.recording {
            try await StatementSampleService(api.environment).release(
                id, expectedVersion: expected, asker: context.sampleAsker, in: trust, audit: context.audit)
        }
        switch outcome {
        case .updated(let sample): return Reply.json(StatementSampleResponse(sample), etag: sample.version)
        case .stale: throw Problem.preconditionFailed
        case .notFound: throw Problem.notFound("statement sample")
        }
    }

    /// The edit's shape: items, each a position and an object of section texts.
    static func sampleEdit(_ body: [String: JSONValue]) throws -> StatementSampleEdit {
        guard case .array(let items)? = body["items"] else {
            throw Problem.invalid(field: "items", rule: "type", message: "must be an array of items")
        }
        var sections: [Int: [String: String]] = [:]
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item, case .number(let number)? = fields["position"],
                  let position = Int(exactly: number), case .object(let texts)? = fields["sections"],
                  Set(fields.keys).isSubset(of: ["position", "sections"]) else {
                throw Problem.invalid(field: "items[\(index)]", rule: "type",
                                      message: "must be an object of position (an integer) and sections")
            }
            var byName: [String: String] = [:]
            for (name, text) in texts {
                guard case .string(let value) = text else {
                    throw Problem.invalid(field: "items[\(index)].sections.\(name)", rule: "type",
                                          message: "must be a string")
                }
                byName[name] = value
            }
            sections[position, default: [:]].merge(byName) { _, new in new }
        }
        return StatementSampleEdit(sections: sections)
    }
}

extension Context {
    var sampleAsker: StatementSampleService.Asker {
        switch reportAsker {
        case .person(let person): return .person(person)
        case .platform, .apiKey: return .platform // keys never reach here: the route refuses them
        }
    }
}

struct StatementSampleResponse: ResponseBody {
    struct Item: Encodable, Sendable {
        let position: Int
        let staffGroup: String
        let objectivesMet: Int
        let objectivesPartlyMet: Int
        let objectivesNotMet: Int
        let payOutcome: String?
        let sections: [String: String]
    }

    let id: UUID
    let unitId: UUID
    let cycleId: UUID
    let state: String
    let preparedBy: UUID?
    let releasedBy: UUID?
    let releasedAt: Date?
    let items: [Item]
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ sample: StatementSample) {
        id = sample.id; unitId = sample.unitId; cycleId = sample.cycleId; state = sample.state.rawValue
        preparedBy = sample.preparedBy; releasedBy = sample.releasedBy; releasedAt = sample.releasedAt
        items = sample.items.map {
            Item(position: $0.position, staffGroup: $0.staffGroup, objectivesMet: $0.objectivesMet,
                 objectivesPartlyMet: $0.objectivesPartlyMet, objectivesNotMet: $0.objectivesNotMet,
                 payOutcome: $0.payOutcome, sections: $0.sections)
        }
        version = sample.version; createdAt = sample.createdAt; updatedAt = sample.updatedAt
    }
}
