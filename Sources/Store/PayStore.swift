import Domain
import Foundation
import Postgres

/// An employment's pay points (migration 0021): insert-only history.
public enum PayPointStore {
    static let columns = """
        id, trust_id, employment_id, pay_range, point, effective_from, source, recommendation_id, recorded_by,
        recorded_at
        """

    public static func decode(_ row: Row) throws -> PayPoint {
        PayPoint(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                 employmentId: try row.decode(UUID.self, "employment_id"),
                 payRange: try row.decode(String.self, "pay_range").asEnum(PayRange.self),
                 point: try row.decode(String.self, "point"),
                 effectiveFrom: try row.decode(CalendarDate.self, "effective_from"),
                 source: try row.decode(String.self, "source").asEnum(PayPoint.Source.self),
                 recommendationId: try row.decode(UUID?.self, "recommendation_id"),
                 recordedBy: try row.decode(UUID?.self, "recorded_by"),
                 recordedAt: try row.decode(Date.self, "recorded_at"))
    }

    public static func history(employment: UUID, on db: Connection) throws -> [PayPoint] {
        try db.query("""
            SELECT \(unsafeSQL: columns) FROM pay_points WHERE employment_id = \(employment)
            ORDER BY effective_from, recorded_at, id
            """).map(decode)
    }

    public static func insert(_ p: PayPoint, today: CalendarDate, on db: Connection) throws {
        try db.query("""
            INSERT INTO pay_points (trust_id, id, employment_id, pay_range, point, effective_from, source,
                recommendation_id, recorded_by, recorded_at)
            VALUES (\(p.trustId), \(p.id), \(p.employmentId), \(p.payRange.rawValue), \(p.point), \(p.effectiveFrom),
                \(p.source.rawValue), \(p.recommendationId), \(p.recordedBy), \(p.recordedAt))
            """)
        // The employment's own `pay_point` follows the point in effect today, for the HR
        // systems that read it there. Points recorded at the same instant (an appeal heard the
        // day of the decision) are told apart by id, time-ordered, as the history orders them.
        try db.query("""
            WITH current AS (
                SELECT point FROM pay_points WHERE employment_id = \(p.employmentId) AND effective_from <= \(today)
                 ORDER BY effective_from DESC, recorded_at DESC, id DESC LIMIT 1)
            UPDATE employments e SET pay_point = current.point, version = version + 1, updated_at = \(p.recordedAt)
              FROM current
             WHERE e.id = \(p.employmentId) AND e.pay_point IS DISTINCT FROM current.point
            """)
    }

    /// Who the employment is and where, for deciding who reads its pay.
    public static func employmentFacts(_ id: UUID,
                                       on db: Connection) throws -> (person: UUID, unit: UUID, central: Bool)? {
        try db.query("""
            SELECT e.person_id, e.unit_id, u.kind = 'central_team' AS central
            FROM employments e JOIN units u ON u.id = e.unit_id WHERE e.id = \(id)
            """).first.map {
            (try $0.decode(UUID.self, "person_id"), try $0.decode(UUID.self, "unit_id"),
             try $0.decode(Bool.self, "central"))
        }
    }
}

