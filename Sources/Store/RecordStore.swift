import Domain
import Foundation
import Postgres

/// What every change to an appraisal's record needs to know about the appraisal: whose it
/// is, its unit and working pattern (for the calendar), the policy it runs under, the current
/// reviewers. Loaded with the appraisal row locked, so changes to one record are serialised
/// (two proposals cannot both be the policy's last allowed objective).
public struct AppraisalFacts: Sendable {
    public var appraisalId: UUID
    public var employmentId: UUID
    public var personId: UUID
    public var unitId: UUID
    public var staffGroup: Employment.StaffGroup
    public var jobTitle: String
    public var workingPattern: Employment.WorkingPattern
    public var policyVersionId: UUID
    public var cycleYear: Int
    public var cycleState: Cycle.State
    public var reviewers: [UUID]
    /// Which appointment rule the appraisal falls under (school staff, central staff, head, CEO).
    public var category: RevieweeCategory
    /// Suspended while a capability case lasts (issue 14 §4): its record takes no changes.
    public var suspended = false
}

public enum RecordStore {
    /// The current reviewers of `appraisals a`, in their order, as a JSON array of ids.
    static let currentReviewers = """
        (SELECT coalesce(jsonb_agg(m.person_id ORDER BY m.position), '[]') FROM reviewer_appointments ap
           JOIN reviewer_appointment_members m ON m.appointment_id = ap.id
          WHERE ap.appraisal_id = a.id AND ap.ended_at IS NULL)
        """

    /// What `decodeFacts` reads, over `appraisals a`, `employments e` and `cycles c`.
    static let factsColumns = """
        a.id, a.employment_id, a.person_id, a.unit_id, a.category, e.staff_group, e.job_title, e.working_pattern,
        c.policy_version_id, c.year, c.state, \(currentReviewers) AS reviewers, a.state = 'suspended' AS suspended
        """

    public static func decodeFacts(_ row: Row) throws -> AppraisalFacts {
        var facts = AppraisalFacts(appraisalId: try row.decode(UUID.self, "id"),
                       employmentId: try row.decode(UUID.self, "employment_id"),
                       personId: try row.decode(UUID.self, "person_id"),
                       unitId: try row.decode(UUID.self, "unit_id"),
                       staffGroup: try row.decode(String.self, "staff_group").asEnum(Employment.StaffGroup.self),
                       jobTitle: try row.decode(String.self, "job_title"),
                       workingPattern: try row.decode(String.self, "working_pattern").asEnum(Employment.WorkingPattern.self),
                       policyVersionId: try row.decode(UUID.self, "policy_version_id"), cycleYear: try row.decode(Int.self, "year"),
                       cycleState: try row.decode(String.self, "state").asEnum(Cycle.State.self),
                       reviewers: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "reviewers")),
                       category: try row.decode(String.self, "category").asEnum(RevieweeCategory.self))
        facts.suspended = try row.decode(Bool?.self, "suspended") ?? false
        return facts
    }

    /// A person's role grants: (role, unit or nil for trust-wide).
    public static func grants(of me: UUID, on db: Connection) throws -> [(role: String, unit: UUID?)] {
        try db.query("SELECT role, unit_id FROM grants WHERE person_id = \(me)").map {
            (try $0.decode(String.self, "role"), try $0.decode(UUID?.self, "unit_id"))
        }
    }

    public static func participation(of me: UUID, grants: [(role: String, unit: UUID?)],
                                     in facts: AppraisalFacts) -> Participation {
        var participation = Participation(isReviewee: me == facts.personId, isReviewer: facts.reviewers.contains(me))
        participation.revieweeIsCentral = facts.category == .centralStaff
        for (role, unit) in grants {
            let here = unit == nil || unit == facts.unitId
            switch role {
            case Role.headteacher.rawValue where unit == facts.unitId: participation.isHeadOfUnit = true
            case Role.operationsDirector.rawValue: participation.isOperationsDirector = true
            case Role.ceo.rawValue: participation.isCEO = true
            case Role.seniorLeader.rawValue where unit == facts.unitId:
                participation.isSeniorLeader = true
            case Role.hr.rawValue: participation.isHR = true
            case Role.payCommitteeMember.rawValue where here: participation.isPayCommitteeMember = true
            case Role.governor.rawValue, Role.chairOfGovernors.rawValue, Role.committeeMember.rawValue:
                guard here else { break }
                participation.isGovernor = true
                if role == Role.chairOfGovernors.rawValue { participation.isChairOfGovernors = true }
                if role == Role.committeeMember.rawValue { participation.isCommitteeMember = true }
            default: break
            }
        }
        return participation
    }

    /// The unit's calendar around the cycle (deadlines are never years away).
    public static func calendar(unit: UUID, year: Int, on db: Connection) throws -> WorkingCalendar {
        let span = (year - 1)...(year + 2)
        let years = try db.query(SchoolYearStore.forUnitsQuery([unit], years: span)).map { try SchoolYearStore.decode($0).year }
        return WorkingCalendar(schoolYears: years, span: span)
    }

    /// Whether any employment of the person holds QTS, and whether the person exists.
    public static func qualifiedTeacherQuery(_ person: UUID) -> SQL {
        """
        SELECT EXISTS (SELECT 1 FROM people WHERE id = \(person)) AS person_exists,
               EXISTS (SELECT 1 FROM employments WHERE person_id = \(person) AND qts) AS qts
        """
    }

    public static func peopleExist(_ people: [UUID], on db: Connection) throws -> Set<UUID> {
        Set(try db.query("SELECT id FROM people WHERE id = ANY (\(UUIDArray(people))::uuid[])").map { try $0.decode(UUID.self, "id") })
    }
}

