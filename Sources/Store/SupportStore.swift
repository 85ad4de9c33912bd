import Domain
import Foundation
import Postgres

/// Concerns (migration 0019).
public enum ConcernStore {
    static let columns = """
        id, trust_id, appraisal_id, raised_by, raised_as, raised_on, nature, seriousness, previous_support, response,
        response_notes, bypass_reason, bypass_advice, notified, relapse_of, confirmed_in_writing_on, received_on,
        employee_comment, employee_commented_at, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> Concern {
        let input = ConcernInput(
            raisedOn: try row.decode(CalendarDate.self, "raised_on"), nature: try row.decode(String.self, "nature"),
            seriousness: try row.decode(String.self, "seriousness").asEnum(Concern.Seriousness.self),
            previousSupport: try row.decode(String?.self, "previous_support"),
            response: try row.decode(String.self, "response").asEnum(Concern.Response.self),
            responseNotes: try row.decode(String?.self, "response_notes"),
            bypassReason: try row.decode(String?.self, "bypass_reason"),
            bypassAdvice: try row.decode(String?.self, "bypass_advice"))
        var concern = Concern(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            appraisalId: try row.decode(UUID.self, "appraisal_id"), input: input,
            raisedBy: try row.decode(UUID?.self, "raised_by"),
            raisedAs: try row.decode(String.self, "raised_as").asEnum(Concern.RaisedAs.self),
            notified: try SnakeCaseJSON.decode([Role].self, from: try row.decode(String.self, "notified")),
            relapseOf: try row.decode(UUID?.self, "relapse_of"), at: try row.decode(Date.self, "created_at"))
        concern.confirmedInWritingOn = try row.decode(CalendarDate?.self, "confirmed_in_writing_on")
        concern.receivedOn = try row.decode(CalendarDate?.self, "received_on")
        concern.employeeComment = try row.decode(String?.self, "employee_comment")
        concern.employeeCommentedAt = try row.decode(Date?.self, "employee_commented_at")
        concern.version = try row.decode(Int.self, "version")
        concern.updatedAt = try row.decode(Date.self, "updated_at")
        return concern
    }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Concern? {
        try db.query("SELECT \(unsafeSQL: columns) FROM concerns WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM concerns WHERE appraisal_id = \(appraisal) ORDER BY raised_on, created_at"
    }

    public static func insert(_ c: Concern, on db: Connection) throws {
        try db.query("""
            INSERT INTO concerns (trust_id, id, appraisal_id, raised_by, raised_as, raised_on, nature, seriousness,
                previous_support, response, response_notes, bypass_reason, bypass_advice, notified, relapse_of,
                version, created_at, updated_at)
            VALUES (\(c.trustId), \(c.id), \(c.appraisalId), \(c.raisedBy), \(c.raisedAs.rawValue), \(c.raisedOn),
                \(c.nature), \(c.seriousness.rawValue), \(c.previousSupport), \(c.response.rawValue),
                \(c.responseNotes), \(c.bypassReason), \(c.bypassAdvice),
                \(JSONText(try SnakeCaseJSON.encode(c.notified)))::jsonb, \(c.relapseOf), \(c.version),
                \(c.createdAt), \(c.updatedAt))
            """)
    }

    /// Saves what changes after raising: the written confirmation and the employee's comment.
    public static func update(_ c: Concern, on db: Connection) throws -> Concern? {
        try db.query("""
            UPDATE concerns SET confirmed_in_writing_on = \(c.confirmedInWritingOn), received_on = \(c.receivedOn),
                employee_comment = \(c.employeeComment), employee_commented_at = \(c.employeeCommentedAt),
                version = version + 1, updated_at = \(c.updatedAt)
            WHERE id = \(c.id) RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }

    /// The employment's plan, if any, that ended improved and whose sustain window holds `date`
    /// (003 §6.10.4), across the employment's appraisals.
    public static func sustainedPlan(employment: UUID, on date: CalendarDate, db: Connection) throws -> UUID? {
        try db.query("""
            SELECT p.id FROM support_plans p JOIN appraisals a ON a.id = p.appraisal_id
            WHERE a.employment_id = \(employment) AND p.state = 'improved' AND p.sustain_until >= \(date)
            ORDER BY p.outcome_on DESC LIMIT 1
            """).first.map { try $0.decode(UUID.self, "id") }
    }
}