/// Pay recommendations and their appeals (migration 0021).
public enum PayRecommendationStore {
    static let columns = """
        id, trust_id, appraisal_id, employment_id, statement_id, outcome, current_range, current_point,
        recommended_point, honorarium_amount, reasons, recommended_by, recommended_as, recommended_on,
        approval_needed, approved_by, approved_on, referred_on, state, decided_outcome, decided_point, decided_by,
        decided_on, effective_from, decision_due_on, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> PayRecommendation {
        let input = PayRecommendationInput(
            outcome: try row.decode(String.self, "outcome").asEnum(PayRecommendation.Outcome.self),
            recommendedPoint: try row.decode(String?.self, "recommended_point"),
            honorariumAmount: try row.decode(Decimal?.self, "honorarium_amount"),
            reasons: try row.decode(String.self, "reasons"),
            recommendedOn: try row.decode(CalendarDate.self, "recommended_on"))
        var r = PayRecommendation(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            appraisalId: try row.decode(UUID.self, "appraisal_id"),
            employmentId: try row.decode(UUID.self, "employment_id"), input: input, current: nil,
            recommendedBy: try row.decode(UUID?.self, "recommended_by"),
            recommendedAs: try row.decode(String.self, "recommended_as")
                .asEnum(PayRecommendation.RecommendedAs.self),
            approvalNeeded: try row.decode(Bool.self, "approval_needed"),
            decisionDueOn: try row.decode(CalendarDate?.self, "decision_due_on"),
            at: try row.decode(Date.self, "created_at"))
        r.statementId = try row.decode(UUID?.self, "statement_id")
        r.currentRange = try row.decode(String?.self, "current_range").map { try $0.asEnum(PayRange.self) }
        r.currentPoint = try row.decode(String?.self, "current_point")
        r.approvedBy = try row.decode(UUID?.self, "approved_by")
        r.approvedOn = try row.decode(CalendarDate?.self, "approved_on")
        r.referredOn = try row.decode(CalendarDate?.self, "referred_on")
        r.state = try row.decode(String.self, "state").asEnum(PayRecommendation.State.self)
        r.decidedOutcome = try row.decode(String?.self, "decided_outcome")
            .map { try $0.asEnum(PayRecommendation.Outcome.self) }
        r.decidedPoint = try row.decode(String?.self, "decided_point")
        r.decidedBy = try row.decode(UUID?.self, "decided_by")
        r.decidedOn = try row.decode(CalendarDate?.self, "decided_on")
        r.effectiveFrom = try row.decode(CalendarDate?.self, "effective_from")
        r.version = try row.decode(Int.self, "version")
        r.updatedAt = try row.decode(Date.self, "updated_at")
        return r
    }

    /// The recommendation with its appeal, if any.
    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> PayRecommendation? {
        guard var found = try db.query("SELECT \(unsafeSQL: columns) FROM pay_recommendations WHERE id = \(id)"
                                       + (forUpdate ? " FOR UPDATE" : "")).first.map(decode) else { return nil }
        found.appeal = try PayAppealStore.find(recommendation: id, on: db)
        return found
    }

    public static func find(appraisal: UUID, on db: Connection) throws -> PayRecommendation? {
        try db.query("SELECT id FROM pay_recommendations WHERE appraisal_id = \(appraisal)").first
            .flatMap { try find(try $0.decode(UUID.self, "id"), on: db) }
    }

    public static func insert(_ r: PayRecommendation, on db: Connection) throws {
        try db.query("""
            INSERT INTO pay_recommendations (trust_id, id, appraisal_id, employment_id, statement_id, outcome,
                current_range, current_point, recommended_point, honorarium_amount, reasons, recommended_by,
                recommended_as, recommended_on, approval_needed, referred_on, state, decision_due_on, version,
                created_at, updated_at)
            VALUES (\(r.trustId), \(r.id), \(r.appraisalId), \(r.employmentId), \(r.statementId),
                \(r.outcome.rawValue), \(r.currentRange?.rawValue), \(r.currentPoint), \(r.recommendedPoint),
                \(r.honorariumAmount), \(r.reasons), \(r.recommendedBy), \(r.recommendedAs.rawValue),
                \(r.recommendedOn), \(r.approvalNeeded), \(r.referredOn), \(r.state.rawValue), \(r.decisionDueOn),
                \(r.version), \(r.createdAt), \(r.updatedAt))
            """)
    }

    /// Saves a revision, the approval, referral and decision.
    public static func update(_ r: PayRecommendation, on db: Connection) throws {
        try db.query("""
            UPDATE pay_recommendations SET outcome = \(r.outcome.rawValue), recommended_point = \(r.recommendedPoint),
                honorarium_amount = \(r.honorariumAmount), reasons = \(r.reasons), recommended_by = \(r.recommendedBy),
                recommended_as = \(r.recommendedAs.rawValue), recommended_on = \(r.recommendedOn),
                approval_needed = \(r.approvalNeeded), approved_by = \(r.approvedBy), approved_on = \(r.approvedOn),
                referred_on = \(r.referredOn), state = \(r.state.rawValue),
                decided_outcome = \(r.decidedOutcome?.rawValue), decided_point = \(r.decidedPoint),
                decided_by = \(r.decidedBy), decided_on = \(r.decidedOn), effective_from = \(r.effectiveFrom),
                version = version + 1, updated_at = \(r.updatedAt)
            WHERE id = \(r.id)
            """)
    }

    /// 001 "Links to Pay": a concern about the employment confirmed in writing, and a support
    /// plan for it, both begun on or before `date`.
    public static func hadWrittenConcernAndSupport(employment: UUID, before date: CalendarDate,
                                                   on db: Connection) throws -> Bool {
        try !db.query("""
            SELECT 1 FROM concerns c JOIN appraisals a ON a.id = c.appraisal_id
              JOIN support_plans p ON p.concern_id = c.id
            WHERE a.employment_id = \(employment) AND c.confirmed_in_writing_on <= \(date)
              AND p.starts_on <= \(date)
            LIMIT 1
            """).isEmpty
    }

    /// The appraisal's latest statement: the recommendation's evidence.
    public static func statement(appraisal: UUID, on db: Connection) throws -> UUID? {
        try db.query("""
            SELECT id FROM statements WHERE appraisal_id = \(appraisal) ORDER BY created_at DESC LIMIT 1
            """).first.map { try $0.decode(UUID.self, "id") }
    }

    /// The cycle's start and end, the anchors of the policy's pay dates.
    public static func cyclePeriod(appraisal: UUID, on db: Connection) throws -> AppraisalPeriod {
        let row = try db.query("SELECT period_start, period_end FROM appraisals WHERE id = \(appraisal)").first
        guard let row else { throw RecordMissing() }
        return AppraisalPeriod(startDate: try row.decode(CalendarDate.self, "period_start"),
                               endDate: try row.decode(CalendarDate.self, "period_end"))
    }

    /// Whether a capability case, or a support plan (004's Managing Underperformance), is live.
    public static func liveProcesses(employment: UUID, on db: Connection) throws -> (capability: Bool, plan: Bool) {
        let row = try db.query("""
            SELECT EXISTS (SELECT 1 FROM capability_cases k JOIN appraisals a ON a.id = k.appraisal_id
                            WHERE a.employment_id = \(employment) AND k.ended_on IS NULL) AS capability,
                   EXISTS (SELECT 1 FROM support_plans p JOIN appraisals a ON a.id = p.appraisal_id
                            WHERE a.employment_id = \(employment) AND p.state IN ('active', 'paused')) AS plan
            """).first
        return (try row?.decode(Bool.self, "capability") ?? false, try row?.decode(Bool.self, "plan") ?? false)
    }
}

/// A row the transaction expected to find.
public struct RecordMissing: Error, Sendable { public init() {} }

public enum PayAppealStore {
    static let columns = """
        id, trust_id, recommendation_id, appraisal_id, lodged_by, lodged_on, grounds, hearing_on, outcome,
        outcome_on, heard_by, changed_outcome, changed_point, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> PayAppeal {
        var appeal = PayAppeal(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            recommendationId: try row.decode(UUID.self, "recommendation_id"),
            appraisalId: try row.decode(UUID.self, "appraisal_id"), lodgedBy: try row.decode(UUID?.self, "lodged_by"),
            input: PayAppealInput(lodgedOn: try row.decode(CalendarDate.self, "lodged_on"),
                                  grounds: try row.decode(String.self, "grounds")),
            at: try row.decode(Date.self, "created_at"))
        appeal.hearingOn = try row.decode(CalendarDate?.self, "hearing_on")
        appeal.outcome = try row.decode(String?.self, "outcome").map { try $0.asEnum(PayAppeal.Outcome.self) }
        appeal.outcomeOn = try row.decode(CalendarDate?.self, "outcome_on")
        appeal.heardBy = try row.decode(UUID?.self, "heard_by")
        appeal.changedOutcome = try row.decode(String?.self, "changed_outcome")
            .map { try $0.asEnum(PayRecommendation.Outcome.self) }
        appeal.changedPoint = try row.decode(String?.self, "changed_point")
        appeal.version = try row.decode(Int.self, "version")
        appeal.updatedAt = try row.decode(Date.self, "updated_at")
        return appeal
    }

