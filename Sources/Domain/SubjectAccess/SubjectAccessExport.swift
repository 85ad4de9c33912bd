import Foundation

/// Everything held about one person, asked for by HR (issue 17 §8; UK GDPR art. 15, answered
/// within a month): built by a background worker into one zip, kept until `expiresAt`.
public struct SubjectAccessExport: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending, running, ready, failed, expired
    }

    /// How long a finished archive stays downloadable: long enough to send it on, short enough
    /// that a second copy of someone's whole record does not linger.
    public static let availableFor: TimeInterval = 7 * 24 * 3600
    /// A worker that has not reported progress for this long is taken to have died; the next
    /// worker starts the export again.
    public static let staleAfter: TimeInterval = 120

    public var id: UUID
    public var trustId: UUID
    public var personId: UUID
    public var requestedBy: UUID?
    public var state: State
    /// Parts written (the records, then each document) of `itemsTotal`, known once running.
    public var itemsDone: Int
    public var itemsTotal: Int?
    public var archiveBytes: Int?
    public var archiveSHA256: String?
    public var requestedAt: Date
    public var completedAt: Date?
    public var expiresAt: Date?
    public var version: Int

    public init(id: UUID, trustId: UUID, personId: UUID, requestedBy: UUID?, state: State = .pending,
                itemsDone: Int = 0, itemsTotal: Int? = nil, archiveBytes: Int? = nil, archiveSHA256: String? = nil,
                requestedAt: Date, completedAt: Date? = nil, expiresAt: Date? = nil, version: Int = 1) {
        self.id = id; self.trustId = trustId; self.personId = personId; self.requestedBy = requestedBy
        self.state = state; self.itemsDone = itemsDone; self.itemsTotal = itemsTotal
        self.archiveBytes = archiveBytes; self.archiveSHA256 = archiveSHA256; self.requestedAt = requestedAt
        self.completedAt = completedAt; self.expiresAt = expiresAt; self.version = version
    }
}

/// What goes into the archive, section by section: each a file of JSON rows from one table,
/// reached from the person — directly, through their appraisals, or through a record of
/// theirs. Only the person's own appraisals are followed, so what they did for someone else
/// (a conversation they led, an observation they made, another's item in a moderation round)
/// stays out; the ids of colleagues who acted on their record stay in, as part of it.
public struct SubjectAccessSection: Sendable, Equatable {
    public enum Link: Sendable, Equatable {
        /// `person_id` (for `people`, `id`) is theirs.
        case person(column: String)
        /// `appraisal_id` is one of their appraisals.
        case appraisal
        /// `column` points at a row of `parent`, a table whose `appraisal_id` is theirs.
        case record(column: String, parent: String)
    }

    public let file: String
    public let table: String
    public let link: Link
    /// Ordered by these columns, so two exports of the same data are the same file.
    public let order: [String]
    /// Columns left out besides `trust_id`: secrets, and bytes that go in as files instead.
    public let omitted: [String]

    init(_ file: String, _ table: String, _ link: Link, order: [String] = ["id"], omitted: [String] = []) {
        self.file = file; self.table = table; self.link = link; self.order = order; self.omitted = omitted
    }

