import Domain
import Foundation
import Postgres
import Store

/// Trust priorities, improvement plan items and job description items (issue 5 §1).
public struct PlanItemService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(kind: PlanItem.Kind?, unit: UUID?, jobTitle: String?, page: PageRequest, in trust: UUID) async throws -> Page<PlanItem> {
        let rows = try await environment.pool.read(trustID: trust, PlanItemStore.listQuery(kind: kind, unit: unit, jobTitle: jobTitle, page: page),
                                                   PlanItemStore.decode)
        return makePage(rows, limit: page.limit, id: \.id)
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> PlanItem? {
        try await environment.pool.read(trustID: trust, PlanItemStore.findQuery(id), PlanItemStore.decode).first
    }

    public func create(_ input: PlanItemInput, in trust: UUID, audit: AuditContext) async throws -> PlanItem {
        try input.validate()
        let now = environment.clock.now()
        let item = PlanItem(id: environment.newID(), trustId: trust, kind: input.kind, unitId: input.unitId, jobTitle: input.jobTitle,
                            code: input.code, title: input.title, version: 1, createdAt: now, updatedAt: now)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try PlanItemStore.insert(item, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "plan_item", resourceId: item.id,
                                        changedFields: FieldNames.set(input)), audit, at: now, on: db)
            return item
        }
    }
}

extension ObjectiveLinks {
    /// Each link names a plan item of this trust that the appraisal may contribute to: a trust
    /// priority, its own unit's improvement plan, or a job description item of its role.
    static func check(_ links: [Objective.Link], facts: AppraisalFacts, on db: Connection) throws {
        guard !links.isEmpty else { return }
        let found = Dictionary(uniqueKeysWithValues: try PlanItemStore.find(links.map(\.planItemId), on: db).map { ($0.id, $0) })
        var check = Validator()
        for (index, link) in links.enumerated() {
            guard let item = found[link.planItemId] else {
                check.fail("links[\(index)].plan_item_id", "exists", "must be a plan item of this trust")
                continue
            }
            switch item.kind {
            case .trustPriority: break
            case .improvementPlanItem:
                check.check(item.unitId == facts.unitId, "links[\(index)].plan_item_id", "unit",
                            "must be an improvement plan item of the appraisal's own unit")
            case .jobDescriptionItem:
                check.check(item.jobTitle?.lowercased() == facts.jobTitle.lowercased(), "links[\(index)].plan_item_id", "role",
                            "must be a job description item of the reviewee's role (\(facts.jobTitle))")
            }
        }
        try check.result()
    }
}

enum ObjectiveLinks {}
