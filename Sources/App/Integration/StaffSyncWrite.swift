import Domain
import Foundation
import Postgres
import Store

extension SyncRun {
    /// Writes the plan — units, then people, then new employments, then changed ones (which
    /// may name a new line manager), then leavers and their appraisals — and audits each
    /// record as a single write would be audited.
    func write(on db: Connection, appendAudit: ([(entry: AuditStore.Entry, id: UUID)]) throws -> Void) throws {
        try StaffSyncStore.insert(units.created, into: Units.self, on: db)
        try StaffSyncStore.update(units.updated.map(changed), in: Units.self, on: db)
        try StaffSyncStore.insert(people.created, into: People.self, on: db)
        try StaffSyncStore.update(people.updated.map(changed), in: People.self, on: db)
        try StaffSyncStore.insert(employments.created, into: Employments.self, on: db)
        try StaffSyncStore.update((employments.updated + leavers).map(changed), in: Employments.self, on: db)
        let withdrawn = try StaffSyncStore.withdrawAppraisals(of: leavers.map(\.before.id), at: now, on: db)
        var subjects: [UUID: UUID] = [:]
        for e in employments.created { subjects[e.id] = e.personId }
        for change in employments.updated + leavers { subjects[change.before.id] = change.before.personId }
        var entries = report.results.compactMap { entry($0, subjects: subjects) }
        for appraisal in withdrawn {
            entries.append((.init(trustId: trust, action: "withdraw", resourceType: "appraisal",
                                  resourceId: appraisal.id, subjectPersonId: appraisal.person,
                                  changedFields: ["state"]), newID()))
        }
        try appendAudit(entries)
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
