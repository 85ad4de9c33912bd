import Domain
import Foundation
import Postgres
import Store

/// Development and CPD in an appraisal (issue 5 §2; 000 Appendix A, 004 §9): the two sides
/// of the review agree the need and its delivery, and record completion and impact.
public struct DevelopmentService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public enum Change: Sendable { case done(DevelopmentActivity), stale }

    public func list(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [DevelopmentActivity] {
        try await environment.readRecord(.appraisal(appraisal), as: "development", in: trust, caller: caller) {
            try $0.query(DevelopmentStore.listQuery(appraisal: appraisal)).map(DevelopmentStore.decode)
        }
    }

    public func create(_ input: DevelopmentInput, appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> DevelopmentActivity {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.write], action: "create", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            try Self.checkObjective(input.objectiveId, appraisal: appraisal, on: db)
            let activity = DevelopmentActivity(id: id, trustId: trust, appraisalId: appraisal, input: input, version: 1, createdAt: now, updatedAt: now)
            try DevelopmentStore.insert(activity, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "development", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return activity
        }
    }

    public func update(_ id: UUID, expectedVersion: Int, in trust: UUID, caller: RecordCaller,
                       _ patch: @escaping @Sendable (DevelopmentInput) throws -> DevelopmentInput) async throws -> Change {
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.development, id), [.write], action: "update", in: trust,
                                              caller: caller) { [environment] context, db in
            guard let current = try DevelopmentStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "development activity")
            }
            let input = try patch(current.input)
            try input.validate()
            try Self.checkObjective(input.objectiveId, appraisal: current.appraisalId, on: db)
            guard current.version == expectedVersion else { return .stale }
            guard let updated = try DevelopmentStore.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db) else { return .stale }
            try environment.audit(.init(trustId: trust, action: "update", resourceType: "development", resourceId: id,
                                        subjectPersonId: context.facts.personId,
                                        changedFields: FieldNames.changed(from: current.input, to: input)), caller.audit, at: now, on: db)
            return .done(updated)
        }
    }

    /// A linked objective must be one of this appraisal's.
    static func checkObjective(_ objective: UUID?, appraisal: UUID, on db: Connection) throws {
        guard let objective else { return }
        if try !ObjectiveStore.exists(objective, appraisal: appraisal, on: db) {
            throw ValidationFailure(field: "objective_id", rule: "exists", message: "must be an objective of this appraisal")
        }
    }
}
