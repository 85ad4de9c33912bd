import App
import Domain
import Foundation

// The appraisal record as the API sends it (issue 5). Field for field today's shape; built
// from the domain values so that a field added to a domain struct is not sent until a
// response type chooses to send it (issue 11 §3).

/// An objective: its content's fields at the top level, beside its state.
struct ObjectiveResponse: ResponseBody {
    struct Milestone: Encodable {
        let description: String
        let dueDate: CalendarDate?
    }

    struct Link: Encodable {
        let planItemId: UUID
    }

    struct Assessment: Encodable {
        let outcome: Objective.Outcome
        let reasons: String?
        let assessedBy: UUID?
        let assessedAt: Date
    }

    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let state: Objective.State
    let title: String
    let description: String
    let successCriteria: String
    let milestones: [Milestone]
    let dueDate: CalendarDate?
    let kind: ObjectiveKind
    let links: [Link]
    let standards: [String]
    let proposedBy: UUID
    let agreedByReviewee: Bool
    let agreedByReviewer: Bool
    let determinedBy: UUID?
    let assessment: Assessment?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ objective: Objective) {
        let content = objective.content
        id = objective.id
        trustId = objective.trustId
        appraisalId = objective.appraisalId
        state = objective.state
        title = content.title
        description = content.description
        successCriteria = content.successCriteria
        milestones = content.milestones.map { Milestone(description: $0.description, dueDate: $0.dueDate) }
        dueDate = content.dueDate
        kind = content.kind
        links = content.links.map { Link(planItemId: $0.planItemId) }
        standards = content.standards
        proposedBy = objective.proposedBy
        agreedByReviewee = objective.agreedByReviewee
        agreedByReviewer = objective.agreedByReviewer
        determinedBy = objective.determinedBy
        assessment = objective.assessment.map {
            Assessment(outcome: $0.outcome, reasons: $0.reasons, assessedBy: $0.assessedBy, assessedAt: $0.assessedAt)
        }
        version = objective.version
        createdAt = objective.createdAt
        updatedAt = objective.updatedAt
    }
}

/// One change in an objective's history, with the objective as its history keeps it: the
/// stored snapshot in its own frozen shape, never re-encoded from today's `Objective`.
struct ObjectiveHistoryEntryResponse: ResponseBody {
    let version: Int
    let action: String
    let actorId: UUID?
    let comment: String?
    let objective: ObjectiveSnapshot
    let at: Date

    init(_ entry: ObjectiveHistoryEntry) {
        version = entry.version
        action = entry.action
        actorId = entry.actorId
        comment = entry.comment
        objective = entry.objective
        at = entry.at
    }
}

struct ProgressNoteResponse: ResponseBody {
    let id: UUID
    let objectiveId: UUID
    let authorId: UUID?
    let note: String
    let createdAt: Date

    init(_ note: ProgressNote) {
        id = note.id
        objectiveId = note.objectiveId
        authorId = note.authorId
        self.note = note.note
        createdAt = note.createdAt
    }
}

struct DevelopmentActivityResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let objectiveId: UUID?
    let need: String
    let plannedDelivery: String
    let plannedBy: CalendarDate?
    let completedOn: CalendarDate?
    let impact: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ activity: DevelopmentActivity) {
        id = activity.id
        trustId = activity.trustId
        appraisalId = activity.appraisalId
        objectiveId = activity.objectiveId
        need = activity.need
        plannedDelivery = activity.plannedDelivery
        plannedBy = activity.plannedBy
        completedOn = activity.completedOn
        impact = activity.impact
        version = activity.version
        createdAt = activity.createdAt
        updatedAt = activity.updatedAt
    }
}

