import Domain
import Foundation
import Postgres
import Store

/// Legal holds (issue 17 §7), placed and released by HR or the trust administrator (the
/// route's permission): while one is active, none of its person's appraisal records is
/// destroyed. Every read, placing and release is audited (a hold says a case is open).
public struct LegalHoldService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Placing a hold: a second one for the same person is allowed (two cases, two owners).
    public func place(_ input: LegalHoldInput, in trust: UUID, audit: AuditContext) async throws -> LegalHold {
        try input.validate()
        let now = environment.clock.now()
        let hold = LegalHold(id: environment.newID(), trustId: trust, personId: input.personId, reason: input.reason,
                             detail: input.detail, ownerId: input.ownerId, placedAt: now)
        try await environment.transaction(.trust(trust)) { [environment] db in
            try LegalHoldStore.insert(hold, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "legal_hold",
                                        resourceId: hold.id, subjectPersonId: hold.personId,
                                        changedFields: LegalHoldInput.fields.sorted()),
                                  audit, at: now, on: db)
        }
        return hold
    }

    public func get(_ id: UUID, in trust: UUID, audit: AuditContext) async throws -> LegalHold? {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let hold = try LegalHoldStore.find(id, on: db) else { return nil }
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "legal_hold", resourceId: id,
                                        subjectPersonId: hold.personId), audit, at: now, on: db)
            return hold
        }
    }

    public func list(person: UUID?, page: PageRequest, in trust: UUID,
                     audit: AuditContext) async throws -> Page<LegalHold> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            let rows = try db.query(LegalHoldStore.listQuery(person: person, page: page)).map(LegalHoldStore.decode)
            try environment.audit(.init(trustId: trust, action: "list", resourceType: "legal_hold", resourceId: nil,
                                        subjectPersonId: person), audit, at: now, on: db)
            return makePage(rows, limit: page.limit, id: \.id)
        }
    }

    /// Releases an active hold at `expectedVersion`; a released hold stays, for the record.
    public func release(_ id: UUID, expectedVersion: Int, by person: UUID?, in trust: UUID,
                        audit: AuditContext) async throws -> VersionedUpdate<LegalHold> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let current = try LegalHoldStore.find(id, on: db) else { return .notFound }
            guard current.releasedAt == nil else { throw LegalHoldReleased() }
            guard let released = try LegalHoldStore.release(id, by: person, expectedVersion: expectedVersion, at: now,
                                                            on: db)
            else { return .stale(current: current) }
            try environment.audit(.init(trustId: trust, action: "release", resourceType: "legal_hold", resourceId: id,
                                        subjectPersonId: current.personId, changedFields: ["released_at"]),
                                  audit, at: now, on: db)
            return .updated(released)
        }
    }
}

/// A hold released already: 409.
public struct LegalHoldReleased: Error, Sendable {}
