import Domain
import Foundation
import Postgres
import Synchronization

/// The caller's relationship to one appraisal, and the appraisal's facts, in one query
/// (issue 11 §1): who the record is about, the policy it runs under, the current reviewers,
/// whether the caller reads its record or its status, appoints its reviewer, observes the
/// item asked for, and the caller's grants (for `Participation`).
public enum RecordAccessStore {
    /// The table each kind of record item lives in.
    public static func table(_ kind: RecordItemKind) -> String {
        switch kind {
        case .objective: return "objectives"
        case .observation: return "observations"
        case .conversation: return "conversations"
        case .meeting: return "meetings"
        case .evidence: return "evidence"
        case .development: return "development_activities"
        case .statement: return "statements"
        case .interimReview: return "interim_reviews"
        case .concern: return "concerns"
        case .supportPlan: return "support_plans"
        case .capabilityCase: return "capability_cases"
        case .payRecommendation: return "pay_recommendations"
        case .payAppeal: return "pay_appeals"
        case .upperPayRangeApplication: return "upper_pay_range_applications"
        }
    }

    public struct Loaded: Sendable {
        public let facts: AppraisalFacts
        public let relationship: RecordRelationship
    }

    /// The appraisal the target names (the item's own, for an item), locked when `lock`.
    ///
    /// Its text depends only on the target's kind, whether there is a person and the lock, so
    /// it is built once per such shape, with stand-in ids, and bound per request (building it
    /// was a sixth of the server's CPU on an audited read).
    public static func query(_ target: RecordTarget, person: UUID?, lock: Bool) -> SQL {
        let shape = Shape(kind: target.itemKind, person: person != nil, lock: lock)
        let template = templates.withLock { $0[shape] } ?? {
            let built = build(shape)
            templates.withLock { $0[shape] = built }
            return built
        }()
        var values = [standIn.postgresText: target.id.postgresText]
        if let person { values[personStandIn.postgresText] = person.postgresText }
        return template.rebinding(values)
    }

    struct Shape: Hashable {
        let kind: RecordItemKind?
        let person: Bool
        let lock: Bool

        /// The shape's target and person, as stand-ins.
        var target: RecordTarget { kind.map { .item($0, standIn) } ?? .appraisal(standIn) }
        var me: UUID? { person ? personStandIn : nil }
    }

    private static let templates = Mutex<[Shape: SQL]>([:])
    /// Ids no record has (they are version 0; ours are 4 or 7), standing in for the target and
    /// the person while a shape's text is built.
    static let standIn = UUID(uuidString: "00000000-0000-0000-0000-0000000a11ce")!
    static let personStandIn = UUID(uuidString: "00000000-0000-0000-0000-00000000b0b0")!

    static func build(_ shape: Shape) -> SQL {
        let target = shape.target, person = shape.me, lock = shape.lock
        var sql: SQL = "SELECT \(unsafeSQL: RecordStore.factsColumns)"
        if let me = person {
            sql.append(", " + AppraisalVisibility.recordVisible(to: me) + " AS reads_record")
            sql.append(", " + AppraisalVisibility.appointerOrHead(me) + " AS appoints")
            sql.append(", " + observes(target, me) + " AS observes_item")
            sql.append(", " + manages(target, me) + " AS manages_item")
            // 000 §8.1 "other relevant manager": the employment's line manager.
            sql.append(", EXISTS (SELECT 1 FROM employments lm WHERE lm.id = e.line_manager_id")
            sql.append(" AND lm.person_id = \(me)) AS line_manages")
            sql.append(", (SELECT coalesce(jsonb_agg(jsonb_build_array(g.role, g.unit_id)), '[]')")
            sql.append(" FROM grants g WHERE g.person_id = \(me)) AS grants")
        }
        sql.append(" FROM appraisals a JOIN employments e ON e.id = a.employment_id")
        sql.append(" JOIN cycles c ON c.id = a.cycle_id WHERE a.id = ")
        switch target {
        case .appraisal(let id): sql.append("\(id)")
        case .item(let kind, let id):
            sql.append("(SELECT appraisal_id FROM \(unsafeSQL: table(kind)) WHERE id = \(id))")
        }
        if lock { sql.append(" FOR UPDATE OF a") }
        // A dozen relationships cost PostgreSQL 5 ms to plan for each caller's ids and 0.5 ms
        // to run; the one generic plan runs as fast (issue 12).
        return sql.plannedOnce()
    }

    static func observes(_ target: RecordTarget, _ me: UUID) -> SQL {
        guard case .item(.observation, let id) = target else { return "false" }
        return "EXISTS (SELECT 1 FROM observations WHERE id = \(id) AND observer_id = \(me))"
    }

    /// Whether `me` raised the concern asked for, raised the concern of or monitors the support
    /// plan asked for, or started the capability case asked for (issue 14 §5: "the person
    /// managing the plan").
    static func manages(_ target: RecordTarget, _ me: UUID) -> SQL {
        switch target {
        case .item(.concern, let id):
            return """
                (EXISTS (SELECT 1 FROM concerns WHERE id = \(id) AND raised_by = \(me))
                 OR EXISTS (SELECT 1 FROM support_plans WHERE concern_id = \(id) AND monitored_by = \(me)))
                """
        case .item(.supportPlan, let id):
            return """
                EXISTS (SELECT 1 FROM support_plans p JOIN concerns c ON c.id = p.concern_id
                        WHERE p.id = \(id) AND (p.monitored_by = \(me) OR c.raised_by = \(me)))
                """
        case .item(.capabilityCase, let id):
            return "EXISTS (SELECT 1 FROM capability_cases WHERE id = \(id) AND started_by = \(me))"
        default: return "false"
        }
    }

    public static func load(_ target: RecordTarget, person: UUID?, lock: Bool, on db: Connection) throws -> Loaded? {
        guard let row = try db.query(query(target, person: person, lock: lock)).first else { return nil }
        let facts = try RecordStore.decodeFacts(row)
        guard let me = person else { return Loaded(facts: facts, relationship: .notAPerson) }
        let pairs = try SnakeCaseJSON.decode([[String?]].self, from: try row.decode(String.self, "grants"))
        let grants = pairs.map { pair -> (role: String, unit: UUID?) in
            (role: pair.first.flatMap { $0 } ?? "", unit: pair.last.flatMap { $0 }.flatMap { UUID(uuidString: $0) })
        }
        let readsRecord = try row.decode(Bool.self, "reads_record")
        let appoints = try row.decode(Bool.self, "appoints")
        var participation = RecordStore.participation(of: me, grants: grants, in: facts)
        participation.isLineManager = try row.decode(Bool.self, "line_manages")
        let relationship = RecordRelationship(
            participation: participation, readsRecord: readsRecord, readsStatus: readsRecord || appoints,
            isAppointer: appoints, observesItem: try row.decode(Bool.self, "observes_item"),
            managesItem: try row.decode(Bool.self, "manages_item"))
        return Loaded(facts: facts, relationship: relationship)
    }
}
