import Domain
import Foundation
import Postgres
import Store

/// An employment's pay points and a person's protected characteristics (issue 15 §1, §6), and
/// the equality report built from them. Access is `PayDataAccess`; to anyone else the data does
/// not exist (404), and every read, write and refusal is audited.
public struct PayDataService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func history(employment: UUID, in trust: UUID, caller: RecordCaller) async throws -> PayHistory {
        let now = environment.clock.now()
        return try await guarded("read", "pay_points", employment, in: trust, caller: caller) { [environment] db in
            guard let facts = try PayPointStore.employmentFacts(employment, on: db) else { return .missing }
            let grants = try Self.grants(of: caller, on: db)
            guard PayDataAccess.readsPay(me: caller.person, grants: grants, person: facts.person, unit: facts.unit,
                                         central: facts.central) else { return .refused(facts.person) }
            let history = PayHistory(employmentId: employment,
                                     history: try PayPointStore.history(employment: employment, on: db),
                                     today: London.date(of: now))
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "pay_points",
                                        resourceId: employment, subjectPersonId: facts.person),
                                  caller.audit, at: now, on: db)
            return .done(history)
        }
    }

    public func record(_ input: PayPointInput, employment: UUID, in trust: UUID,
                       caller: RecordCaller) async throws -> PayPoint {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await guarded("record_pay_point", "pay_points", employment, in: trust, caller: caller,
                                 write: true) { [environment] db in
            guard let facts = try PayPointStore.employmentFacts(employment, on: db) else { return .missing }
            let grants = try Self.grants(of: caller, on: db)
            guard PayDataAccess.recordsPay(me: caller.person, grants: grants) else { return .refused(facts.person) }
            let point = PayPoint(id: id, trustId: trust, employmentId: employment, payRange: input.payRange,
                                 point: input.point, effectiveFrom: input.effectiveFrom, source: .recorded,
                                 recommendationId: nil, recordedBy: caller.person, recordedAt: now)
            try PayPointStore.insert(point, today: London.date(of: now), on: db)
            try environment.audit(.init(trustId: trust, action: "record_pay_point", resourceType: "pay_point",
                                        resourceId: id, subjectPersonId: facts.person,
                                        changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return .done(point)
        }
    }

    public func characteristics(person: UUID, in trust: UUID,
                                caller: RecordCaller) async throws -> ProtectedCharacteristics {
        let now = environment.clock.now()
        return try await guarded("read", "protected_characteristics", person, in: trust,
                                 caller: caller) { [environment] db in
            guard try RecordStore.peopleExist([person], on: db).contains(person) else { return .missing }
            let grants = try Self.grants(of: caller, on: db)
            guard PayDataAccess.readsCharacteristics(me: caller.person, grants: grants, person: person) else {
                return .refused(person)
            }
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "protected_characteristics",
                                        resourceId: person, subjectPersonId: person), caller.audit, at: now, on: db)
            return .done(try EqualityStore.find(person: person, on: db)
                         ?? ProtectedCharacteristics(personId: person, answers: [:], version: 0, updatedAt: now))
        }
    }

    public func answer(_ input: ProtectedCharacteristicsInput, person: UUID, in trust: UUID,
                       caller: RecordCaller) async throws -> ProtectedCharacteristics {
        try input.validate()
        let now = environment.clock.now()
        return try await guarded("record_protected_characteristics", "protected_characteristics", person,
                                 in: trust, caller: caller) { [environment] db in
            guard try RecordStore.peopleExist([person], on: db).contains(person) else { return .missing }
            let grants = try Self.grants(of: caller, on: db)
            guard PayDataAccess.readsCharacteristics(me: caller.person, grants: grants, person: person) else {
                return .refused(person)
            }
            guard let saved = try EqualityStore.save(person: person, trust: trust, input, at: now, on: db) else {
                return .missing
            }
            // Which characteristics were answered is itself special-category: the audit names none.
            try environment.audit(.init(trustId: trust, action: "record_protected_characteristics",
                                        resourceType: "protected_characteristics", resourceId: person,
                                        subjectPersonId: person), caller.audit, at: now, on: db)
            return .done(saved)
        }
    }

    /// Pay outcomes of a cycle by characteristic and by unit, suppressed (issue 15 §6).
    public func equalityReport(cycle: UUID, unit: UUID?, in trust: UUID,
                               caller: RecordCaller) async throws -> EqualityReport {
        let now = environment.clock.now()
        return try await guarded("read", "pay_equality_report", cycle, in: trust, caller: caller) { [environment] db in
            guard try CycleStore.find(cycle, on: db) != nil else { return .missing }
            let grants = try Self.grants(of: caller, on: db)
            guard PayDataAccess.readsEqualityReport(me: caller.person, grants: grants) else { return .refused(nil) }
            let entries = try EqualityStore.outcomes(cycle: cycle, unit: unit, on: db).map {
                EqualityReport.Entry(unit: $0.unitName, outcome: $0.outcome, answers: $0.answers)
            }
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "pay_equality_report",
                                        resourceId: cycle), caller.audit, at: now, on: db)
            return .done(EqualityReport(entries))
        }
    }

    /// The caller's grants: what `PayDataAccess` decides from (none for keys and the operator).
    static func grants(of caller: RecordCaller, on db: Connection) throws -> [PayDataAccess.Grant] {
        try caller.person.map { try RecordStore.grants(of: $0, on: db) } ?? []
    }

    enum Guarded<T: Sendable>: Sendable {
        case done(T)
        case missing
        /// Out of the caller's reach: answered as missing, the refusal audited.
        case refused(UUID?)
    }

    /// Runs `body`; a refusal is audited, and answered as missing — or, for a write by a
    /// caller who may see the record (HR's colleagues), as forbidden.
    private func guarded<T: Sendable>(_ action: String, _ resource: String, _ id: UUID, in trust: UUID,
                                      caller: RecordCaller, write: Bool = false,
                                      _ body: @escaping @Sendable (Connection) throws -> Guarded<T>) async throws -> T {
        let result = try await environment.transaction(.trust(trust), body)
        switch result {
        case .done(let value): return value
        case .missing: throw RecordNotFound(resource: resource.replacingOccurrences(of: "_", with: " "))
        case .refused(let subject):
            let now = environment.clock.now()
            try await environment.transaction(.trust(trust)) { [environment] db in
                try environment.audit(.init(trustId: trust, action: action, resourceType: resource, resourceId: id,
                                            subjectPersonId: subject, outcome: .denied,
                                            reason: "not among those the policy lets read or record it"),
                                      caller.audit, at: now, on: db)
            }
            let name = resource.replacingOccurrences(of: "_", with: " ")
            guard write else { throw RecordNotFound(resource: name) }
            throw RecordRefusal(decision: .refused(reason: "only HR records pay"), resource: name, personId: subject)
        }
    }
}