    public static let all: [SubjectAccessSection] = [
        .init("person.json", "people", .person(column: "id")),
        .init("accounts.json", "accounts", .person(column: "person_id"), omitted: ["password_hash"]),
        .init("employments.json", "employments", .person(column: "person_id")),
        .init("roles.json", "grants", .person(column: "person_id")),
        .init("protected_characteristics.json", "protected_characteristics", .person(column: "person_id"),
              order: ["person_id"]),
        .init("reminders.json", "reminders", .person(column: "person_id")),
        .init("appraisals/appraisals.json", "appraisals", .person(column: "person_id")),
        .init("appraisals/exclusions.json", "cycle_exclusions", .person(column: "person_id"), order: ["cycle_id"]),
        .init("appraisals/reviewer_appointments.json", "reviewer_appointments", .appraisal),
        .init("appraisals/reviewer_appointment_members.json", "reviewer_appointment_members",
              .record(column: "appointment_id", parent: "reviewer_appointments"),
              order: ["appointment_id", "position"]),
        .init("appraisals/objectives.json", "objectives", .appraisal),
        .init("appraisals/objective_history.json", "objective_history",
              .record(column: "objective_id", parent: "objectives"), order: ["objective_id", "version"]),
        .init("appraisals/progress_notes.json", "progress_notes",
              .record(column: "objective_id", parent: "objectives")),
        .init("appraisals/observations.json", "observations", .appraisal),
        .init("appraisals/conversations.json", "conversations", .appraisal),
        .init("appraisals/wellbeing_notes.json", "wellbeing_notes",
              .record(column: "conversation_id", parent: "conversations"), order: ["conversation_id"]),
        .init("appraisals/meetings.json", "meetings", .appraisal),
        .init("appraisals/interim_reviews.json", "interim_reviews", .appraisal),
        .init("appraisals/development_activities.json", "development_activities", .appraisal),
        .init("appraisals/evidence.json", "evidence", .appraisal),
        .init("appraisals/evidence_documents.json", "evidence_documents",
              .record(column: "evidence_id", parent: "evidence"), order: ["evidence_id"], omitted: ["content"]),
        .init("appraisals/statements.json", "statements", .appraisal),
        .init("appraisals/moderation_items.json", "moderation_items", .appraisal),
        .init("appraisals/moderation_decisions.json", "moderation_decisions",
              .record(column: "item_id", parent: "moderation_items")),
        .init("appraisals/concerns.json", "concerns", .appraisal),
        .init("appraisals/support_plans.json", "support_plans", .appraisal),
        .init("appraisals/support_plan_changes.json", "support_plan_changes",
              .record(column: "plan_id", parent: "support_plans")),
        .init("appraisals/capability_cases.json", "capability_cases", .appraisal),
        .init("appraisals/pay_recommendations.json", "pay_recommendations", .appraisal),
        .init("appraisals/pay_appeals.json", "pay_appeals", .appraisal),
        .init("appraisals/upper_pay_range_applications.json", "upper_pay_range_applications", .appraisal),
    ]

    /// Tables that name a person or an appraisal but are not sections, and why.
    public static let leftOut: [String: String] = [
        "audit_events": "in audit_events.json, with audit_pending",
        "audit_pending": "in audit_events.json, with audit_events",
        "sessions": "sign-in sessions: hashes of secret tokens",
        "calendar_feeds": "the hash of the feed's secret token",
        "change_events": "the integrators' outbox: ids and field names of changes audit_events.json has",
        "legal_holds": "held for litigation: legal professional privilege (DPA 2018 sch. 2 para. 19), "
            + "disclosed by HR case by case",
        "subject_access_exports": "the exports themselves",
        "appraisal_facts": "counts and dates derived from the records exported, for reports",
    ]

    /// A document's name inside the archive: under its evidence's id, with nothing in its
    /// file name that could climb out of that folder or confuse an unzip tool.
    public static func documentPath(evidence: UUID, filename: String) -> String {
        let safe = String(filename.map { "/\\:\0".contains($0) || $0.isNewline ? "_" : $0 }.prefix(200))
        let name = safe.trimmingCharacters(in: CharacterSet(charactersIn: ". ")).isEmpty ? "document" : safe
        return "documents/\(evidence.uuidString.lowercased())/\(name)"
    }

    /// The archive's first file: what it holds and what it leaves out, in plain words.
    public static func readme(personName: String, exportedAt: Date) -> String {
        """
        Everything Appraise holds about \(personName), exported \(ISO8601DateFormatter().string(from: exportedAt)).

        person.json, accounts.json, employments.json, roles.json, protected_characteristics.json
          and reminders.json: your details, sign-in accounts (without passwords), jobs, roles,
          the equality answers you gave, and the reminders sent to you.
        appraisals/: each appraisal of yours and its whole record - objectives and their
          history, notes, observations, conversations, meetings, reviews, development,
          evidence, statements, moderation, support, capability and pay - one JSON file each.
        documents/: the files attached as evidence to your appraisals, under the evidence's id.
        audit_events.json: every recorded access to and change of your records - when, what,
          by whom (their name and role) and whether it was allowed.

        Left out: other people's personal data - records of appraisals you took part in for
        someone else (as reviewer, observer or lead), and other people's items in a moderation
        round. Colleagues who acted on your record are named by id in it, and by name in
        audit_events.json.
        """
    }
}
