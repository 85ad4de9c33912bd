import Domain
import Foundation
import Postgres
import Store

/// A trust's policy: read, replaced by a new version (never edited), resolved for one employment.
public struct PolicyService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public enum PutResult: Sendable {
        case created(PolicyVersion)
        /// A policy exists and `If-Match` was missing (428) or stale (412).
        case preconditionRequired, stale
    }

    public func current(in trust: UUID) async throws -> PolicyVersion? {
        try await environment.pool.read(trustID: trust, PolicyStore.currentQuery(), PolicyStore.decode).first
    }

    public func version(_ number: Int, in trust: UUID) async throws -> PolicyVersion? {
        try await environment.pool.read(trustID: trust, PolicyStore.versionQuery(number), PolicyStore.decode).first
    }

    public func versions(before: Int?, limit: Int, in trust: UUID) async throws -> (items: [PolicyVersion], next: Int?) {
        let rows = try await environment.pool.read(trustID: trust, PolicyStore.listQuery(before: before, limit: limit), PolicyStore.decode)
        let items = Array(rows.prefix(limit))
        return (items, rows.count > limit ? items.last?.version : nil)
    }

    /// Adds the next version. `expectedVersion` must name the current one when there is one.
    public func put(_ input: PolicyInput, expectedVersion: Int?, in trust: UUID, audit: AuditContext) async throws -> PutResult {
        let document = try input.resolvedDocument()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try PolicyStore.lock(trust: trust, on: db)
            let current = try PolicyStore.current(on: db)
            if let current {
                guard let expectedVersion else { return .preconditionRequired }
                guard expectedVersion == current.version else { return .stale }
            }
            let policy = PolicyVersion(id: id, trustId: trust, version: (current?.version ?? 0) + 1, presetId: input.presetId,
                                       document: document, createdAt: now)
            try PolicyStore.insert(policy, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "policy_version", resourceId: id,
                                        changedFields: input.presetId != nil ? ["preset_id"] : ["document"]), audit, at: now, on: db)
            return .created(policy)
        }
    }
}

/// A unit's school calendar, one academic year at a time.
public struct SchoolYearService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public enum Found: Sendable {
        case set(SchoolYearStore.Stored)
        /// No dates set: the standard default (`SchoolYear.standard`).
        case standard(SchoolYear)
        case unitNotFound
    }

    public func get(unit: UUID, year: Int, in trust: UUID) async throws -> Found {
        let results = try await environment.pool.read(trustID: trust, [UnitStore.findQuery(unit), SchoolYearStore.findQuery(unit: unit, year: year)])
        guard !results[0].isEmpty else { return .unitNotFound }
        if let row = results[1].first { return .set(try SchoolYearStore.decode(row)) }
        return .standard(.standard(year))
    }

    public enum PutResult: Sendable {
        case saved(SchoolYearStore.Stored, created: Bool)
        case unitNotFound, preconditionRequired, stale
    }

    public func put(_ input: SchoolYearInput, unit: UUID, year: Int, expectedVersion: Int?, in trust: UUID,
                    audit: AuditContext) async throws -> PutResult {
        try input.validate()
        let schoolYear = input.schoolYear(year)
        try schoolYear.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard try UnitStore.find(unit, on: db) != nil else { return .unitNotFound }
            let existing = try db.query(SchoolYearStore.findQuery(unit: unit, year: year)).first.map(SchoolYearStore.decode)
            if existing != nil && expectedVersion == nil { return .preconditionRequired }
            guard let saved = try SchoolYearStore.put(schoolYear, unit: unit, trust: trust, id: id,
                                                      expectedVersion: existing == nil ? nil : expectedVersion, at: now, on: db) else {
                return .stale
            }
            try environment.audit(.init(trustId: trust, action: existing == nil ? "create" : "update", resourceType: "school_year",
                                        resourceId: unit, changedFields: ["terms", "closures"]), audit, at: now, on: db)
            return .saved(saved, created: existing == nil)
        }
    }
}
