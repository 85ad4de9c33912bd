import Foundation

/// An observation of the reviewee's work (issue 5 §4), with the feedback it is owed.
public struct Observation: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case formalLesson = "formal_lesson", dropIn = "drop_in", learningWalk = "learning_walk", work

        /// Observation of classroom practice (000 §6.1, 002 §2.2.4, 004 §7.3: by someone with QTS).
        public var isClassroomPractice: Bool { self != .work }
    }

    /// Feedback owed after the observation: verbal and written by a date (003 §5.1.1), or
    /// within hours (001: 48 hours for work observation).
    public struct Feedback: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable { case verbal, written, feedback }
        public var kind: Kind
        /// Due by the end of this London day.
        public var dueDate: CalendarDate?
        /// Due by this instant.
        public var dueAt: Date?
        public var givenAt: Date?
        public var givenBy: UUID?
        public init(kind: Kind, dueDate: CalendarDate?, dueAt: Date?, givenAt: Date? = nil, givenBy: UUID? = nil) {
            self.kind = kind; self.dueDate = dueDate; self.dueAt = dueAt; self.givenAt = givenAt; self.givenBy = givenBy
        }

        public func isOnTime(_ instant: Date) -> Bool {
            if let dueAt { return instant <= dueAt }
            if let dueDate { return London.isOnTime(instant, by: dueDate) }
            return true
        }

        /// Not given, and its time has passed.
        public func isOverdue(at now: Date) -> Bool { givenAt == nil && !isOnTime(now) }
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var kind: Kind
    public var observerId: UUID
    public var observedAt: Date
    public var durationMinutes: Int
    public var focus: String
    public var notes: String?
    public var noticeGivenOn: CalendarDate?
    public var concernsRaised: Bool
    /// 004 §7.4: learning walks are not used for performance management unless concerns arise.
    public var forPerformanceManagement: Bool
    public var feedback: [Feedback]
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, kind: Kind, observerId: UUID, observedAt: Date, durationMinutes: Int,
                focus: String, notes: String?, noticeGivenOn: CalendarDate?, concernsRaised: Bool, forPerformanceManagement: Bool,
                feedback: [Feedback], version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.kind = kind; self.observerId = observerId
        self.observedAt = observedAt; self.durationMinutes = durationMinutes; self.focus = focus; self.notes = notes
        self.noticeGivenOn = noticeGivenOn; self.concernsRaised = concernsRaised; self.forPerformanceManagement = forPerformanceManagement
        self.feedback = feedback; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct ObservationInput: Sendable, Equatable, Codable, ValidatedInput {
    public var kind: Observation.Kind
    public var observerId: UUID
    public var observedAt: Date
    public var durationMinutes: Int
    public var focus: String
    public var notes: String?
    public var noticeGivenOn: CalendarDate?
    public var concernsRaised: Bool?

    public static let fields: Set<String> = ["kind", "observer_id", "observed_at", "duration_minutes", "focus", "notes",
                                             "notice_given_on", "concerns_raised"]

    public func validate() throws {
        var check = Validator()
        check.check((1...480).contains(durationMinutes), "duration_minutes", "range", "must be from 1 to 480 minutes")
        check.text(focus, "focus", max: 1000)
        check.optionalText(notes, "notes", max: 8000)
        if let notice = noticeGivenOn {
            check.check(notice <= London.date(of: observedAt), "notice_given_on", "before_observation", "must be on or before the observation")
        }
        try check.result()
    }
}

public struct FeedbackInput: Sendable, Equatable, Codable, ValidatedInput {
    public var kind: Observation.Feedback.Kind
    public var givenAt: Date
    public static let fields: Set<String> = ["kind", "given_at"]
    public func validate() throws {}
}

/// What the policy says about one observation, given the reviewee and what is already planned.
public enum ObservationRulesCheck {
    public struct Facts: Sendable {
        /// The reviewee teaches: their classroom practice is observed by someone with QTS.
        public var revieweeIsTeacher: Bool
        public var observerHasQts: Bool
        public var observerExists: Bool
        /// Observations already recorded in this appraisal.
        public var existing: [Observation]
        public init(revieweeIsTeacher: Bool, observerHasQts: Bool, observerExists: Bool, existing: [Observation]) {
            self.revieweeIsTeacher = revieweeIsTeacher; self.observerHasQts = observerHasQts
            self.observerExists = observerExists; self.existing = existing
        }
    }

