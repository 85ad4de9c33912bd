import Domain
import Foundation
import Postgres
import Store

/// Who stands where to a round, decided from the caller's grants and the round itself.
extension ModerationService {
    /// Runs `body` in one transaction of the trust; a refusal — by these checks or by a rule
    /// (`NotAParticipant`) — is audited in its own transaction and thrown as `RecordRefusal`.
    func guarded<T: Sendable>(_ action: String, _ resourceType: String, in trust: UUID, caller: RecordCaller,
                              _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        do {
            do {
                return try await environment.transaction(.trust(trust), body)
            } catch let rule as NotAParticipant {
                throw RecordRefusal(decision: .refused(reason: rule.message), resource: resourceType, personId: nil)
            }
        } catch let refusal as RecordRefusal {
            try await AuditLogService(environment).recordDenial(in: trust, action: action, resourceType: resourceType,
                                                                reason: refusal.reason, audit: caller.audit)
            throw refusal
        }
    }

    /// A trust-wide role (HR, the CEO, …) manages every round; a head, the rounds of their unit.
    static func manages(_ round: ModerationRound, _ caller: RecordCaller, headed: [UUID]) -> Bool {
        caller.readsEveryStatus || round.unitId.map(headed.contains) ?? false
    }

    static func moderates(_ round: ModerationRound, _ caller: RecordCaller) -> Bool {
        caller.person.map(round.moderators.contains) ?? false
    }

    static func headedUnits(_ caller: RecordCaller, on db: Connection) throws -> [UUID] {
        guard let person = caller.person else { return [] }
        return try db.query(CycleStore.headedUnitsQuery(person)).map { try $0.decode(UUID.self, "unit_id") }
    }

    static func requireManager(of round: ModerationRound, _ caller: RecordCaller, on db: Connection) throws {
        guard manages(round, caller, headed: try headedUnits(caller, on: db)) else {
            // 003 §5.4.1: the head ensures moderation in their school; the trust moderates across.
            throw RecordRefusal(decision: .refused(reason: "needs a trust-wide role, or to head the unit moderated"),
                                resource: "moderation round", personId: nil)
        }
    }

    static func visibleRound(_ id: UUID, _ caller: RecordCaller, forUpdate: Bool = false,
                             on db: Connection) throws -> ModerationRound {
        guard let round = try ModerationStore.round(id, forUpdate: forUpdate, on: db) else {
            throw RecordNotFound(resource: "moderation round")
        }
        guard manages(round, caller, headed: try headedUnits(caller, on: db)) || moderates(round, caller) else {
            throw RecordRefusal(decision: .hidden(reason: "neither manages nor moderates the round"),
                                resource: "moderation round", personId: nil)
        }
        return round
    }

    /// An item is shown to the round's managers and moderators and to the appraisal's
    /// reviewer; to anyone else it does not exist.
    static func requireVisible(_ item: ModerationItem, _ round: ModerationRound,
                               sides: (reviewee: UUID?, reviewers: [UUID]), _ caller: RecordCaller,
                               on db: Connection) throws {
        let isReviewer = caller.person.map(sides.reviewers.contains) ?? false
        guard manages(round, caller, headed: try headedUnits(caller, on: db)) || moderates(round, caller)
                || isReviewer else {
            throw RecordRefusal(decision: .hidden(reason: "neither manages nor moderates the round"),
                                resource: "moderation item", personId: sides.reviewee)
        }
    }

    static func requirePeople(_ people: [UUID], on db: Connection) throws {
        let found = try ModerationItemStore.peopleFound(people, on: db)
        guard found == people.count else {
            throw ValidationFailure(field: "moderators", rule: "exists", message: "names people of this trust")
        }
    }

    /// What moderation needs of the record, and nothing more: the current statement, the
    /// objectives standing, or the pay recommendation.
    static func subject(of item: ModerationItem, _ round: ModerationRound, on db: Connection) throws -> ItemView {
        switch round.subject {
        case .statements:
            let statement = try StatementStore.latest(appraisal: item.appraisalId, on: db)
            return ItemView(item: item, round: round, statement: statement, objectives: nil)
        case .objectives:
            let objectives = try ObjectiveStore.live(appraisal: item.appraisalId, on: db)
            return ItemView(item: item, round: round, statement: nil, objectives: objectives)
        case .payRecommendations:
            // 003 §1.8: shared with the senior leadership team for moderation, as the pay policy says.
            let recommendation = try PayRecommendationStore.find(appraisal: item.appraisalId, on: db)
            return ItemView(item: item, round: round, statement: nil, objectives: nil,
                            payRecommendation: recommendation)
        }
    }
}
