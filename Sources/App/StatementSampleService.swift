import Domain
import Foundation
import Postgres
import Store

/// Anonymised statement samples for governors (issue 17 §2, 003 §1.8), for every entry point:
/// who draws, edits, releases and reads them is `StatementSampleAccess`'s decision, made here
/// once from the caller's grants. Drawing reads each sampled statement, so each is audited as
/// read about its reviewee; every other read, change and refusal is audited too — never text.
public struct StatementSampleService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Who asks: the platform's administrator (any unit), or a person, whose grants decide.
    public enum Asker: Sendable {
        case platform
        case person(UUID)
        var person: UUID? { if case .person(let id) = self { return id } else { return nil } }
    }

    public func draw(_ input: StatementSampleInput, asker: Asker, in trust: UUID,
                     audit: AuditContext) async throws -> StatementSample {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await decided(trust, audit: audit, resource: id) { [environment] db in
            var check = Validator()
            check.check(try UnitStore.find(input.unitId, on: db) != nil, "unit_id", "exists", "no such unit")
            check.check(try CycleStore.find(input.cycleId, on: db) != nil, "cycle_id", "exists", "no such cycle")
            try check.result()
            try Self.require(StatementSampleAccess.prepares(try grants(asker, db), unit: input.unitId))
            let drawn = try db.query(StatementSampleStore.drawQuery(input)).map(StatementSampleStore.decodeDrawn)
            guard !drawn.isEmpty else {
                throw ValidationFailure([FieldError(field: "cycle_id", rule: "no_statements",
                                                    message: "the cycle has no issued statement in this unit")])
            }
            var sample = StatementSample(id: id, trustId: trust, unitId: input.unitId, cycleId: input.cycleId,
                                         preparedBy: asker.person, createdAt: now, updatedAt: now)
            sample.items = drawn.enumerated().map { Self.item($1, position: $0 + 1) }
            try StatementSampleStore.insert(sample, statements: drawn.map(\.statement.id), on: db)
            for statement in drawn {
                try environment.audit(.init(trustId: trust, action: "sample", resourceType: "statement",
                                            resourceId: statement.statement.id, subjectPersonId: statement.personId),
                                      audit, at: now, on: db)
            }
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "statement_sample",
                                        resourceId: id, changedFields: StatementSampleInput.fields.sorted()),
                                  audit, at: now, on: db)
            return sample
        }
    }

    /// One statement as the sample shows it: its sections with identifiers removed.
    static func item(_ drawn: StatementSampleStore.Drawn, position: Int) -> StatementSample.Item {
        var sections: [String: String] = [:]
        for name in StatementContent.sections {
            if let text = drawn.statement.content.section(name) {
                sections[name] = Redaction.redact(text, names: drawn.names)
            }
        }
        return StatementSample.Item(position: position, staffGroup: drawn.staffGroup,
                                    objectivesMet: drawn.objectives.met,
                                    objectivesPartlyMet: drawn.objectives.partlyMet,
                                    objectivesNotMet: drawn.objectives.notMet, payOutcome: drawn.payOutcome,
                                    sections: sections)
    }

    public func get(_ id: UUID, asker: Asker, in trust: UUID, audit: AuditContext) async throws -> StatementSample {
        let now = environment.clock.now()
        return try await decided(trust, audit: audit, resource: id) { [environment] db in
            guard let sample = try StatementSampleStore.find(id, on: db) else {
                throw RecordNotFound(resource: "statement sample")
            }
            try Self.require(StatementSampleAccess.reads(try grants(asker, db), unit: sample.unitId,
                                                         state: sample.state))
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "statement_sample",
                                        resourceId: id), audit, at: now, on: db)
            return sample
        }
    }

    /// The samples the caller reads: every one of the units they head, the released ones of
    /// the units they govern; a caller with neither is refused.
    public func list(unit: UUID?, page: PageRequest, asker: Asker, in trust: UUID,
                     audit: AuditContext) async throws -> Page<StatementSample> {
        let now = environment.clock.now()
        return try await decided(trust, audit: audit, resource: nil) { [environment] db in
            var units: [UUID]?
            var releasedOnly: [UUID] = []
            if case .person = asker {
                let grants = try grants(asker, db)
                let all = Set(grants.compactMap(\.unit))
                let headed = all.filter { StatementSampleAccess.reads(grants, unit: $0, state: .draft) == .allow }
                let governed = all.filter {
                    !headed.contains($0) && StatementSampleAccess.reads(grants, unit: $0, state: .released) == .allow
                }
                guard !headed.isEmpty || !governed.isEmpty else {
                    throw Self.refusal(.refused(reason: "statement samples are read by a unit's headteacher and governors"))
                }
                units = Array(headed.union(governed))
                releasedOnly = Array(governed)
            }
            let rows = try db.query(StatementSampleStore.listQuery(units: units, unit: unit,
                                                                   releasedOnlyIn: releasedOnly, page: page))
                .map(StatementSampleStore.decode)
            try environment.audit(.init(trustId: trust, action: "list", resourceType: "statement_sample",
                                        resourceId: unit), audit, at: now, on: db)
            return makePage(rows, limit: page.limit, id: \.id)
        }
    }

    /// The head's edit of a draft's texts; each named section must be one the item has.
    public func edit(_ id: UUID, _ edit: StatementSampleEdit, expectedVersion: Int, asker: Asker, in trust: UUID,
                     audit: AuditContext) async throws -> VersionedUpdate<StatementSample> {
        try await change(id, expectedVersion: expectedVersion, action: "update", asker: asker, in: trust,
                         audit: audit) { sample, now, db in
            var check = Validator()
            for (index, (position, sections)) in edit.sections.sorted(by: { $0.key < $1.key }).enumerated() {
                guard let item = sample.items.first(where: { $0.position == position }) else {
                    check.fail("items[\(index)].position", "exists", "no such item in the sample")
                    continue
                }
                for (name, text) in sections {
                    let field = "items[\(index)].sections.\(name)"
                    check.check(item.sections[name] != nil, field, "exists", "the statement has no such section")
                    check.text(text, field, max: 10_000, allowBlank: true)
                }
            }
            try check.result()
            return try StatementSampleStore.edit(id, edit, expectedVersion: expectedVersion, at: now, on: db)
        }
    }

    /// Released once the head confirms the redaction (the route checks the confirmation).
    public func release(_ id: UUID, expectedVersion: Int, asker: Asker, in trust: UUID,
                        audit: AuditContext) async throws -> VersionedUpdate<StatementSample> {
        try await change(id, expectedVersion: expectedVersion, action: "release", asker: asker, in: trust,
                         audit: audit) { _, now, db in
            try StatementSampleStore.release(id, by: asker.person, expectedVersion: expectedVersion, at: now, on: db)
        }
    }

    private func change(_ id: UUID, expectedVersion: Int, action: String, asker: Asker, in trust: UUID,
                        audit: AuditContext,
                        _ body: @escaping @Sendable (StatementSample, Date, Connection) throws -> Bool)
        async throws -> VersionedUpdate<StatementSample> {
        let now = environment.clock.now()
        return try await decided(trust, audit: audit, resource: id) { [environment] db in
            guard let current = try StatementSampleStore.find(id, on: db) else { return .notFound }
            try Self.require(StatementSampleAccess.prepares(try grants(asker, db), unit: current.unitId))
            guard current.state == .draft else { throw StatementSampleReleased() }
            guard try body(current, now, db), let changed = try StatementSampleStore.find(id, on: db) else {
                return .stale(current: current)
            }
            try environment.audit(.init(trustId: trust, action: action, resourceType: "statement_sample",
                                        resourceId: id, changedFields: action == "release" ? ["state"] : ["items"]),
                                  audit, at: now, on: db)
            return .updated(changed)
        }
    }

    /// Runs `body` in the trust; a refusal it throws is audited in a transaction of its own
    /// (the body's is rolled back) and answered as forbidden, or as not found when hidden.
    private func decided<T: Sendable>(_ trust: UUID, audit: AuditContext, resource: UUID?,
                                      _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        do {
            return try await environment.transaction(.trust(trust), body)
        } catch let refused as RecordRefusal {
            let now = environment.clock.now()
            try await environment.transaction(.trust(trust)) { [environment] db in
                try environment.audit(.init(trustId: trust, action: "access", resourceType: "statement_sample",
                                            resourceId: resource, outcome: .denied, reason: refused.reason),
                                      audit, at: now, on: db)
            }
            throw refused
        }
    }

    static func require(_ decision: StatementSampleAccess.Decision) throws {
        switch decision {
        case .allow: return
        case .hidden: throw refusal(.hidden(reason: "a draft sample is not shown to governors until released"))
        case .refused(let reason): throw refusal(.refused(reason: reason))
        }
    }

    static func refusal(_ decision: RecordAccessDecision) -> RecordRefusal {
        RecordRefusal(decision: decision, resource: "statement sample", personId: nil)
    }
}

private func grants(_ asker: StatementSampleService.Asker, _ db: Connection) throws -> [(role: String, unit: UUID?)] {
    switch asker {
    case .platform: return [("headteacher", nil)] // the break-glass administrator acts as any unit's head
    case .person(let me): return try RecordStore.grants(of: me, on: db)
    }
}

/// A released sample is final: 409.
public struct StatementSampleReleased: Error, Sendable {}
