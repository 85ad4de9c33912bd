import Foundation

/// The move to formal capability (issue 14 §4): the employee notified in writing that appraisal
/// no longer applies and invited to a formal meeting (004 §12), with the notice the policy
/// requires (004 §11.2: at least 10 working days) and the right to be accompanied. While it
/// lasts the appraisal is suspended (000 §8.2, 001, 003 §6.12.4, 004 §12).
public struct CapabilityCase: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var concernId: UUID
    public var supportPlanId: UUID?
    public var notifiedInWritingOn: CalendarDate
    public var meetingOn: CalendarDate
    public var rightToBeAccompaniedExplained: Bool
    public var startedBy: UUID?
    public var endedOn: CalendarDate?
    /// Calendar days the appraisal stood suspended: its deadlines moved by as many.
    public var suspendedDays: Int?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, concernId: UUID, supportPlanId: UUID?,
                input: CapabilityInput, startedBy: UUID?, at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.concernId = concernId
        self.supportPlanId = supportPlanId; self.notifiedInWritingOn = input.notifiedInWritingOn
        self.meetingOn = input.meetingOn; self.rightToBeAccompaniedExplained = input.rightToBeAccompaniedExplained
        self.startedBy = startedBy; self.endedOn = nil; self.suspendedDays = nil
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct CapabilityInput: Sendable, Equatable, Codable, ValidatedInput {
    /// The concern the case follows: one by-passing informal support, or one whose plan ended
    /// not improved.
    public var concernId: UUID
    public var notifiedInWritingOn: CalendarDate
    public var meetingOn: CalendarDate
    public var rightToBeAccompaniedExplained: Bool

    public static let fields: Set<String> = ["concern_id", "notified_in_writing_on", "meeting_on",
                                             "right_to_be_accompanied_explained"]

    public init(concernId: UUID, notifiedInWritingOn: CalendarDate, meetingOn: CalendarDate,
                rightToBeAccompaniedExplained: Bool) {
        self.concernId = concernId; self.notifiedInWritingOn = notifiedInWritingOn; self.meetingOn = meetingOn
        self.rightToBeAccompaniedExplained = rightToBeAccompaniedExplained
    }

    public func validate() throws {
        var check = Validator()
        check.check(meetingOn >= notifiedInWritingOn, "meeting_on", "not_before_notice",
                    "must not be before notified_in_writing_on")
        try check.result()
    }
}

/// The end of the capability case: the appraisal resumes.
public struct CapabilityEndInput: Sendable, Equatable, Codable, ValidatedInput {
    public var endedOn: CalendarDate
    public static let fields: Set<String> = ["ended_on"]
    public init(endedOn: CalendarDate) { self.endedOn = endedOn }
    public func validate() throws {}
}

public enum CapabilityRules {
    /// Whether the concern leads to capability: it by-passed informal support (003 §6.11), or
    /// its plan ended not improved (003 §6.12, 004 §12).
    public static func start(_ input: CapabilityInput, concern: Concern, plan: SupportPlan?, rules: SupportRules,
                             calendar: WorkingCalendar, pattern: Employment.WorkingPattern,
                             today: CalendarDate) throws {
        var check = Validator()
        let bypassed = concern.response == .formalCapability
        check.check(bypassed || plan?.state == .notImproved, "concern_id", "not_ready",
                    "must have by-passed informal support, or have a support plan that ended not improved")
        check.check(input.notifiedInWritingOn <= today, "notified_in_writing_on", "not_in_future",
                    "must not be in the future")
        check.check(input.rightToBeAccompaniedExplained, "right_to_be_accompanied_explained", "required",
                    "the employee must be told they may be accompanied to the formal meeting (004 §11.2)")
        if let days = rules.capabilityMeetingNoticeWorkingDays {
            let earliest = try calendar.adding(workingDays: days, to: input.notifiedInWritingOn, for: pattern)
            check.check(input.meetingOn >= earliest, "meeting_on", "support.capability_meeting_notice_working_days",
                        "must be on or after \(earliest): \(days) working days' notice of the formal meeting",
                        policy: "support.capability_meeting_notice_working_days")
        }
        try check.result()
    }

    /// The appraisal's deadlines moved by the days it stood suspended (issue 14 §4).
    public static func resumed(_ deadlines: [Deadline], after days: Int) -> [Deadline] {
        deadlines.map { deadline in
            var moved = deadline
            moved.dueDate = deadline.dueDate.adding(days: days)
            return moved
        }
    }
}

/// A live capability case already suspends the appraisal: 409.
public struct CapabilityCaseLive: Error, Sendable { public init() {} }
/// A case that has ended takes no more changes: 409.
public struct CapabilityCaseEnded: Error, Sendable { public init() {} }