    public static func find(recommendation: UUID, on db: Connection) throws -> PayAppeal? {
        try db.query("SELECT \(unsafeSQL: columns) FROM pay_appeals WHERE recommendation_id = \(recommendation)")
            .first.map(decode)
    }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> PayAppeal? {
        try db.query("SELECT \(unsafeSQL: columns) FROM pay_appeals WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func insert(_ a: PayAppeal, on db: Connection) throws {
        try db.query("""
            INSERT INTO pay_appeals (trust_id, id, recommendation_id, appraisal_id, lodged_by, lodged_on, grounds,
                version, created_at, updated_at)
            VALUES (\(a.trustId), \(a.id), \(a.recommendationId), \(a.appraisalId), \(a.lodgedBy), \(a.lodgedOn),
                \(a.grounds), \(a.version), \(a.createdAt), \(a.updatedAt))
            """)
    }

    public static func update(_ a: PayAppeal, on db: Connection) throws {
        try db.query("""
            UPDATE pay_appeals SET hearing_on = \(a.hearingOn), outcome = \(a.outcome?.rawValue),
                outcome_on = \(a.outcomeOn), heard_by = \(a.heardBy), changed_outcome = \(a.changedOutcome?.rawValue),
                changed_point = \(a.changedPoint), version = version + 1, updated_at = \(a.updatedAt)
            WHERE id = \(a.id)
            """)
    }
}

/// Upper pay range applications (migration 0021).
public enum UpperPayRangeStore {
    static let columns = """
        id, trust_id, appraisal_id, employment_id, applied_by, applied_on, evidence, outcome, reasons, point,
        decided_by, decided_on, effective_from, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> UpperPayRangeApplication {
        var found = UpperPayRangeApplication(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            appraisalId: try row.decode(UUID.self, "appraisal_id"),
            employmentId: try row.decode(UUID.self, "employment_id"),
            appliedBy: try row.decode(UUID?.self, "applied_by"),
            input: UpperPayRangeApplicationInput(appliedOn: try row.decode(CalendarDate.self, "applied_on"),
                                                 evidence: try row.decode(String.self, "evidence")),
            at: try row.decode(Date.self, "created_at"))
        found.outcome = try row.decode(String?.self, "outcome")
            .map { try $0.asEnum(UpperPayRangeApplication.Outcome.self) }
        found.reasons = try row.decode(String?.self, "reasons")
        found.point = try row.decode(String?.self, "point")
        found.decidedBy = try row.decode(UUID?.self, "decided_by")
        found.decidedOn = try row.decode(CalendarDate?.self, "decided_on")
        found.effectiveFrom = try row.decode(CalendarDate?.self, "effective_from")
        found.version = try row.decode(Int.self, "version")
        found.updatedAt = try row.decode(Date.self, "updated_at")
        return found
    }

    public static func find(_ id: UUID, forUpdate: Bool = false,
                            on db: Connection) throws -> UpperPayRangeApplication? {
        try db.query("SELECT \(unsafeSQL: columns) FROM upper_pay_range_applications WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func exists(appraisal: UUID, on db: Connection) throws -> Bool {
        try !db.query("SELECT 1 FROM upper_pay_range_applications WHERE appraisal_id = \(appraisal)").isEmpty
    }

    public static func insert(_ a: UpperPayRangeApplication, on db: Connection) throws {
        try db.query("""
            INSERT INTO upper_pay_range_applications (trust_id, id, appraisal_id, employment_id, applied_by,
                applied_on, evidence, version, created_at, updated_at)
            VALUES (\(a.trustId), \(a.id), \(a.appraisalId), \(a.employmentId), \(a.appliedBy), \(a.appliedOn),
                \(a.evidence), \(a.version), \(a.createdAt), \(a.updatedAt))
            """)
    }

    public static func decide(_ a: UpperPayRangeApplication, on db: Connection) throws {
        try db.query("""
            UPDATE upper_pay_range_applications SET outcome = \(a.outcome?.rawValue), reasons = \(a.reasons),
                point = \(a.point), decided_by = \(a.decidedBy), decided_on = \(a.decidedOn),
                effective_from = \(a.effectiveFrom), version = version + 1, updated_at = \(a.updatedAt)
            WHERE id = \(a.id)
            """)
    }
}
