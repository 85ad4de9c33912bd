import Domain
import Foundation
import Postgres
import Store

/// Subject access exports (issue 17 §8) as HR asks for them (the route's permission): asked
/// for, followed, and downloaded. `SubjectAccessExporter` builds them. Every request, read and
/// download is audited, naming the person the export is about.
public struct SubjectAccessService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// A new export of everything about `person`; nil if the trust has no such person.
    public func request(person: UUID, by requester: UUID?, in trust: UUID,
                        audit: AuditContext) async throws -> SubjectAccessExport? {
        let now = environment.clock.now()
        let export = SubjectAccessExport(id: environment.newID(), trustId: trust, personId: person,
                                         requestedBy: requester, requestedAt: now)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard try PersonStore.find(person, on: db) != nil else { return nil }
            try SubjectAccessStore.insert(export, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "subject_access_export",
                                        resourceId: export.id, subjectPersonId: person), audit, at: now, on: db)
            return export
        }
    }

    public func get(_ id: UUID, in trust: UUID, audit: AuditContext) async throws -> SubjectAccessExport? {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let export = try SubjectAccessStore.find(id, on: db) else { return nil }
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "subject_access_export",
                                        resourceId: id, subjectPersonId: export.personId), audit, at: now, on: db)
            return export
        }
    }

    public func list(person: UUID?, page: PageRequest, in trust: UUID,
                     audit: AuditContext) async throws -> Page<SubjectAccessExport> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            let rows = try db.query(SubjectAccessStore.listQuery(person: person, page: page))
                .map(SubjectAccessStore.decode)
            try environment.audit(.init(trustId: trust, action: "list", resourceType: "subject_access_export",
                                        resourceId: nil, subjectPersonId: person), audit, at: now, on: db)
            return makePage(rows, limit: page.limit, id: \.id)
        }
    }

    public enum Download: Sendable {
        case archive(SubjectAccessExport, [UInt8])
        /// Not finished yet, failed, or expired: the export says which.
        case unavailable(SubjectAccessExport)
        case notFound
    }

    /// The finished archive, its download audited as a read of the person's whole record.
    public func download(_ id: UUID, in trust: UUID, audit: AuditContext) async throws -> Download {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let export = try SubjectAccessStore.find(id, on: db) else { return .notFound }
            guard export.state == .ready, let bytes = try SubjectAccessStore.archive(id, on: db) else {
                return .unavailable(export)
            }
            try environment.audit(.init(trustId: trust, action: "download", resourceType: "subject_access_export",
                                        resourceId: id, subjectPersonId: export.personId), audit, at: now, on: db)
            return .archive(export, bytes)
        }
    }
}
