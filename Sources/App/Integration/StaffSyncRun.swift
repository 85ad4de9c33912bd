import Domain
import Foundation
import Postgres
import Store

/// One sync inside its transaction: the plan, then (unless a dry run or a failed
/// all-or-nothing) the writes in dependency order and their audit events.
struct SyncRun {
    let trust: UUID
    let now: Date
    let caller: Caller
    let options: StaffSync.Options
    let newID: IDGenerator
    let db: Connection
    var report = StaffSyncReport()
    var refusals: [String] = []
    var units = SyncChanges<OrganisationUnit>()
    var people = SyncChanges<Person>()
    var employments = SyncChanges<Employment>()
    var leavers: [(before: Employment, after: EmploymentInput)] = []

    var writes: Bool { report.written }

    mutating func plan(_ batch: StaffSync.Batch) throws {
        let newID = newID
        var planner = StaffSyncPlanner(
            trust: trust, units: try StaffSyncStore.all(Units.self, on: db),
            people: try StaffSyncStore.all(People.self, on: db),
            employments: try StaffSyncStore.all(Employments.self, on: db), now: now, newID: { newID() })
        units = planner.planUnits(batch.units ?? [])
        people = planner.planPeople(batch.people ?? [])
        employments = planner.planEmployments(batch.employments ?? [],
                                              unitIDs: ids(planner.units, units.created, \.externalId),
                                              personIDs: ids(planner.people, people.created, \.externalId))
        refusePayPoints()
        if options.full, let rows = batch.employments {
            if rows.contains(where: { $0.externalId == nil }) {
                report.leaversSkipped = "a row without a readable external_id: who is listed is unknown"
            } else {
                leavers = planner.leavers(listed: rows, leavingOn: options.leavingOn ?? London.date(of: now))
            }
        }
        report.results = units.results + people.results + employments.results + leavers.map { leaver in
            StaffSync.Result(kind: .employment, index: nil, externalId: leaver.before.externalId, outcome: .left,
                             id: leaver.before.id, changedFields: ["end_date"])
        }
        report.written = !options.dryRun && !(options.allOrNothing && report.count(.failed) > 0)
        addFieldNames()
    }

    /// External id → id, for what is held and what this batch creates.
    func ids<R: TenantRecord>(_ held: [String: R], _ created: [R], _ key: KeyPath<R, String?>) -> [String: UUID] {
        var ids = held.mapValues(\.id)
        for record in created { if let external = record[keyPath: key] { ids[external] = record.id } }
        return ids
    }

    /// An employment's pay point is HR's to set (issue 15 §1): a row that sets it for anyone
    /// else fails on that field, and the refusal is audited.
    mutating func refusePayPoints() {
        let refused = Set(employments.created.compactMap { e in
            Employment.writeRefusal(e.input, previous: nil, by: caller).map { _ in e.id }
        } + employments.updated.compactMap { change in
            Employment.writeRefusal(change.after, previous: change.before.input, by: caller)
                .map { _ in change.before.id }
        })
        guard !refused.isEmpty else { return }
        refusals.append("only HR records an employment's pay point")
        employments.created.removeAll { refused.contains($0.id) }
        employments.updated.removeAll { refused.contains($0.before.id) }
        for index in employments.results.indices where employments.results[index].id.map(refused.contains) == true {
            employments.results[index].outcome = .failed
            employments.results[index].errors = [FieldError(field: "pay_point", rule: "forbidden",
                                                            message: "only HR records an employment's pay point")]
        }
    }

    /// The names of the fields each created or changed record sets, as a single write's audit.
    mutating func addFieldNames() {
        var names: [UUID: [String]] = [:]
        // `AuditedFields` answers as `FieldNames` does, without JSON (Tests/APITests/FieldNamesTests).
        for u in units.created { names[u.id] = u.input.setFieldNames }
        for p in people.created { names[p.id] = p.input.setFieldNames }
        for e in employments.created { names[e.id] = e.input.setFieldNames }
        for c in units.updated { names[c.before.id] = c.before.input.changedFieldNames(to: c.after) }
        for c in people.updated { names[c.before.id] = c.before.input.changedFieldNames(to: c.after) }
        for c in employments.updated { names[c.before.id] = c.before.input.changedFieldNames(to: c.after) }
        for index in report.results.indices where report.results[index].outcome != .left {
            if let id = report.results[index].id, let fields = names[id] {
                report.results[index].changedFields = fields
            }
        }
    }
}
