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
        case holdInterimReview = "hold_interim_review"
        case issueStatement = "issue_statement"
        case respondToStatement = "respond_to_statement"
        /// Issue 13 §3: a pending item of an open round the caller moderates …
        case moderateItem = "moderate_item"
        /// … and a returned one the caller reviews, to revise and resubmit.
        case reviseForModeration = "revise_for_moderation"
        /// Issue 14 §6: a concern the caller was told of and must act on (003 §6.3: the head
        /// agrees with the reviewer how to proceed, may re-delegate or take the reviewer role) …
        case considerConcern = "consider_concern"
        /// … a concern the caller raised answered with informal support, awaiting its plan …
        case setSupportPlan = "set_support_plan"
        /// … the next review meeting of a plan they monitor, and its outcome by the period's end …
        case holdSupportReview = "hold_support_review"
        case recordSupportOutcome = "record_support_outcome"
        /// … the end of an improved plan's sustain window (003 §6.10.4) …
        case sustainWindowEnds = "sustain_window_ends"
        /// … and the formal capability meeting of a case they started (004 §11.2).
        case holdCapabilityMeeting = "hold_capability_meeting"
        /// Issue 15 §7: the pay recommendation of an appraisal whose statement is issued, for
        /// whoever the policy has recommend (000 §3.1, 001, 003 §3.4) …
        case recommendPay = "recommend_pay"
        /// … a recommendation awaiting the head's approval (003 §5.3.6) …
        case approvePay = "approve_pay"
        /// … one referred to the pay committee the caller sits on, by the policy's deadline …
        case decidePay = "decide_pay"
        /// … and an appeal against a decision the caller did not take.
        case hearPayAppeal = "hear_pay_appeal"
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
            struct Mine {
                let id: UUID, reviewee: UUID, reviewers: [UUID], deadlines: [Deadline], model: String
                /// 004 §6.2: the CEO leads a head's conversations; `iLead` when the caller is that CEO.
                let ceoLeads: Bool, iLead: Bool
            }
            var sideOf: [UUID] = [], ceoLed: [UUID] = [], reviewed: [UUID] = []
            for row in try db.query(TaskStore.sidesQuery(of: me)) {
                let side = try row.decode(String.self, "side")
                let id = try row.decode(UUID.self, "id")
                if side == TaskStore.Side.ceo.rawValue { ceoLed.append(id) } else { sideOf.append(id) }
                if side == TaskStore.Side.reviewer.rawValue { reviewed.append(id) }
            }
            let grants = try RecordStore.grants(of: me, on: db)
            let scope = TaskScope(grants: grants, reviewed: reviewed)
            let query = TaskStore.appraisalsQuery(sideOf: sideOf, ceoLed: ceoLed)
            let appraisals = sideOf.isEmpty && ceoLed.isEmpty ? [] : try db.query(query).map { row in
                Mine(id: try row.decode(UUID.self, "id"), reviewee: try row.decode(UUID.self, "person_id"),
                     reviewers: try SnakeCaseJSON.decode([UUID].self, from: try row.decode(String.self, "reviewers")),
                     deadlines: try SnakeCaseJSON.decode([Deadline].self, from: try row.decode(String.self, "deadlines")),
                     model: try row.decode(String.self, "model"),
                     ceoLeads: try row.decode(Bool?.self, "ceo_leads") ?? false,
                     iLead: try row.decode(Bool?.self, "i_lead_as_ceo") ?? false)
            }
            let ids = appraisals.map(\.id)
            // What hangs under the caller's appraisals, read only when there are any.
            func rows(_ query: SQL) throws -> [Row] { ids.isEmpty ? [] : try db.query(query) }
            let objectives = Dictionary(grouping: try rows(TaskStore.objectivesQuery(appraisals: ids))
                .map(ObjectiveStore.decode), by: \.appraisalId)
            let meetings = try rows(TaskStore.meetingsQuery(appraisals: ids)).map(MeetingStore.decode)
            let conversations = Set(try rows(TaskStore.conversationKindsQuery(appraisals: ids)).map {
                "\(try $0.decode(UUID.self, "appraisal_id"))/\(try $0.decode(String.self, "kind"))"
            })
            let latestStatements = try rows(TaskStore.latestStatementsQuery(appraisals: ids))
                .map(StatementStore.decode)
            let statements = Dictionary(uniqueKeysWithValues: latestStatements.map { ($0.appraisalId, $0) })
            let interimsHeld = Set(try rows(TaskStore.interimMeetingsQuery(appraisals: ids)).map {
                try $0.decode(UUID.self, "appraisal_id")
            })
            var tasks: [RecordTask] = []
            func add(_ kind: RecordTask.Kind, _ appraisal: UUID, _ resource: String, due: CalendarDate? = nil, dueAt: Date? = nil,
                     overdue: Bool? = nil, detail: String? = nil) {
                tasks.append(RecordTask(kind: kind, appraisalId: appraisal, resource: resource, dueDate: due, dueAt: dueAt,
                                        overdue: overdue ?? (due.map { $0 < today } ?? false), detail: detail))
            }
            func addStatementTask(_ statement: Statement?, _ appraisal: UUID, _ path: String, final: CalendarDate?,
                                  isReviewer: Bool, isReviewee: Bool) {
                // 000 §4, 003 §2.1, §5.3.3: the statement is the reviewer's to issue by the final
                // deadline (shown from 60 days before); once issued, the reviewee's to answer by
                // the end of the comment window.
                if isReviewer, let final, final - today <= Self.assessmentHorizonDays,
                   statement == nil || statement?.state == .draft {
                    add(.issueStatement, appraisal, statement.map { Self.path($0) } ?? path + "/statements", due: final)
                }
                if isReviewee, let statement, statement.state == .issued {
                    add(.respondToStatement, appraisal, Self.path(statement), due: statement.commentDue)
                }
            }
            for appraisal in appraisals {
                let isReviewee = appraisal.reviewee == me, isReviewer = appraisal.reviewers.contains(me)
                let path = "/v1/appraisals/\(appraisal.id.uuidString.lowercased())"
                let upcoming = appraisal.deadlines.map(\.dueDate).sorted().first { $0 >= today } ?? appraisal.deadlines.map(\.dueDate).max()
                let final = appraisal.deadlines.first { ["final_review", "annual_review_meeting"].contains($0.key) }?.dueDate
                // 002 §2.2.5, 003 §5.3.2: a required formal interim review is the reviewer's to hold
                // by its deadline; overdue once the day has passed with none held.
                if isReviewer, let interim = appraisal.deadlines.first(where: { $0.key == "interim_review" }),
                   !interimsHeld.contains(appraisal.id) {
                    add(.holdInterimReview, appraisal.id, path + "/meetings", due: interim.dueDate)
                }
                if appraisal.model == AppraisalModel.objectives.rawValue {
                    let mine = objectives[appraisal.id] ?? []
                    if !mine.contains(where: { $0.state.isSet }) && mine.allSatisfy({ $0.state != .proposed && $0.state != .disputed }) {
                        add(.agreeObjectives, appraisal.id, path + "/objectives", due: upcoming)
                    }
                    addStatementTask(statements[appraisal.id], appraisal.id, path, final: final, isReviewer: isReviewer,
                                     isReviewee: isReviewee)
                    for objective in mine {
                        let objectivePath = "/v1/objectives/\(objective.id.uuidString.lowercased())"
                        if objective.state == .proposed,
                           (isReviewee && !objective.agreedByReviewee) || (isReviewer && !objective.agreedByReviewer) {
                            add(.respondToProposal, appraisal.id, objectivePath, due: upcoming)
                        }
                        if objective.state.isSet, objective.assessment == nil, isReviewer, let final,
                           final - today <= Self.assessmentHorizonDays {
                            add(.assessObjective, appraisal.id, objectivePath, due: final)
                        }
                    }
                } else if appraisal.ceoLeads ? appraisal.iLead : isReviewer {
                    // 004 §6.1: the autumn and mid-year conversations, each by its deadline — the
                    // CEO's to lead for a head (§6.2), not the governors'.
                    for deadline in appraisal.deadlines {
                        guard let kind = deadline.conversationKind else { continue }
                        if !conversations.contains("\(appraisal.id)/\(kind)") {
                            add(.holdConversation, appraisal.id, path + "/conversations", due: deadline.dueDate, detail: kind)
                        }
                    }
                }
            }
            for (facts, objective, due) in try Self.objectivesToDetermine(by: me, grants: grants, scope: scope,
                                                                          today: today, on: db) {
                add(.determineObjective, facts.appraisalId, "/v1/objectives/\(objective.uuidString.lowercased())",
                    due: due)
            }
            for row in try db.query(TaskStore.moderationQuery(for: me)) {
                let item = "/v1/moderation-items/\(try row.decode(UUID.self, "id").uuidString.lowercased())"
                let appraisal = try row.decode(UUID.self, "appraisal_id")
                let iReview = try row.decode(Bool.self, "i_review")
                // A moderator never decides an appraisal they are a side of (ModerationRules).
                let mayDecide = try row.decode(Bool.self, "i_moderate") && !iReview
                    && (try row.decode(UUID.self, "person_id")) != me
                switch try row.decode(String.self, "state") {
                case "pending" where mayDecide: add(.moderateItem, appraisal, item)
                case "returned" where iReview: add(.reviseForModeration, appraisal, item)
                default: break
                }
            }
            for (appraisal, due) in try Self.payToRecommend(by: me, grants: grants, scope: scope, on: db) {
                add(.recommendPay, appraisal, "/v1/appraisals/\(appraisal.uuidString.lowercased())/pay-recommendation",
                    due: due)
            }
            for row in try scope.mayTakePaySteps ? db.query(TaskStore.payQuery(for: me)) : [] {
                let kind = try row.decode(String.self, "kind").asEnum(RecordTask.Kind.self)
                add(kind, try row.decode(UUID.self, "appraisal_id"), try row.decode(String.self, "path"),
                    due: try row.decode(CalendarDate?.self, "due"))
            }
            for task in try Self.supportTasks(of: me, today: today, on: db) {
                add(task.kind, task.appraisal, task.resource, due: task.due)
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

extension TaskService {
    static func path(_ statement: Statement) -> String { "/v1/statements/\(statement.id.uuidString.lowercased())" }

    /// Disputed objectives the caller may determine under each appraisal's policy: the reviewer
    /// (000 §5.3), the head or the operations director (001 "Setting Objectives"), the
    /// governors for a 003 head (§4.1) — not whoever happens to review.
    static func objectivesToDetermine(by me: UUID, grants: [(role: String, unit: UUID?)], scope: TaskScope,
                                      today: CalendarDate,
                                      on db: Connection) throws -> [(AppraisalFacts, UUID, CalendarDate?)] {
        guard scope.mayDetermineObjectives else { return [] }
        var versions: [UUID: PolicyDocument] = [:]
        var result: [(AppraisalFacts, UUID, CalendarDate?)] = []
        for row in try db.query(TaskStore.disputedObjectivesQuery(for: me, scope: scope)) {
            let facts = try RecordStore.decodeFacts(row)
            let policy = try policy(for: facts, &versions, on: db)
            guard let decider = policy?.objectives?.disagreementDecidedBy,
                  RecordStore.participation(of: me, grants: grants, in: facts).mayDetermine(decider) else { continue }
            let deadlines = try SnakeCaseJSON.decode([Deadline].self, from: try row.decode(String.self, "deadlines"))
                .map(\.dueDate).sorted()
            let due = deadlines.first { $0 >= today } ?? deadlines.last
            result.append((facts, try row.decode(UUID.self, "objective_id"), due))
        }
        return result
    }
}

extension TaskService {
    /// The policy section in force for an appraisal, each version loaded once per `versions`.
    static func policy(for facts: AppraisalFacts, _ versions: inout [UUID: PolicyDocument],
                       on db: Connection) throws -> PolicyDocument? {
        if versions[facts.policyVersionId] == nil {
            versions[facts.policyVersionId] = try PolicyStore.byID(facts.policyVersionId, on: db)?.document
        }
        return versions[facts.policyVersionId]?.resolved(unitId: facts.unitId, staffGroup: facts.staffGroup,
                                                         jobTitle: facts.jobTitle)
    }
}

extension TaskService {
    struct SupportTask { let kind: RecordTask.Kind, appraisal: UUID, resource: String, due: CalendarDate? }

    /// Issue 14 §6: support and capability, for whoever acts: the role told of a concern, its
    /// raiser until its plan is set, the plan's monitor, the capability case's starter.
    static func supportTasks(of me: UUID, today: CalendarDate, on db: Connection) throws -> [SupportTask] {
        var tasks: [SupportTask] = []
        func add(_ kind: RecordTask.Kind, _ appraisal: UUID, _ resource: String, due: CalendarDate?) {
            tasks.append(SupportTask(kind: kind, appraisal: appraisal, resource: resource, due: due))
        }
        for row in try db.query(TaskStore.concernsToActOnQuery(for: me)) {
            let concern = try row.decode(UUID.self, "id"), appraisal = try row.decode(UUID.self, "appraisal_id")
            let path = "/v1/concerns/\(concern.uuidString.lowercased())"
            if try row.decode(Bool.self, "told") { add(.considerConcern, appraisal, path, due: nil) }
            if try row.decode(Bool.self, "awaits_plan") {
                add(.setSupportPlan, appraisal, path + "/support-plans", due: nil)
            }
        }
        for row in try db.query(TaskStore.supportPlansQuery(monitor: me, today: today)) {
            let plan = try SupportPlanStore.decode(row)
            let path = "/v1/support-plans/\(plan.id.uuidString.lowercased())"
            switch plan.state {
            case .active, .paused:
                if let next = plan.reviewMeetings.first(where: { $0 >= today }) {
                    add(.holdSupportReview, plan.appraisalId, path, due: next)
                }
                add(.recordSupportOutcome, plan.appraisalId, path + "/outcome", due: plan.endsOn)
            case .improved:
                add(.sustainWindowEnds, plan.appraisalId, path, due: plan.sustainUntil)
            case .notImproved: break
            }
        }
        for row in try db.query(TaskStore.capabilityMeetingsQuery(startedBy: me, today: today)) {
            let found = try CapabilityStore.decode(row)
            add(.holdCapabilityMeeting, found.appraisalId, "/v1/capability-cases/\(found.id.uuidString.lowercased())",
                due: found.meetingOn)
        }
        return tasks
    }
}

private func owedDay(_ instant: Date?) -> CalendarDate? { instant.map(London.date(of:)) }

private extension CalendarDate {
    static let distantFuture = CalendarDate(year: 9999, month: 12, day: 31)!
}