    /// Whether it counts for performance management (004 §7.4), or the rule it breaks.
    public static func check(_ input: ObservationInput, rules: ObservationRules, facts: Facts) throws -> Bool {
        var check = Validator()
        check.check(facts.observerExists, "observer_id", "exists", "must be a person of this trust")
        // 000 §6.1, 002 §2.2.4: classroom practice of a teacher is observed by someone with QTS;
        // 004 §7.3: of everyone "employed to work in class", teaching assistants included.
        let inScope = facts.revieweeIsTeacher || rules.qtsObserverFor == .everyoneInClass
        if rules.teacherObserverNeedsQts && inScope && input.kind.isClassroomPractice && facts.observerExists {
            check.check(facts.observerHasQts, "observer_id", "qts",
                        "must hold QTS to observe classroom practice under this policy",
                        policy: "observations.teacher_observer_needs_qts")
        }
        if input.kind == .work {
            // 001: work observation is discussed with the employee in advance.
            if rules.workObservationNeedsNotice {
                check.check(input.noticeGivenOn != nil, "notice_given_on", "required",
                            "is required: work observation is agreed with the employee in advance under this policy",
                            policy: "observations.work_observation_needs_notice")
            }
            // 001: formal work observation normally only once a cycle.
            if let max = rules.maxFormalWorkObservationsPerCycle {
                let formal = facts.existing.filter { $0.kind == .work }.count
                check.check(formal < max, "kind", "max_formal_work_observations",
                            "at most \(max) formal work observation(s) per cycle under this policy",
                            policy: "observations.max_formal_work_observations_per_cycle")
            }
        }
        let counts = input.kind != .learningWalk || rules.learningWalksForPerformanceManagement || (input.concernsRaised ?? false)
        // 004 §7.2: a yearly cap on observation hours, enforced when scheduling.
        if let cap = rules.maxHoursPerYear, counts {
            let minutes = facts.existing.filter(\.forPerformanceManagement).map(\.durationMinutes).reduce(0, +) + input.durationMinutes
            let capMinutes = NSDecimalNumber(decimal: cap * 60).intValue
            check.check(minutes <= capMinutes, "duration_minutes", "max_hours_per_year",
                        "would bring this year's observation to \(minutes) minutes, over the policy's \(capMinutes)",
                        policy: "observations.max_hours_per_year")
        }
        try check.result()
        return counts
    }

    /// The feedback owed: 003 §5.1.1 verbal within 5 and written within 7 working days; 001
    /// within 48 hours of work observation. Days and hours count on the reviewee's working
    /// calendar (weekends, bank holidays and, for term-time staff, school holidays do not).
    public static func feedbackDue(for kind: Observation.Kind, observedAt: Date, rules: ObservationRules, calendar: WorkingCalendar,
                                   pattern: Employment.WorkingPattern) throws -> [Observation.Feedback] {
        let day = London.date(of: observedAt)
        if kind == .work, let hours = rules.workObservationFeedbackHours {
            return [Observation.Feedback(kind: .feedback, dueDate: nil,
                                         dueAt: try workingHours(hours, after: observedAt, calendar: calendar, pattern: pattern))]
        }
        var owed: [Observation.Feedback] = []
        if let days = rules.verbalFeedbackWorkingDays {
            owed.append(.init(kind: .verbal, dueDate: try calendar.adding(workingDays: days, to: day, for: pattern), dueAt: nil))
        }
        if let days = rules.writtenFeedbackWorkingDays {
            owed.append(.init(kind: .written, dueDate: try calendar.adding(workingDays: days, to: day, for: pattern), dueAt: nil))
        }
        return owed
    }

    /// `hours` after `instant`, counting only the hours of working days: 48 hours after a
    /// Friday 10:00 observation is Tuesday 10:00, not Sunday. An observation on a day that is
    /// not a working day starts the count at the next working day's start.
    static func workingHours(_ hours: Int, after instant: Date, calendar: WorkingCalendar, pattern: Employment.WorkingPattern) throws -> Date {
        var day = London.date(of: instant)
        var remaining = Double(hours) * 3600
        var cursor = instant
        if !calendar.isWorkingDay(day, for: pattern) {
            day = try calendar.adding(workingDays: 1, to: day, for: pattern)
            cursor = London.startOfDay(day)
        }
        while true {
            let endOfDay = London.startOfDay(day.adding(days: 1))
            let available = endOfDay.timeIntervalSince(cursor)
            if remaining <= available { return cursor.addingTimeInterval(remaining) }
            remaining -= available
            day = try calendar.adding(workingDays: 1, to: day, for: pattern)
            cursor = London.startOfDay(day)
        }
    }
}
