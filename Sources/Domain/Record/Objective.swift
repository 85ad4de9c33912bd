import Foundation

/// One objective in an appraisal (issue 5 §1; PRODUCT.md "The cycle" step 3). Proposed by
/// either side, agreed by both — or, when they cannot agree, determined by whom the policy
/// names — revised in year with its history kept, noted on through the year and assessed at
/// the end.
public struct Objective: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Proposed by one side, awaiting the other's agreement.
        case proposed
        /// One side does not agree: discussion, then agreement or determination.
        case disputed
        /// Both sides agreed.
        case agreed
        /// Set without agreement by whom the policy names (000 §5.3, 001, 002 §2.2.3, 003 §4.1).
        case determined
        case withdrawn

        /// The objective stands for the year: it can be assessed and shows in the plan.
        public var isSet: Bool { self == .agreed || self == .determined }
    }

    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case met, partlyMet = "partly_met", notMet = "not_met"
    }

    public struct Milestone: Sendable, Equatable, Codable {
        public var description: String
        public var dueDate: CalendarDate?
        public init(description: String, dueDate: CalendarDate?) { self.description = description; self.dueDate = dueDate }
    }

    /// What an objective contributes to: a trust priority, a school improvement plan item or
    /// a job description item — plan items the trust keeps (`/v1/plan-items`, issue 5 §1).
    public struct Link: Sendable, Equatable, Codable {
        public var planItemId: UUID
        public init(planItemId: UUID) { self.planItemId = planItemId }
    }

    public struct Assessment: Sendable, Equatable, Codable {
        public var outcome: Outcome
        public var reasons: String?
        public var assessedBy: UUID?
        public var assessedAt: Date
        public init(outcome: Outcome, reasons: String?, assessedBy: UUID?, assessedAt: Date) {
            self.outcome = outcome; self.reasons = reasons; self.assessedBy = assessedBy; self.assessedAt = assessedAt
        }
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var state: State
    public var content: ObjectiveContent
    public var proposedBy: UUID
    public var agreedByReviewee: Bool
    public var agreedByReviewer: Bool
    public var determinedBy: UUID?
    public var assessment: Assessment?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, state: State, content: ObjectiveContent, proposedBy: UUID,
                agreedByReviewee: Bool, agreedByReviewer: Bool, determinedBy: UUID?, assessment: Assessment?, version: Int,
                createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.state = state; self.content = content
        self.proposedBy = proposedBy; self.agreedByReviewee = agreedByReviewee; self.agreedByReviewer = agreedByReviewer
        self.determinedBy = determinedBy; self.assessment = assessment; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The JSON a client sees: the content's fields at the top level.
    enum CodingKeys: String, CodingKey {
        case id, trustId, appraisalId, state, proposedBy, agreedByReviewee, agreedByReviewer, determinedBy, assessment
        case version, createdAt, updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(trustId, forKey: .trustId)
        try container.encode(appraisalId, forKey: .appraisalId)
        try container.encode(state, forKey: .state)
        try container.encode(proposedBy, forKey: .proposedBy)
        try container.encode(agreedByReviewee, forKey: .agreedByReviewee)
        try container.encode(agreedByReviewer, forKey: .agreedByReviewer)
        try container.encodeIfPresent(determinedBy, forKey: .determinedBy)
        try container.encodeIfPresent(assessment, forKey: .assessment)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(UUID.self, forKey: .id), trustId: try container.decode(UUID.self, forKey: .trustId),
                  appraisalId: try container.decode(UUID.self, forKey: .appraisalId), state: try container.decode(State.self, forKey: .state),
                  content: try ObjectiveContent(from: decoder), proposedBy: try container.decode(UUID.self, forKey: .proposedBy),
                  agreedByReviewee: try container.decode(Bool.self, forKey: .agreedByReviewee),
                  agreedByReviewer: try container.decode(Bool.self, forKey: .agreedByReviewer),
                  determinedBy: try container.decodeIfPresent(UUID.self, forKey: .determinedBy),
                  assessment: try container.decodeIfPresent(Assessment.self, forKey: .assessment),
                  version: try container.decode(Int.self, forKey: .version), createdAt: try container.decode(Date.self, forKey: .createdAt),
                  updatedAt: try container.decode(Date.self, forKey: .updatedAt))
    }
}

/// What either side proposes and may revise: the objective itself (002 §2.2.3: success
/// criteria and how they will be judged).
public struct ObjectiveContent: Sendable, Equatable, Codable, ValidatedInput {
    public var title: String
    public var description: String
    public var successCriteria: String
    public var milestones: [Objective.Milestone]
    public var dueDate: CalendarDate?
    public var kind: ObjectiveKind
    public var links: [Objective.Link]
    /// Standard ids from the catalogue (`GET /v1/standards`), e.g. `TS2`, `HS3`, `NSEH-2.4`.
    public var standards: [String]