// MARK: - Observations

public enum ObservationStore {
    static let columns = """
        id, trust_id, appraisal_id, kind, observer_id, observed_at, duration_minutes, focus, notes, notice_given_on, concerns_raised,
        for_performance_management, feedback, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> Observation {
        Observation(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                    appraisalId: try row.decode(UUID.self, "appraisal_id"), kind: try row.decode(String.self, "kind").asEnum(Observation.Kind.self),
                    observerId: try row.decode(UUID.self, "observer_id"), observedAt: try row.decode(Date.self, "observed_at"),
                    durationMinutes: try row.decode(Int.self, "duration_minutes"), focus: try row.decode(String.self, "focus"),
                    notes: try row.decode(String?.self, "notes"), noticeGivenOn: try row.decode(CalendarDate?.self, "notice_given_on"),
                    concernsRaised: try row.decode(Bool.self, "concerns_raised"),
                    forPerformanceManagement: try row.decode(Bool.self, "for_performance_management"),
                    feedback: try SnakeCaseJSON.decode([Observation.Feedback].self, from: try row.decode(String.self, "feedback")),
                    version: try row.decode(Int.self, "version"), createdAt: try row.decode(Date.self, "created_at"),
                    updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM observations WHERE id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Observation? {
        try db.query(findQuery(id) + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID, page: PageRequest) -> SQL {
        var sql: SQL = "SELECT \(unsafeSQL: columns) FROM observations WHERE appraisal_id = \(appraisal)"
        if let after = page.after { sql.append(" AND id > \(after)") }
        sql.append(" ORDER BY id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return sql
    }

    public static func all(appraisal: UUID, on db: Connection) throws -> [Observation] {
        try db.query("SELECT \(unsafeSQL: columns) FROM observations WHERE appraisal_id = \(appraisal)").map(decode)
    }

    public static func insert(_ o: Observation, on db: Connection) throws {
        _ = try db.query("""
            INSERT INTO observations (trust_id, id, appraisal_id, kind, observer_id, observed_at, duration_minutes, focus, notes,
                notice_given_on, concerns_raised, for_performance_management, feedback, version, created_at, updated_at)
            VALUES (\(o.trustId), \(o.id), \(o.appraisalId), \(o.kind.rawValue), \(o.observerId), \(o.observedAt), \(o.durationMinutes),
                \(o.focus), \(o.notes), \(o.noticeGivenOn), \(o.concernsRaised), \(o.forPerformanceManagement),
                \(JSONText(try SnakeCaseJSON.encode(o.feedback)))::jsonb, \(o.version), \(o.createdAt), \(o.updatedAt))
            """)
    }

    public static func updateFeedback(_ o: Observation, on db: Connection) throws {
        _ = try db.query("""
            UPDATE observations SET feedback = \(JSONText(try SnakeCaseJSON.encode(o.feedback)))::jsonb, version = \(o.version),
                updated_at = \(o.updatedAt)
            WHERE id = \(o.id)
            """)
    }
}

// MARK: - Conversations

public enum ConversationStore {
    static let columns = """
        id, trust_id, appraisal_id, kind, held_on, lead_id, growth_areas, cpd_activities, wellbeing_consent, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> Conversation {
        Conversation(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                     appraisalId: try row.decode(UUID.self, "appraisal_id"), kind: try row.decode(String.self, "kind").asEnum(Conversation.Kind.self),
                     heldOn: try row.decode(CalendarDate.self, "held_on"), leadId: try row.decode(UUID.self, "lead_id"),
                     growthAreas: try SnakeCaseJSON.decode([String].self, from: try row.decode(String.self, "growth_areas")),
                     cpdActivities: try SnakeCaseJSON.decode([String].self, from: try row.decode(String.self, "cpd_activities")),
                     wellbeingConsent: try row.decode(Bool.self, "wellbeing_consent"), version: try row.decode(Int.self, "version"),
                     createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM conversations WHERE id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Conversation? {
        try db.query(findQuery(id) + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM conversations WHERE appraisal_id = \(appraisal) ORDER BY held_on, id"
    }

    /// Inserts the conversation; false when the appraisal already has one of this kind.
    public static func insert(_ c: Conversation, on db: Connection) throws -> Bool {
        let rows = try db.query("""
            INSERT INTO conversations (trust_id, id, appraisal_id, kind, held_on, lead_id, growth_areas, cpd_activities,
                wellbeing_consent, version, created_at, updated_at)
            VALUES (\(c.trustId), \(c.id), \(c.appraisalId), \(c.kind.rawValue), \(c.heldOn), \(c.leadId),
                \(JSONText(try SnakeCaseJSON.encode(c.growthAreas)))::jsonb, \(JSONText(try SnakeCaseJSON.encode(c.cpdActivities)))::jsonb,
                \(c.wellbeingConsent), \(c.version), \(c.createdAt), \(c.updatedAt))
            ON CONFLICT ON CONSTRAINT conversations_kind_key DO NOTHING
            RETURNING id
            """)
        return !rows.isEmpty
    }

    public static func setConsent(_ conversation: UUID, consent: Bool, at now: Date, on db: Connection) throws {
        _ = try db.query("""
            UPDATE conversations SET wellbeing_consent = \(consent), version = version + 1, updated_at = \(now) WHERE id = \(conversation)
            """)
    }

    // The only statements in the product that touch wellbeing_notes (004 §6.4a).

    public static func wellbeingNotes(_ conversation: UUID, on db: Connection) throws -> (notes: String, updatedAt: Date)? {
        try db.query("SELECT notes, updated_at FROM wellbeing_notes WHERE conversation_id = \(conversation)").first.map {
            (try $0.decode(String.self, "notes"), try $0.decode(Date.self, "updated_at"))
        }
    }

    public static func putWellbeingNotes(_ conversation: UUID, notes: String, trust: UUID, at now: Date, on db: Connection) throws {
        _ = try db.query("""
            INSERT INTO wellbeing_notes (trust_id, conversation_id, notes, updated_at) VALUES (\(trust), \(conversation), \(notes), \(now))
            ON CONFLICT (trust_id, conversation_id) DO UPDATE SET notes = EXCLUDED.notes, updated_at = EXCLUDED.updated_at
            """)
    }

    public static func deleteWellbeingNotes(_ conversation: UUID, on db: Connection) throws {
        _ = try db.query("DELETE FROM wellbeing_notes WHERE conversation_id = \(conversation)")
    }
}

// MARK: - Meetings

public enum MeetingStore {
    static let columns = """
        id, trust_id, appraisal_id, kind, held_on, attendees, notice_given_on, record_due, record, record_written_at, record_written_by,
        version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> Meeting {
        Meeting(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                appraisalId: try row.decode(UUID.self, "appraisal_id"), kind: try row.decode(String.self, "kind").asEnum(Meeting.Kind.self),
                heldOn: try row.decode(CalendarDate.self, "held_on"),
                attendees: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "attendees")),
                noticeGivenOn: try row.decode(CalendarDate?.self, "notice_given_on"), recordDue: try row.decode(CalendarDate?.self, "record_due"),
                record: try row.decode(String?.self, "record"), recordWrittenAt: try row.decode(Date?.self, "record_written_at"),
                recordWrittenBy: try row.decode(UUID?.self, "record_written_by"), version: try row.decode(Int.self, "version"),
                createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM meetings WHERE id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Meeting? {
        try db.query(findQuery(id) + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM meetings WHERE appraisal_id = \(appraisal) ORDER BY held_on, id"
    }

    public static func insert(_ m: Meeting, on db: Connection) throws {
        _ = try db.query("""
            INSERT INTO meetings (trust_id, id, appraisal_id, kind, held_on, attendees, notice_given_on, record_due, version,
                created_at, updated_at)
            VALUES (\(m.trustId), \(m.id), \(m.appraisalId), \(m.kind.rawValue), \(m.heldOn),
                \(JSONText(try SnakeCaseJSON.encode(m.attendees)))::jsonb, \(m.noticeGivenOn), \(m.recordDue), \(m.version),
                \(m.createdAt), \(m.updatedAt))
            """)
    }

    public static func writeRecord(_ id: UUID, record: String, by author: UUID?, at now: Date, on db: Connection) throws -> Meeting? {
        try db.query("""
            UPDATE meetings SET record = \(record), record_written_at = coalesce(record_written_at, \(now)), record_written_by = \(author),
                version = version + 1, updated_at = \(now)
            WHERE id = \(id) RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }
}
