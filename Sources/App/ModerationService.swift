import Domain
import Foundation
import Postgres
import Store

/// Moderation rounds (issue 13 §3). Who may do what is decided here, for every entry point:
/// a round is opened, read and closed by a trust-wide role or the head of the unit it covers
/// (003 §5.4.1); its items are decided by its moderators, never on an appraisal they are a side
/// of; a returned item is resubmitted by the appraisal's reviewer. Moderators read the subject
/// of an item — the statement, the objectives, or the pay recommendation — and nothing else of the record, and each
/// such read is audited. Comments and text never reach an audit payload.
public struct ModerationService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// An item as its reader sees it: the subject only for a moderator.
    public struct ItemView: Sendable {
        public let item: ModerationItem
        public let round: ModerationRound
        public let statement: Statement?
        public let objectives: [Objective]?
        public var payRecommendation: PayRecommendation? = nil
    }

    public func open(_ input: ModerationRoundInput, in trust: UUID, caller: RecordCaller)
        async throws -> (ModerationRound, drawn: Int) {
        try input.validate()
        let now = environment.clock.now()
        let round = ModerationRound(id: environment.newID(), trustId: trust, input: input, openedBy: caller.person,
                                    at: now)
        return try await guarded("open_moderation_round", "moderation_round", in: trust, caller: caller) {
            [environment] db in
            guard try CycleStore.find(input.cycleId, on: db) != nil else {
                throw ValidationFailure(field: "cycle_id", rule: "exists", message: "names no cycle of this trust")
            }
            try Self.requireManager(of: round, caller, on: db)
            try Self.requirePeople(input.moderators, on: db)
            try ModerationStore.insert(round, on: db)
            let drawn = try ModerationItemStore.draw(round, at: now, on: db)
            try environment.audit(.init(trustId: trust, action: "open_moderation_round",
                                        resourceType: "moderation_round", resourceId: round.id,
                                        changedFields: FieldNames.set(input)),
                                  caller.audit, at: now, on: db)
            return (round, drawn)
        }
    }

    /// The rounds the caller manages or moderates, oldest first.
    public func list(cycle: UUID?, in trust: UUID, caller: RecordCaller) async throws -> [ModerationRound] {
        try await environment.transaction(.trust(trust)) { db in
            let headed = try Self.headedUnits(caller, on: db)
            return try ModerationStore.rounds(cycle: cycle, on: db).filter {
                Self.manages($0, caller, headed: headed) || Self.moderates($0, caller)
            }
        }
    }

    /// One round, its outcome counted now if it is still open, and its items.
    public func get(_ id: UUID, in trust: UUID,
                    caller: RecordCaller) async throws -> (ModerationRound, [ModerationItem]) {
        try await guarded("read", "moderation_round", in: trust, caller: caller) { db in
            let round = try Self.visibleRound(id, caller, on: db)
            let items = try ModerationItemStore.items(round: id, on: db)
            var counted = round
            if round.outcome == nil {
                counted.outcome = ModerationRules.outcome(items, assessments: try ModerationItemStore.assessments(
                    round: id, on: db))
            }
            return (counted, items)
        }
    }

    /// An item: to the round's managers and moderators, and to the appraisal's reviewer; its
    /// subject only to a moderator, the read audited.
    public func item(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> ItemView {
        let now = environment.clock.now()
        return try await guarded("read", "moderation_item", in: trust, caller: caller) { [environment] db in
            guard let item = try ModerationItemStore.item(id, on: db),
                  let round = try ModerationStore.round(item.roundId, on: db) else {
                throw RecordNotFound(resource: "moderation item")
            }
            let sides = try ModerationItemStore.sides(appraisal: item.appraisalId, on: db)
            try Self.requireVisible(item, round, sides: sides, caller, on: db)
            let isReviewer = caller.person.map(sides.reviewers.contains) ?? false
            guard Self.moderates(round, caller), caller.person != sides.reviewee, !isReviewer else {
                return ItemView(item: item, round: round, statement: nil, objectives: nil)
            }
            let view = try Self.subject(of: item, round, on: db)
            let resourceType = switch round.subject {
            case .statements: "statement"
            case .objectives: "objectives"
            case .payRecommendations: "pay_recommendation"
            }
            try environment.audit(.init(trustId: trust, action: "read", resourceType: resourceType,
                                        resourceId: view.statement?.id ?? view.payRecommendation?.id
                                            ?? item.appraisalId,
                                        subjectPersonId: sides.reviewee), caller.audit, at: now, on: db)
            return view
        }
    }

    /// Agree or return (a moderator), or resubmit once revised (the reviewer).
    public func transition(_ id: UUID, _ input: ModerationItemTransition, in trust: UUID,
                           caller: RecordCaller) async throws -> ModerationItem {
        try input.validate()
        let now = environment.clock.now()
        let decisionID = environment.newID()
        let verb = switch input.to {
        case .agreed: "agree"
        case .returned: "return"
        case .resubmitted: "resubmit"
        }
        let action = "\(verb)_moderation_item"
        return try await guarded(action, "moderation_item", in: trust, caller: caller) { [environment] db in
            // The round too: a decision never lands after the round's outcome was counted.
            guard let item = try ModerationItemStore.item(id, forUpdate: true, on: db),
                  let round = try ModerationStore.round(item.roundId, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "moderation item")
            }
            let sides = try ModerationItemStore.sides(appraisal: item.appraisalId, on: db)
            try Self.requireVisible(item, round, sides: sides, caller, on: db)
            let standing = ModerationRules.Standing(
                isModerator: Self.moderates(round, caller), isReviewee: caller.person == sides.reviewee,
                isReviewer: caller.person.map(sides.reviewers.contains) ?? false)
            var next: ModerationItem
            if input.to == .resubmitted {
                let digest = try ModerationItemStore.currentDigest(appraisal: item.appraisalId, subject: round.subject,
                                                                   on: db)
                next = try ModerationRules.resubmit(item, round: round, currentDigest: digest, by: standing)
            } else {
                let decided = try ModerationRules.decide(item, round: round, input, by: standing,
                                                         person: caller.person, id: decisionID, at: now)
                next = decided.0
                try ModerationItemStore.insert(decided.1, item: item, on: db)
                next.decisions.append(decided.1)
            }
            try ModerationItemStore.update(next, at: now, on: db)
            next.version += 1
            next.updatedAt = now
            try environment.audit(.init(trustId: trust, action: action, resourceType: "moderation_item",
                                        resourceId: id, subjectPersonId: sides.reviewee,
                                        changedFields: input.comment == nil ? ["state"] : ["state", "comment"]),
                                  caller.audit, at: now, on: db)
            return next
        }
    }

    /// Closes the round and fixes its outcome: the counts by reviewer and outcome.
    public func close(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> ModerationRound {
        let now = environment.clock.now()
        return try await guarded("close_moderation_round", "moderation_round", in: trust, caller: caller) {
            [environment] db in
            // Hidden from whoever neither manages nor moderates it; a moderator is refused.
            var round = try Self.visibleRound(id, caller, forUpdate: true, on: db)
            try Self.requireManager(of: round, caller, on: db)
            try ModerationRules.requireOpen(round)
            let items = try ModerationItemStore.items(round: id, on: db)
            round.outcome = ModerationRules.outcome(items, assessments: try ModerationItemStore.assessments(
                round: id, on: db))
            round.state = .closed
            round.closedAt = now
            round.closedBy = caller.person
            round.updatedAt = now
            try ModerationStore.close(round, on: db)
            round.version += 1
            try environment.audit(.init(trustId: trust, action: "close_moderation_round",
                                        resourceType: "moderation_round", resourceId: id, changedFields: ["state"]),
                                  caller.audit, at: now, on: db)
            return round
        }
    }
}
