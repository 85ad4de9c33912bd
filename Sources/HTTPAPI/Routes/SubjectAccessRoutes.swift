import App
import Domain
import Foundation
import HTTPCore

/// Subject access exports (issue 17 §8), named by the contract's operationId (openapi.yaml).
extension API {
    static func registerSubjectAccess(_ router: inout Router) {
        router.add("POST", "/v1/people/{person_id}/subject-access-exports", .subjectAccessExport,
                   requestSubjectAccessExport)
        router.add("GET", "/v1/subject-access-exports", .subjectAccessExport, listSubjectAccessExports)
        router.add("GET", "/v1/subject-access-exports/{export_id}", .subjectAccessExport, getSubjectAccessExport)
        router.add("GET", "/v1/subject-access-exports/{export_id}/archive", .subjectAccessExport,
                   produces: [zip, "application/problem+json"], downloadSubjectAccessExport)
    }

    // POST /v1/people/{person_id}/subject-access-exports
    /// 202: the export is built in the background; its Location shows the progress.
    @Sendable static func requestSubjectAccessExport(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let person = try context.uuid("person_id")
        return try await api.idempotent(context, trustID: trust) {
            guard let export = try await SubjectAccessService(api.environment).request(
                person: person, by: context.recordCaller.person, in: trust, audit: context.audit)
            else { throw Problem.notFound("person") }
            return Reply.json(SubjectAccessExportResponse(export), status: 202, etag: export.version,
                              location: "/v1/subject-access-exports/\(export.id.uuidString.lowercased())")
        }
    }

    // GET /v1/subject-access-exports
    @Sendable static func listSubjectAccessExports(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["person_id", "limit", "cursor"])
        let page = try await SubjectAccessService(api.environment).list(
            person: try context.queryUUID("person_id"), page: try context.page(), in: try api.trustID(context),
            audit: context.audit)
        return Reply.json(ListPage(page, SubjectAccessExportResponse.init))
    }

    // GET /v1/subject-access-exports/{export_id}
    @Sendable static func getSubjectAccessExport(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let export = try await SubjectAccessService(api.environment).get(
            try context.uuid("export_id"), in: try api.trustID(context), audit: context.audit)
        else { throw Problem.notFound("subject access export") }
        var response = Reply.json(SubjectAccessExportResponse(export), etag: export.version)
        if export.state == .pending || export.state == .running { response.headers.set("Retry-After", "1") }
        return response
    }

    // GET /v1/subject-access-exports/{export_id}/archive
    @Sendable static func downloadSubjectAccessExport(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        switch try await SubjectAccessService(api.environment).download(
            try context.uuid("export_id"), in: try api.trustID(context), audit: context.audit) {
        case .notFound:
            throw Problem.notFound("subject access export")
        case .unavailable(let export) where export.state == .expired:
            throw Problem(status: 410, type: "gone", title: "Gone",
                          detail: "The export's archive has expired; ask for a new export.")
        case .unavailable(let export):
            let detail = export.state == .failed ? "The export failed; ask for a new export."
                                                 : "The export is still being built; retry shortly."
            throw Problem(status: 409, type: "conflict", title: "Conflict", detail: detail,
                          errors: [.init(field: "state", rule: "export_\(export.state.rawValue)", message: detail)],
                          headers: export.state == .failed ? [] : [("Retry-After", "1")])
        case .archive(let export, let bytes):
            let day = ISO8601DateFormatter.string(from: export.requestedAt, timeZone: .gmt,
                                                  formatOptions: [.withFullDate])
            let name = "subject-access-\(export.personId.uuidString.lowercased())-\(day).zip"
            let headers = Headers([("Content-Type", zip), ("Content-Disposition", "attachment; filename=\"\(name)\""),
                                   ("Cache-Control", "no-store")])
            return Response(status: 200, headers: headers, body: Data(bytes))
        }
    }
}

private let zip = "application/zip"

struct SubjectAccessExportResponse: ResponseBody {
    struct Progress: Encodable, Sendable {
        let done: Int
        let total: Int?
    }

    let id: UUID
    let personId: UUID
    let requestedBy: UUID?
    let state: String
    let progress: Progress
    let archiveBytes: Int?
    let archiveSha256: String?
    let archiveUrl: String?
    let requestedAt: Date
    let completedAt: Date?
    let expiresAt: Date?
    let version: Int

    init(_ export: SubjectAccessExport) {
        id = export.id; personId = export.personId; requestedBy = export.requestedBy; state = export.state.rawValue
        progress = Progress(done: export.itemsDone, total: export.itemsTotal)
        archiveBytes = export.archiveBytes; archiveSha256 = export.archiveSHA256
        archiveUrl = export.state == .ready
            ? "/v1/subject-access-exports/\(export.id.uuidString.lowercased())/archive" : nil
        requestedAt = export.requestedAt; completedAt = export.completedAt; expiresAt = export.expiresAt
        version = export.version
    }
}
