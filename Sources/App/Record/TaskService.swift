import Domain
import Foundation
import Postgres
import Store

/// Something the caller must do next (issue 5 §8): the home screen of every front. A task
/// names what to do and where, never the appraisal's text.
public struct RecordTask: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case agreeObjectives = "agree_objectives"
        case respondToProposal = "respond_to_proposal"
        case determineObjective = "determine_objective"
        case assessObjective = "assess_objective"
        case giveFeedback = "give_feedback"
        case writeMeetingRecord = "write_meeting_record"
        case holdConversation = "hold_conversation"
    }
    public var kind: Kind
    public var appraisalId: UUID
    /// The API path of the thing to act on.
    public var resource: String
    public var dueDate: CalendarDate?
    public var dueAt: Date?
    public var overdue: Bool
    /// For feedback: verbal, written or (001) the one feedback of a work observation.
    public var detail: String?
}

public struct TaskService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// How far ahead an end-of-year assessment shows as a task.
    static let assessmentHorizonDays = 60

    public func tasks(of me: UUID, in trust: UUID) async throws -> [RecordTask] {
        let now = environment.clock.now()
        let today = London.date(of: now)
        return try await environment.transaction(.trust(trust)) { db in
            struct Mine { let id: UUID; let reviewee: UUID; let reviewers: [UUID]; let deadlines: [Deadline]; let model: String }
            let appraisals = try db.query(TaskStore.appraisalsQuery(of: me)).map { row in
                Mine(id: try row.decode(UUID.self, "id"), reviewee: try row.decode(UUID.self, "person_id"),
                     reviewers: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "reviewers")),
                     deadlines: try SnakeCaseJSON.decode([Deadline].self, from: try row.decode(String.self, "deadlines")),
                     model: try row.decode(String.self, "model"))
            }
            let ids = appraisals.map(\.id)
            let objectives = Dictionary(grouping: try db.query(TaskStore.objectivesQuery(appraisals: ids)).map(ObjectiveStore.decode), by: \.appraisalId)
            let meetings = try db.query(TaskStore.meetingsQuery(appraisals: ids)).map(MeetingStore.decode)
            let conversations = Set(try db.query(TaskStore.conversationKindsQuery(appraisals: ids)).map {
                "\(try $0.decode(UUID.self, "appraisal_id"))/\(try $0.decode(String.self, "kind"))"
            })
            var tasks: [RecordTask] = []
            func add(_ kind: RecordTask.Kind, _ appraisal: UUID, _ resource: String, due: CalendarDate? = nil, dueAt: Date? = nil,
                     overdue: Bool? = nil, detail: String? = nil) {
                tasks.append(RecordTask(kind: kind, appraisalId: appraisal, resource: resource, dueDate: due, dueAt: dueAt,
                                        overdue: overdue ?? (due.map { $0 < today } ?? false), detail: detail))
            }
            for appraisal in appraisals {
                let isReviewee = appraisal.reviewee == me, isReviewer = appraisal.reviewers.contains(me)
                let path = "/v1/appraisals/\(appraisal.id.uuidString.lowercased())"
                let upcoming = appraisal.deadlines.map(\.dueDate).sorted().first { $0 >= today } ?? appraisal.deadlines.map(\.dueDate).max()
                let final = appraisal.deadlines.first { ["final_review", "annual_review_meeting"].contains($0.key) }?.dueDate
                if appraisal.model == AppraisalModel.objectives.rawValue {
                    let mine = objectives[appraisal.id] ?? []
                    if !mine.contains(where: { $0.state.isSet }) && mine.allSatisfy({ $0.state != .proposed && $0.state != .disputed }) {
                        add(.agreeObjectives, appraisal.id, path + "/objectives", due: upcoming)
                    }
                    for objective in mine {
                        let objectivePath = "/v1/objectives/\(objective.id.uuidString.lowercased())"
                        if objective.state == .proposed,
                           (isReviewee && !objective.agreedByReviewee) || (isReviewer && !objective.agreedByReviewer) {
                            add(.respondToProposal, appraisal.id, objectivePath, due: upcoming)
                        }
                        if objective.state == .disputed && isReviewer { add(.determineObjective, appraisal.id, objectivePath, due: upcoming) }
                        if objective.state.isSet, objective.assessment == nil, isReviewer, let final,
                           final - today <= Self.assessmentHorizonDays {
                            add(.assessObjective, appraisal.id, objectivePath, due: final)
                        }
                    }
                } else if isReviewer {
                    // 004 §6.1: the autumn and mid-year conversations, each by its deadline.
                    for deadline in appraisal.deadlines where deadline.key.hasSuffix("_conversation") {
                        let kind = String(deadline.key.dropLast("_conversation".count))
                        if !conversations.contains("\(appraisal.id)/\(kind)") {
                            add(.holdConversation, appraisal.id, path + "/conversations", due: deadline.dueDate, detail: kind)
                        }
                    }
                }
            }
            for meeting in meetings where meeting.heldOn <= today {
                add(.writeMeetingRecord, meeting.appraisalId, "/v1/meetings/\(meeting.id.uuidString.lowercased())",
                    due: meeting.recordDue, overdue: meeting.isRecordOverdue(at: now))
            }
            for observation in try db.query(TaskStore.observationsQuery(observer: me)).map(ObservationStore.decode) {
                for owed in observation.feedback where owed.givenAt == nil {
                    add(.giveFeedback, observation.appraisalId, "/v1/observations/\(observation.id.uuidString.lowercased())",
                        due: owed.dueDate, dueAt: owed.dueAt, overdue: owed.isOverdue(at: now), detail: owed.kind.rawValue)
                }
            }
            return tasks.sorted { ($0.dueDate ?? owedDay($0.dueAt) ?? .distantFuture) < ($1.dueDate ?? owedDay($1.dueAt) ?? .distantFuture) }
        }
    }
}

private func owedDay(_ instant: Date?) -> CalendarDate? { instant.map(London.date(of:)) }

private extension CalendarDate {
    static let distantFuture = CalendarDate(year: 9999, month: 12, day: 31)!
}
