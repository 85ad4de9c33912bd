import Foundation

/// An objective as its history keeps it (000 §5.5: revisions keep full history). History is
/// read for as long as the record is kept (six years: 001, 003 §1.9), so what is stored is a
/// frozen shape, never `Objective` itself: when the objective gains a field, rows already
/// written read back byte for byte as they were. A new shape is a new type and a new
/// `objective_history.snapshot_schema` (migration 0013), read beside the old one.
public enum ObjectiveSnapshot: Sendable, Equatable, Encodable {
    case v1(ObjectiveSnapshotV1)

    public var schema: Int {
        switch self {
        case .v1: ObjectiveSnapshotV1.schema
        }
    }

    /// The shape new history rows are written in.
    public static func current(_ objective: Objective) -> ObjectiveSnapshot { .v1(ObjectiveSnapshotV1(objective)) }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .v1(let snapshot): try snapshot.encode(to: encoder)
        }
    }
}

/// Schema 1: the shape every history row had from migration 0008 until migration 0013 named it.
/// Plain strings and ids only — instants too, as written — so no domain type's or encoder's
/// coding can change it. Never edit: add V2.
public struct ObjectiveSnapshotV1: Sendable, Equatable, Codable {
    public static let schema = 1

    public struct Milestone: Sendable, Equatable, Codable {
        public var description: String
        public var dueDate: String?
    }

    public struct Link: Sendable, Equatable, Codable {
        public var planItemId: UUID
    }

    public struct Assessment: Sendable, Equatable, Codable {
        public var outcome: String
        public var reasons: String?
        public var assessedBy: UUID?
        public var assessedAt: String
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var state: String
    public var title: String
    public var description: String
    public var successCriteria: String
    public var milestones: [Milestone]
    public var dueDate: String?
    public var kind: String
    public var links: [Link]
    public var standards: [String]
    public var proposedBy: UUID
    public var agreedByReviewee: Bool
    public var agreedByReviewer: Bool
    public var determinedBy: UUID?
    public var assessment: Assessment?
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
}

extension ObjectiveSnapshotV1 {
    public init(_ objective: Objective) {
        let content = objective.content
        id = objective.id
        trustId = objective.trustId
        appraisalId = objective.appraisalId
        state = objective.state.rawValue
        title = content.title
        description = content.description
        successCriteria = content.successCriteria
        milestones = content.milestones.map { Milestone(description: $0.description, dueDate: $0.dueDate?.description) }
        dueDate = content.dueDate?.description
        kind = content.kind.rawValue
        links = content.links.map { Link(planItemId: $0.planItemId) }
        standards = content.standards
        proposedBy = objective.proposedBy
        agreedByReviewee = objective.agreedByReviewee
        agreedByReviewer = objective.agreedByReviewer
        determinedBy = objective.determinedBy
        assessment = objective.assessment.map {
            Assessment(outcome: $0.outcome.rawValue, reasons: $0.reasons, assessedBy: $0.assessedBy,
                       assessedAt: Self.instant($0.assessedAt))
        }
        version = objective.version
        createdAt = Self.instant(objective.createdAt)
        updatedAt = Self.instant(objective.updatedAt)
    }

    /// RFC 3339 in UTC with milliseconds, as schema 1 has always written instants.
    static func instant(_ date: Date) -> String { SnakeCaseJSON.instantFormat.format(date) }
}