    public static let fields: Set<String> = ["title", "description", "success_criteria", "milestones", "due_date", "kind", "links", "standards"]

    public init(title: String, description: String, successCriteria: String, milestones: [Objective.Milestone] = [],
                dueDate: CalendarDate? = nil, kind: ObjectiveKind, links: [Objective.Link] = [], standards: [String] = []) {
        self.title = title; self.description = description; self.successCriteria = successCriteria; self.milestones = milestones
        self.dueDate = dueDate; self.kind = kind; self.links = links; self.standards = standards
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decode(String.self, forKey: .title), description: try c.decode(String.self, forKey: .description),
                  successCriteria: try c.decode(String.self, forKey: .successCriteria),
                  milestones: try c.decodeIfPresent([Objective.Milestone].self, forKey: .milestones) ?? [],
                  dueDate: try c.decodeIfPresent(CalendarDate.self, forKey: .dueDate), kind: try c.decode(ObjectiveKind.self, forKey: .kind),
                  links: try c.decodeIfPresent([Objective.Link].self, forKey: .links) ?? [],
                  standards: try c.decodeIfPresent([String].self, forKey: .standards) ?? [])
    }

    public func validate() throws {
        var check = Validator()
        check.text(title, "title", max: 200)
        check.text(description, "description", max: 4000)
        check.text(successCriteria, "success_criteria", max: 4000)
        check.check(milestones.count <= 20, "milestones", "max_items", "must have at most 20 milestones")
        for (index, milestone) in milestones.enumerated() { check.text(milestone.description, "milestones[\(index)].description", max: 1000) }
        check.check(links.count <= 20, "links", "max_items", "must have at most 20 links")
        check.check(Set(links.map(\.planItemId)).count == links.count, "links", "unique", "must not repeat a plan item")
        check.check(standards.count <= 30, "standards", "max_items", "must have at most 30 standards")
        for (index, id) in standards.enumerated() where StandardsCatalogue.item(id) == nil {
            check.fail("standards[\(index)]", "unknown_standard", "must be a standard id from GET /v1/standards")
        }
        try check.result()
    }
}

/// Moving an objective on: agreeing, disputing, determining, withdrawing.
public struct ObjectiveTransition: Sendable, Equatable, Codable, ValidatedInput {
    public enum Target: String, Sendable, Codable, CaseIterable {
        case agreed, disputed, determined, withdrawn
    }
    public var to: Target
    public var comment: String?
    public static let fields: Set<String> = ["to", "comment"]
    public func validate() throws {
        var check = Validator()
        check.optionalText(comment, "comment", max: 4000)
        try check.result()
    }
}

/// A revision: new content, and why when the objective was already set (000 §5.5, 001).
public struct ObjectiveRevision: Sendable, Equatable {
    public var content: ObjectiveContent
    public var reason: String?
    public init(content: ObjectiveContent, reason: String?) { self.content = content; self.reason = reason }
}

public struct AssessmentInput: Sendable, Equatable, Codable, ValidatedInput {
    public var outcome: Objective.Outcome
    public var reasons: String?
    public static let fields: Set<String> = ["outcome", "reasons"]
    public func validate() throws {
        var check = Validator()
        check.optionalText(reasons, "reasons", max: 4000)
        try check.result()
    }
}

public struct ProgressNoteInput: Sendable, Equatable, Codable, ValidatedInput {
    public var note: String
    public static let fields: Set<String> = ["note"]
    public func validate() throws {
        var check = Validator()
        check.text(note, "note", max: 4000)
        try check.result()
    }
}

public struct ProgressNote: Sendable, Equatable, Codable {
    public var id: UUID
    public var objectiveId: UUID
    public var authorId: UUID?
    public var note: String
    public var createdAt: Date
    public init(id: UUID, objectiveId: UUID, authorId: UUID?, note: String, createdAt: Date) {
        self.id = id; self.objectiveId = objectiveId; self.authorId = authorId; self.note = note; self.createdAt = createdAt
    }
}

/// One entry in an objective's history: what was done, by whom, and the objective after it.
public struct ObjectiveHistoryEntry: Sendable, Equatable {
    public var version: Int
    public var action: String
    public var actorId: UUID?
    public var comment: String?
    public var objective: ObjectiveSnapshot
    public var at: Date
    public init(version: Int, action: String, actorId: UUID?, comment: String?, objective: ObjectiveSnapshot,
                at: Date) {
        self.version = version; self.action = action; self.actorId = actorId; self.comment = comment; self.objective = objective; self.at = at
    }
}
