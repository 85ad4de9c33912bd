import Foundation

/// A trust's appraisal cycle for one year, for the whole trust, one unit or one staff group
/// (PRODUCT.md "The cycle" step 1). It keeps the policy version it was opened under.
public struct Cycle: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case planned, open, closing, closed

        /// planned → open → closing → closed; a planned cycle may be abandoned (closed), and a
        /// closing one reopened while statements are still being finished.
        public func canMove(to next: State) -> Bool {
            switch (self, next) {
            case (.planned, .open), (.planned, .closed), (.open, .closing), (.closing, .closed), (.closing, .open): return true
            default: return false
            }
        }
    }

    public var id: UUID
    public var trustId: UUID
    public var name: String
    public var year: Int
    public var unitId: UUID?
    public var staffGroup: Employment.StaffGroup?
    public var state: State
    public var policyVersionId: UUID
    public var policyVersion: Int
    public var enrolledCount: Int
    public var excludedCount: Int
    public var openedAt: Date?
    /// Why it was closed with statements not yet locked, and how many (issue 13 §4).
    public var closeReason: String? = nil
    public var unlockedStatementsAtClose: Int? = nil
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, name: String, year: Int, unitId: UUID?, staffGroup: Employment.StaffGroup?, state: State,
                policyVersionId: UUID, policyVersion: Int, enrolledCount: Int, excludedCount: Int, openedAt: Date?, version: Int,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.trustId = trustId
        self.name = name
        self.year = year
        self.unitId = unitId
        self.staffGroup = staffGroup
        self.state = state
        self.policyVersionId = policyVersionId
        self.policyVersion = policyVersion
        self.enrolledCount = enrolledCount
        self.excludedCount = excludedCount
        self.openedAt = openedAt
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public struct CycleInput: Sendable, Equatable, Codable, ValidatedInput {
    public var name: String
    /// The year the cycle starts in: 2026 is September 2026 – August 2027 under a
    /// September policy, January – December 2026 under 001's.
    public var year: Int
    public var unitId: UUID?
    public var staffGroup: Employment.StaffGroup?

    public static let fields: Set<String> = ["name", "year", "unit_id", "staff_group"]

    public init(name: String, year: Int, unitId: UUID? = nil, staffGroup: Employment.StaffGroup? = nil) {
        self.name = name; self.year = year; self.unitId = unitId; self.staffGroup = staffGroup
    }

    public func validate() throws {
        var check = Validator()
        check.text(name, "name", max: 200)
        check.check((2000...2100).contains(year), "year", "range", "must be from 2000 to 2100")
        try check.result()
    }
}

public struct CycleTransition: Sendable, Equatable, Codable, ValidatedInput {
    public var to: Cycle.State
    /// Required to close a cycle whose statements are not all locked (issue 13 §4).
    public var reason: String?
    public static let fields: Set<String> = ["to", "reason"]
    public init(to: Cycle.State, reason: String? = nil) { self.to = to; self.reason = reason }
    public func validate() throws {
        var check = Validator()
        check.optionalText(reason, "reason", max: 4000)
        try check.result()
    }
}

/// One appraisal: an employment in a cycle, with its period and deadlines.
public struct Appraisal: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var cycleId: UUID
    public var employmentId: UUID
    public var personId: UUID
    public var unitId: UUID
    public var category: RevieweeCategory
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    public var adjustments: [Adjustment]
    public var deadlines: [Deadline]
    public var state: String
    public var reviewerAppointment: ReviewerAppointment?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// When its record was destroyed, its retention over (issue 17 §7); nil while it is kept.
    public var recordsDestroyedAt: Date?

    public init(id: UUID, trustId: UUID, cycleId: UUID, employmentId: UUID, personId: UUID, unitId: UUID, category: RevieweeCategory,
                periodStart: CalendarDate, periodEnd: CalendarDate, adjustments: [Adjustment], deadlines: [Deadline], state: String,
                reviewerAppointment: ReviewerAppointment?, version: Int, createdAt: Date, updatedAt: Date,
                recordsDestroyedAt: Date? = nil) {
        self.recordsDestroyedAt = recordsDestroyedAt
        self.id = id
        self.trustId = trustId
        self.cycleId = cycleId
        self.employmentId = employmentId
        self.personId = personId
        self.unitId = unitId
        self.category = category
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.adjustments = adjustments
        self.deadlines = deadlines
        self.state = state
        self.reviewerAppointment = reviewerAppointment
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public struct ReviewerAppointment: Sendable, Equatable, Codable {
    public var id: UUID
    public var appraisalId: UUID
    public var reviewers: [UUID]
    public var externalAdviserId: UUID?
    public var consultedPersonId: UUID?
    public var appointedBy: UUID
    public var reason: AppointmentReason
    public var startedAt: Date
    public var endedAt: Date?

    public init(id: UUID, appraisalId: UUID, reviewers: [UUID], externalAdviserId: UUID?, consultedPersonId: UUID?, appointedBy: UUID,
                reason: AppointmentReason, startedAt: Date, endedAt: Date?) {
        self.id = id
        self.appraisalId = appraisalId
        self.reviewers = reviewers
        self.externalAdviserId = externalAdviserId
        self.consultedPersonId = consultedPersonId
        self.appointedBy = appointedBy
        self.reason = reason
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}

public struct AppointmentInput: Sendable, Equatable, Codable, ValidatedInput {
    public var reviewers: [UUID]
    public var externalAdviserId: UUID?
    public var consultedPersonId: UUID?
    /// Who made the decision; defaults to the caller. An administrator recording a decision
    /// made elsewhere names the person, whose standing the policy then checks.
    public var appointedBy: UUID?
    public var reason: AppointmentReason?

    public static let fields: Set<String> = ["reviewers", "external_adviser_id", "consulted_person_id", "appointed_by", "reason"]

    public init(reviewers: [UUID], externalAdviserId: UUID? = nil, consultedPersonId: UUID? = nil, appointedBy: UUID? = nil,
                reason: AppointmentReason? = nil) {
        self.reviewers = reviewers; self.externalAdviserId = externalAdviserId; self.consultedPersonId = consultedPersonId
        self.appointedBy = appointedBy; self.reason = reason
    }

    public func validate() throws {
        var check = Validator()
        check.check(!reviewers.isEmpty, "reviewers", "min_items", "must name at least one reviewer")
        check.check(reviewers.count <= 12, "reviewers", "max_items", "must name at most 12 reviewers")
        try check.result()
    }
}