/// Evidence and its document's description; the bytes are fetched on their own.
struct EvidenceResponse: ResponseBody {
    struct Document: Encodable {
        let filename: String
        let mediaType: String
        let sizeBytes: Int
        let sha256: String
        let uploadedAt: Date
    }

    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let objectiveId: UUID?
    let standard: String?
    let kind: Evidence.Kind
    let summary: String
    let addedBy: UUID?
    let document: Document?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ evidence: Evidence) {
        id = evidence.id
        trustId = evidence.trustId
        appraisalId = evidence.appraisalId
        objectiveId = evidence.objectiveId
        standard = evidence.standard
        kind = evidence.kind
        summary = evidence.summary
        addedBy = evidence.addedBy
        document = evidence.document.map {
            Document(filename: $0.filename, mediaType: $0.mediaType, sizeBytes: $0.sizeBytes, sha256: $0.sha256,
                     uploadedAt: $0.uploadedAt)
        }
        version = evidence.version
        createdAt = evidence.createdAt
        updatedAt = evidence.updatedAt
    }
}

struct PlanItemResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let kind: PlanItem.Kind
    let unitId: UUID?
    let jobTitle: String?
    let code: String?
    let title: String
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ item: PlanItem) {
        id = item.id
        trustId = item.trustId
        kind = item.kind
        unitId = item.unitId
        jobTitle = item.jobTitle
        code = item.code
        title = item.title
        version = item.version
        createdAt = item.createdAt
        updatedAt = item.updatedAt
    }
}

/// A 004 conversation. Never its wellbeing notes: those have their own route and readers.
struct ConversationResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let kind: Conversation.Kind
    let heldOn: CalendarDate
    let leadId: UUID
    let growthAreas: [String]
    let cpdActivities: [String]
    let wellbeingConsent: Bool
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ conversation: Conversation) {
        id = conversation.id
        trustId = conversation.trustId
        appraisalId = conversation.appraisalId
        kind = conversation.kind
        heldOn = conversation.heldOn
        leadId = conversation.leadId
        growthAreas = conversation.growthAreas
        cpdActivities = conversation.cpdActivities
        wellbeingConsent = conversation.wellbeingConsent
        version = conversation.version
        createdAt = conversation.createdAt
        updatedAt = conversation.updatedAt
    }
}

struct WellbeingNotesResponse: ResponseBody {
    let conversationId: UUID
    let consent: Bool
    let notes: String?
    let updatedAt: Date?

    init(_ notes: WellbeingNotes) {
        conversationId = notes.conversationId
        consent = notes.consent
        self.notes = notes.notes
        updatedAt = notes.updatedAt
    }
}

/// Something the caller should do next, and by when (`/v1/me/tasks`).
struct TaskResponse: ResponseBody {
    let kind: RecordTask.Kind
    let appraisalId: UUID
    let resource: String
    let dueDate: CalendarDate?
    let dueAt: Date?
    let overdue: Bool
    let detail: String?

    init(_ task: RecordTask) {
        kind = task.kind
        appraisalId = task.appraisalId
        resource = task.resource
        dueDate = task.dueDate
        dueAt = task.dueAt
        overdue = task.overdue
        detail = task.detail
    }
}

/// GET /v1/appraisals/{id}/conversation-year (004 §6): to the local governing body reading a
/// head's, only `growth_areas` and `cpd_commitments` (`view: commitments`).
struct ConversationYearResponse: ResponseBody {
    struct Held: Encodable {
        let kind: String
        let heldOn: CalendarDate
        let leadId: UUID
    }
    let appraisalId: UUID
    let view: ConversationYear.View
    let required: [String]?
    let held: [Held]?
    let closed: Bool
    let growthAreas: [String]
    let cpdCommitments: [String]
    let outcome: ConversationYear.Outcome?

    init(_ year: ConversationYear) {
        appraisalId = year.appraisalId; view = year.view; closed = year.closed
        let full = year.view == .full
        required = full ? year.required : nil
        held = full ? year.held.map { Held(kind: $0.kind, heldOn: $0.heldOn, leadId: $0.leadId) } : nil
        growthAreas = year.growthAreas; cpdCommitments = year.cpdCommitments; outcome = year.outcome
    }
}