/// Support plans and their kept changes (migration 0019).
public enum SupportPlanStore {
    static let columns = """
        id, trust_id, appraisal_id, concern_id, areas_of_concern, targets, support, monitored_by, monitoring,
        starts_on, planned_end_on, ends_on, review_meetings, consequences_explained_on, extension_reason, state,
        paused_since, outcome_on, sustain_until, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> SupportPlan {
        let input = SupportPlanInput(
            areasOfConcern: try row.decode(String.self, "areas_of_concern"),
            targets: try SnakeCaseJSON.decode([String].self, from: try row.decode(String.self, "targets")),
            support: try SnakeCaseJSON.decode([SupportPlan.Support].self, from: try row.decode(String.self, "support")),
            monitoredBy: try row.decode(UUID.self, "monitored_by"),
            monitoring: try row.decode(String.self, "monitoring"),
            startsOn: try row.decode(CalendarDate.self, "starts_on"), endsOn: nil, reviewMeetings: nil,
            consequencesExplainedOn: try row.decode(CalendarDate?.self, "consequences_explained_on"))
        var plan = SupportPlan(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            appraisalId: try row.decode(UUID.self, "appraisal_id"), concernId: try row.decode(UUID.self, "concern_id"),
            input: input, endsOn: try row.decode(CalendarDate.self, "ends_on"),
            reviewMeetings: try SnakeCaseJSON.decode([CalendarDate].self,
                                                     from: try row.decode(String.self, "review_meetings")),
            at: try row.decode(Date.self, "created_at"))
        plan.plannedEndOn = try row.decode(CalendarDate.self, "planned_end_on")
        plan.extensionReason = try row.decode(String?.self, "extension_reason")
        plan.state = try row.decode(String.self, "state").asEnum(SupportPlan.State.self)
        plan.pausedSince = try row.decode(CalendarDate?.self, "paused_since")
        plan.outcomeOn = try row.decode(CalendarDate?.self, "outcome_on")
        plan.sustainUntil = try row.decode(CalendarDate?.self, "sustain_until")
        plan.version = try row.decode(Int.self, "version")
        plan.updatedAt = try row.decode(Date.self, "updated_at")
        return plan
    }

    /// The plan with its changes, oldest first.
    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> SupportPlan? {
        guard var plan = try db.query("SELECT \(unsafeSQL: columns) FROM support_plans WHERE id = \(id)"
                                      + (forUpdate ? " FOR UPDATE" : "")).first.map(decode) else { return nil }
        plan.changes = try db.query(changesQuery(plans: [id])).map(decodeChange)
        return plan
    }

    public static func list(appraisal: UUID, on db: Connection) throws -> [SupportPlan] {
        let plans = try db.query("""
            SELECT \(unsafeSQL: columns) FROM support_plans WHERE appraisal_id = \(appraisal) ORDER BY starts_on, id
            """).map(decode)
        let changes = Dictionary(grouping: try db.query(changesQuery(plans: plans.map(\.id))).map {
            (try $0.decode(UUID.self, "plan_id"), try decodeChange($0))
        }, by: \.0)
        return plans.map { plan in
            var plan = plan
            plan.changes = changes[plan.id]?.map(\.1) ?? []
            return plan
        }
    }

    public static func exists(concern: UUID, on db: Connection) throws -> Bool {
        try !db.query("SELECT 1 FROM support_plans WHERE concern_id = \(concern)").isEmpty
    }

    static func changesQuery(plans: [UUID]) -> SQL {
        """
        SELECT plan_id, kind, on_date, reason, ends_on, changed_by, changed_at, occupational_health_referral_on
        FROM support_plan_changes
        WHERE plan_id = ANY (\(UUIDArray(plans))::uuid[]) ORDER BY changed_at, id
        """
    }

    static func decodeChange(_ row: Row) throws -> SupportPlan.Change {
        var change = SupportPlan.Change(kind: try row.decode(String.self, "kind").asEnum(SupportPlan.Change.Kind.self),
                           onDate: try row.decode(CalendarDate.self, "on_date"),
                           reason: try row.decode(String?.self, "reason"),
                           endsOn: try row.decode(CalendarDate.self, "ends_on"),
                           changedBy: try row.decode(UUID?.self, "changed_by"),
                           changedAt: try row.decode(Date.self, "changed_at"))
        change.occupationalHealthReferralOn = try row.decode(CalendarDate?.self, "occupational_health_referral_on")
        return change
    }

    public static func insert(_ p: SupportPlan, on db: Connection) throws {
        try db.query("""
            INSERT INTO support_plans (trust_id, id, appraisal_id, concern_id, areas_of_concern, targets, support,
                monitored_by, monitoring, starts_on, planned_end_on, ends_on, review_meetings,
                consequences_explained_on, state, version, created_at, updated_at)
            VALUES (\(p.trustId), \(p.id), \(p.appraisalId), \(p.concernId), \(p.areasOfConcern),
                \(JSONText(try SnakeCaseJSON.encode(p.targets)))::jsonb,
                \(JSONText(try SnakeCaseJSON.encode(p.support)))::jsonb, \(p.monitoredBy), \(p.monitoring),
                \(p.startsOn), \(p.plannedEndOn), \(p.endsOn),
                \(JSONText(try SnakeCaseJSON.encode(p.reviewMeetings)))::jsonb, \(p.consequencesExplainedOn),
                \(p.state.rawValue), \(p.version), \(p.createdAt), \(p.updatedAt))
            """)
    }

    /// Saves the plan's period and state, and keeps the change that made them, if one did.
    public static func update(_ p: SupportPlan, change: SupportPlan.Change?, id changeID: UUID,
                              on db: Connection) throws {
        try db.query("""
            UPDATE support_plans SET ends_on = \(p.endsOn), review_meetings =
                \(JSONText(try SnakeCaseJSON.encode(p.reviewMeetings)))::jsonb,
                consequences_explained_on = \(p.consequencesExplainedOn), extension_reason = \(p.extensionReason),
                state = \(p.state.rawValue), paused_since = \(p.pausedSince), outcome_on = \(p.outcomeOn),
                sustain_until = \(p.sustainUntil), version = version + 1, updated_at = \(p.updatedAt)
            WHERE id = \(p.id)
            """)
        if let change { try record(change, plan: p, id: changeID, on: db) }
    }

    public static func record(_ change: SupportPlan.Change, plan: SupportPlan, id: UUID, on db: Connection) throws {
        try db.query("""
            INSERT INTO support_plan_changes (trust_id, id, plan_id, kind, on_date, reason, ends_on, changed_by,
                changed_at, occupational_health_referral_on)
            VALUES (\(plan.trustId), \(id), \(plan.id), \(change.kind.rawValue), \(change.onDate), \(change.reason),
                \(change.endsOn), \(change.changedBy), \(change.changedAt), \(change.occupationalHealthReferralOn))
            """)
    }
}

/// Capability cases (migration 0020), and the suspension of their appraisal.
public enum CapabilityStore {
    static let columns = """
        id, trust_id, appraisal_id, concern_id, support_plan_id, notified_in_writing_on, meeting_on,
        right_to_be_accompanied_explained, started_by, ended_on, suspended_days, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> CapabilityCase {
        let input = CapabilityInput(
            concernId: try row.decode(UUID.self, "concern_id"),
            notifiedInWritingOn: try row.decode(CalendarDate.self, "notified_in_writing_on"),
            meetingOn: try row.decode(CalendarDate.self, "meeting_on"),
            rightToBeAccompaniedExplained: try row.decode(Bool.self, "right_to_be_accompanied_explained"))
        var found = CapabilityCase(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            appraisalId: try row.decode(UUID.self, "appraisal_id"), concernId: input.concernId,
            supportPlanId: try row.decode(UUID?.self, "support_plan_id"), input: input,
            startedBy: try row.decode(UUID?.self, "started_by"), at: try row.decode(Date.self, "created_at"))
        found.endedOn = try row.decode(CalendarDate?.self, "ended_on")
        found.suspendedDays = try row.decode(Int?.self, "suspended_days")
        found.version = try row.decode(Int.self, "version")
        found.updatedAt = try row.decode(Date.self, "updated_at")
        return found
    }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> CapabilityCase? {
        try db.query("SELECT \(unsafeSQL: columns) FROM capability_cases WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID) -> SQL {
        """
        SELECT \(unsafeSQL: columns) FROM capability_cases WHERE appraisal_id = \(appraisal)
        ORDER BY notified_in_writing_on, created_at
        """
    }

    public static func isLive(appraisal: UUID, on db: Connection) throws -> Bool {
        try !db.query("SELECT 1 FROM capability_cases WHERE appraisal_id = \(appraisal) AND ended_on IS NULL").isEmpty
    }

    /// The concern's support plan, if it has one.
    public static func plan(of concern: UUID, on db: Connection) throws -> SupportPlan? {
        try db.query("SELECT id FROM support_plans WHERE concern_id = \(concern)").first
            .flatMap { try SupportPlanStore.find(try $0.decode(UUID.self, "id"), on: db) }
    }

    /// Opens the case and suspends the appraisal; the employment is under capability, so a
    /// cycle opened meanwhile leaves it out (003 "Application", 000 §2, 004 §3).
    public static func start(_ c: CapabilityCase, employment: UUID, on db: Connection) throws {
        try db.query("""
            INSERT INTO capability_cases (trust_id, id, appraisal_id, concern_id, support_plan_id,
                notified_in_writing_on, meeting_on, right_to_be_accompanied_explained, started_by, version,
                created_at, updated_at)
            VALUES (\(c.trustId), \(c.id), \(c.appraisalId), \(c.concernId), \(c.supportPlanId),
                \(c.notifiedInWritingOn), \(c.meetingOn), \(c.rightToBeAccompaniedExplained), \(c.startedBy),
                \(c.version), \(c.createdAt), \(c.updatedAt))
            """)
        try db.query("""
            UPDATE appraisals SET state = 'suspended', version = version + 1, updated_at = \(c.createdAt)
            WHERE id = \(c.appraisalId)
            """)
        try db.query("""
            UPDATE employments SET under_capability = true, version = version + 1, updated_at = \(c.createdAt)
            WHERE id = \(employment)
            """)
    }

    /// Ends the case: the appraisal resumes with its deadlines moved, the employment is no
    /// longer under capability.
    public static func end(_ c: CapabilityCase, deadlines: [Deadline], employment: UUID, at now: Date,
                           on db: Connection) throws {
        try db.query("""
            UPDATE capability_cases SET ended_on = \(c.endedOn), suspended_days = \(c.suspendedDays),
                version = version + 1, updated_at = \(now)
            WHERE id = \(c.id)
            """)
        try db.query("""
            UPDATE appraisals SET state = 'active', deadlines = \(JSONText(try SnakeCaseJSON.encode(deadlines)))::jsonb,
                version = version + 1, updated_at = \(now)
            WHERE id = \(c.appraisalId)
            """)
        try db.query("""
            UPDATE employments SET under_capability = false, version = version + 1, updated_at = \(now)
            WHERE id = \(employment)
            """)
    }

    public static func deadlines(appraisal: UUID, on db: Connection) throws -> [Deadline] {
        let rows = try db.query("SELECT deadlines FROM appraisals WHERE id = \(appraisal)")
        guard let row = rows.first else { return [] }
        return try SnakeCaseJSON.decode([Deadline].self, from: try row.decode(String.self, "deadlines"))
    }
}
