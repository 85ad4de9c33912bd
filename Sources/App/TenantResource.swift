import Domain
import Foundation
import Postgres
import Store

/// Use cases shared by every tenant resource (units, people, employments): validate, then
/// persist in one transaction scoped to the trust; reads in one round trip.
public struct ResourceService<S: TenantStore>: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: S.Record.Input, in trust: UUID, audit: AuditContext,
                       caller: Caller? = nil) async throws -> S.Record {
        try input.validate()
        if let reason = S.Record.writeRefusal(input, previous: nil, by: caller) {
            try await refuse(reason, action: "create", in: trust, audit: audit)
        }
        let now = environment.clock.now()
        let record = S.Record(id: environment.newID(), trustId: trust, input: input, version: 1, createdAt: now, updatedAt: now)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try S.insert(record, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: S.resourceName, resourceId: record.id,
                                        subjectPersonId: record.subjectPersonId, changedFields: FieldNames.set(input)),
                                  audit, at: now, on: db)
            return record
        }
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> S.Record? {
        try await environment.pool.read(trustID: trust, S.findQuery(id), S.decode).first
    }

    public func list(_ filter: S.Filter, page: PageRequest, in trust: UUID) async throws -> Page<S.Record> {
        let records = try await environment.pool.read(trustID: trust, S.listQuery(filter, page: page), S.decode)
        return makePage(records, limit: page.limit, id: \.id)
    }

    /// `change` receives the current input and returns the new one (a merge patch applied by
    /// the HTTP layer); it runs inside the transaction, against the row it will update.
    public func update(_ id: UUID, in trust: UUID, expectedVersion: Int, audit: AuditContext, caller: Caller? = nil,
                       change: @escaping @Sendable (S.Record.Input) throws -> S.Record.Input) async throws -> VersionedUpdate<S.Record> {
        let now = environment.clock.now()
        do {
            return try await update(id, in: trust, expectedVersion: expectedVersion, audit: audit, caller: caller,
                                    at: now, change: change)
        } catch let refused as WriteRefused {
            try await refuse(refused.reason, action: "update", in: trust, audit: audit)
        }
    }

    private func update(_ id: UUID, in trust: UUID, expectedVersion: Int, audit: AuditContext, caller: Caller?,
                        at now: Date, change: @escaping @Sendable (S.Record.Input) throws -> S.Record.Input)
        async throws -> VersionedUpdate<S.Record> {
        try await environment.transaction(.trust(trust)) { [environment] db in
            guard let current = try S.find(id, on: db) else { return .notFound }
            // Invalid input is reported before a stale version: the client must fix it either way.
            let input = try change(current.input)
            try input.validate()
            if let reason = S.Record.writeRefusal(input, previous: current.input, by: caller) {
                throw WriteRefused(reason: reason)
            }
            guard current.version == expectedVersion else { return .stale(current: current) }
            let result = try S.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
            if case .updated(let record) = result {
                try environment.audit(.init(trustId: trust, action: "update", resourceType: S.resourceName, resourceId: id,
                                            subjectPersonId: record.subjectPersonId,
                                            changedFields: FieldNames.changed(from: current.input, to: input)),
                                      audit, at: now, on: db)
            }
            return result
        }
    }

    public func delete(_ id: UUID, in trust: UUID, expectedVersion: Int, audit: AuditContext) async throws -> VersionedDelete {
        let now = environment.clock.now()
        do {
            return try await environment.transaction(.trust(trust)) { [environment] db in
                guard let current = try S.find(id, on: db) else { return .notFound }
                let result = try S.delete(id, expectedVersion: expectedVersion, on: db)
                if result == .deleted {
                    try environment.audit(.init(trustId: trust, action: "delete", resourceType: S.resourceName, resourceId: id,
                                                subjectPersonId: current.subjectPersonId), audit, at: now, on: db)
                }
                return result
            }
        } catch let error as PostgresError where error.sqlState == PostgresError.foreignKeyViolation {
            throw StillReferenced(resource: S.resourceName)
        }
    }
}

/// A field the caller may not write (`TenantRecord.writeRefusal`): 403, audited.
public struct WriteRefused: Error, Sendable { public let reason: String }

extension ResourceService {
    /// Audits the refusal and throws it.
    func refuse(_ reason: String, action: String, in trust: UUID, audit: AuditContext) async throws -> Never {
        try await AuditLogService(environment).recordDenial(in: trust, action: action, resourceType: S.resourceName,
                                                            reason: reason, audit: audit)
        throw WriteRefused(reason: reason)
    }

    /// Whether this kind of record is read by relationship (people, employments).
    public static var readsByRelationship: Bool { S.relationshipsQuery(record: UUID(), me: UUID()) != nil }

    /// Whether the caller may read this staff record — decided here, once, for every entry
    /// point (issue 11 §1). A caller whose role covers every staff record reads it; a user
    /// without one (`person`) reads by how they stand to the record's person (issue 3 §3).
    public func mayRead(_ id: UUID, in trust: UUID, caller: Caller, person: UUID?) async throws -> Decision {
        guard let person, Authorization.decide(caller, .staffRead) != .allow else { return .allow }
        return Authorization.decide(caller, readingStaffRecordWith: try await relationships(to: id, me: person,
                in: trust))
    }

    /// One record as the caller may read it; nil when missing or out of reach, which the API
    /// answers alike (404) — a refusal is audited, a missing record is not.
    public func read(_ id: UUID, in trust: UUID, caller: Caller, person: UUID?,
                     audit: AuditContext) async throws -> S.Record? {
        guard let record = try await get(id, in: trust) else { return nil }
        if case .deny(let reason) = try await mayRead(id, in: trust, caller: caller, person: person) {
            try await AuditLogService(environment).recordDenial(in: trust, action: "read", resourceType: S.resourceName,
                                                                reason: reason, audit: audit)
            return nil
        }
        return record
    }

    /// How `me` stands to the record's person (issue 3 §3).
    public func relationships(to record: UUID, me: UUID, in trust: UUID) async throws -> Set<Relationship> {
        guard let query = S.relationshipsQuery(record: record, me: me) else { return [] }
        return try await environment.pool.read(trustID: trust, query, EmploymentStore.decodeRelationships).first ?? []
    }
}
