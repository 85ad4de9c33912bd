import Foundation

/// A meeting of the review (issue 5 §6): planning, interim, termly, annual; who attended, the
/// notice given and the written record, which every seed requires (000 §9.1) and 001 wants
/// within two weeks.
public struct Meeting: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case planning, interim, termly, annual
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var kind: Kind
    public var heldOn: CalendarDate
    public var attendees: [UUID]
    public var noticeGivenOn: CalendarDate?
    /// When the written record is due (the policy's `meetings.record_due_days`), if it sets one.
    public var recordDue: CalendarDate?
    public var record: String?
    public var recordWrittenAt: Date?
    public var recordWrittenBy: UUID?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, kind: Kind, heldOn: CalendarDate, attendees: [UUID],
                noticeGivenOn: CalendarDate?, recordDue: CalendarDate?, record: String?, recordWrittenAt: Date?,
                recordWrittenBy: UUID?, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.kind = kind; self.heldOn = heldOn
        self.attendees = attendees; self.noticeGivenOn = noticeGivenOn; self.recordDue = recordDue; self.record = record
        self.recordWrittenAt = recordWrittenAt; self.recordWrittenBy = recordWrittenBy; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The record is not written and its due day has passed (London time).
    public func isRecordOverdue(at now: Date) -> Bool {
        guard recordWrittenAt == nil, let recordDue else { return false }
        return !London.isOnTime(now, by: recordDue)
    }
}

public struct MeetingInput: Sendable, Equatable, Codable, ValidatedInput {
    public var kind: Meeting.Kind
    public var heldOn: CalendarDate
    public var attendees: [UUID]?
    public var noticeGivenOn: CalendarDate?

    public static let fields: Set<String> = ["kind", "held_on", "attendees", "notice_given_on"]

    public init(kind: Meeting.Kind, heldOn: CalendarDate, attendees: [UUID]?, noticeGivenOn: CalendarDate?) {
        self.kind = kind; self.heldOn = heldOn; self.attendees = attendees; self.noticeGivenOn = noticeGivenOn
    }

    public func validate() throws {
        var check = Validator()
        check.check((attendees ?? []).count <= 30, "attendees", "max_items", "must have at most 30 attendees")
        check.check(Set(attendees ?? []).count == (attendees ?? []).count, "attendees", "unique", "must not repeat a person")
        if let notice = noticeGivenOn {
            check.check(notice <= heldOn, "notice_given_on", "before_meeting", "must be on or before the meeting")
        }
        try check.result()
    }
}

public struct MeetingRecordInput: Sendable, Equatable, Codable, ValidatedInput {
    public var record: String
    public static let fields: Set<String> = ["record"]
    public func validate() throws {
        var check = Validator()
        check.text(record, "record", max: 20000)
        try check.result()
    }
}

public enum MeetingRulesCheck {
    /// 001 "Annual Review": at least two weeks' notice of the annual review meeting.
    public static func check(_ input: MeetingInput, rules: MeetingRules) throws {
        guard input.kind == .annual, let days = rules.annualReviewNoticeDays else { return }
        guard let notice = input.noticeGivenOn else {
            throw ValidationFailure(field: "notice_given_on", rule: "required",
                                    message: "is required: the annual review needs \(days) days' notice "
                                        + "under this policy",
                                    policy: "meetings.annual_review_notice_days")
        }
        if input.heldOn - notice < days {
            throw ValidationFailure(field: "notice_given_on", rule: "notice",
                                    message: "must be at least \(days) days before the annual review under this policy",
                                    policy: "meetings.annual_review_notice_days")
        }
    }

    /// 001: the written record within two weeks of the meeting. A due day that is not a working
    /// day of the reviewee moves to the next one (a record is not due on a Sunday or in the
    /// school holiday of term-time staff).
    public static func recordDue(heldOn: CalendarDate, rules: MeetingRules, calendar: WorkingCalendar,
                                 pattern: Employment.WorkingPattern) throws -> CalendarDate? {
        guard let days = rules.recordDueDays else { return nil }
        let due = heldOn.adding(days: days)
        if calendar.isWorkingDay(due, for: pattern) { return due }
        return try calendar.adding(workingDays: 1, to: due, for: pattern)
    }
}
