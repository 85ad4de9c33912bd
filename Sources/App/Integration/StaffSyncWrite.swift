import Domain
import Foundation
import Postgres
import Store

extension SyncRun {
    /// Writes the plan — units, then people, then new employments, then changed ones (which
    /// may name a new line manager), then leavers and their appraisals — and audits each
    /// record as a single write would be audited. The records' statements run while their
    /// audit events are chained and encoded (`Writes.run`): a sync of 10,000 staff spends
    /// about as long on each.
    func write(on db: Connection, audit: inout AuditBatch) throws {
        var writes = StaffSyncStore.Writes()
        try writes.insert(units.created, into: Units.self, on: db)
        try writes.update(units.updated.map(changed), in: Units.self, on: db)
        try writes.insert(people.created, into: People.self, on: db)
        try writes.update(people.updated.map(changed), in: People.self, on: db)
        try writes.insert(employments.created, into: Employments.self, on: db)
        try writes.update((employments.updated + leavers).map(changed), in: Employments.self, on: db)
        writes.withdrawAppraisals(of: leavers.map(\.before.id), at: now)
        var subjects: [UUID: UUID] = [:]
        for e in employments.created { subjects[e.id] = e.personId }
        for change in employments.updated + leavers { subjects[change.before.id] = change.before.personId }
        let withdrawn = try writes.run(on: db) {
            audit.add(report.results.compactMap { entry($0, subjects: subjects) })
        }.withdrawn
        audit.add(withdrawn.map { appraisal in
            (.init(trustId: trust, action: "withdraw", resourceType: "appraisal", resourceId: appraisal.id,
                   subjectPersonId: appraisal.person, changedFields: ["state"]), newID())
        })
        try audit.write(on: db)
    }

    /// The record a change writes: the next version of the one held.
    func changed<R: TenantRecord>(_ change: (before: R, after: R.Input)) -> R {
        R(id: change.before.id, trustId: trust, input: change.after, version: change.before.version + 1,
          createdAt: change.before.createdAt, updatedAt: now)
    }

    /// `subjects`: each written employment's person, the audit's data subject.
    func entry(_ result: StaffSync.Result, subjects: [UUID: UUID]) -> (entry: AuditStore.Entry, id: UUID)? {
        let action: String
        switch result.outcome {
        case .created: action = "create"
        case .updated, .left: action = "update"
        case .unchanged, .failed: return nil
        }
        guard let id = result.id else { return nil }
        let resource = result.kind == .unit ? Units.resourceName
            : result.kind == .person ? People.resourceName : Employments.resourceName
        return (.init(trustId: trust, action: action, resourceType: resource, resourceId: id,
                      subjectPersonId: result.kind == .unit ? nil : subjects[id] ?? id,
                      changedFields: result.changedFields), newID())
    }
}
