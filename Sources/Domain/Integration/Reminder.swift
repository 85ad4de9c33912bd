import Foundation

/// Reminders (issue 16 §5; "there should be no surprises", 001): a task falling due within the
/// trust's lead time, or overdue, becomes one reminder per deadline and stage — an event on the
/// feed and, where the trust turns them on, an email. Which tasks a person has is
/// `TaskService`'s decision, the same one `/v1/me/tasks` shows; this decides when each
/// reminds, what the feed may say of it, and what the email says (never appraisal text).
public enum Reminder {
    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// Due within the lead time, today included.
        case dueSoon = "due_soon"
        /// The due date has passed with the task still open.
        case overdue
    }

    /// The trust's choices; with no row, reminders are events only, five days ahead.
    public struct Settings: Sendable, Equatable {
        public var emails: Bool
        public var daysBefore: Int
        public var version: Int
        public var updatedAt: Date?

        public static let defaults = Settings(emails: false, daysBefore: 5, version: 0, updatedAt: nil)
        public static let daysBeforeRange = 1...30

        public init(emails: Bool, daysBefore: Int, version: Int, updatedAt: Date?) {
            self.emails = emails; self.daysBefore = daysBefore; self.version = version; self.updatedAt = updatedAt
        }
    }

    /// The stage a task due on `due` has reached `today`, if any.
    public static func stage(due: CalendarDate, today: CalendarDate, daysBefore: Int) -> Stage? {
        if due < today { return .overdue }
        return due - today <= daysBefore ? .dueSoon : nil
    }

    /// The resource type a reminder of this task kind is audited and published under, so the
    /// feed's readers are those of the data it concerns (`ChangeFeed.topics`): support steps
    /// to HR only, pay steps likewise. Nil: never published — a concern raised informally is
    /// known to nobody else until a plan follows (issue 14 §5); the person is still emailed.
    public static func resourceType(ofTask kind: String) -> String? {
        if unpublishedTasks.contains(kind) { return nil }
        if supportTasks.contains(kind) { return "support_reminder" }
        if payTasks.contains(kind) { return "pay_reminder" }
        return "appraisal_reminder"
    }

    static let unpublishedTasks: Set<String> = ["consider_concern", "set_support_plan"]
    static let supportTasks: Set<String> = ["hold_support_review", "record_support_outcome", "sustain_window_ends",
                                            "hold_capability_meeting"]
    static let payTasks: Set<String> = ["recommend_pay", "approve_pay", "decide_pay", "hear_pay_appeal"]

    /// What a task kind asks, for the email: the kind alone, never the record's text.
    public static func action(ofTask kind: String) -> String {
        actions[kind] ?? kind.replacingOccurrences(of: "_", with: " ")
    }

    static let actions = [
        "agree_objectives": "agree objectives", "respond_to_proposal": "respond to a proposed objective",
        "determine_objective": "determine a disputed objective", "assess_objective": "assess an objective",
        "give_feedback": "give observation feedback", "write_meeting_record": "write up a meeting",
        "hold_conversation": "hold an appraisal conversation", "hold_interim_review": "hold an interim review",
        "issue_statement": "issue an appraisal statement", "respond_to_statement": "comment on your statement",
        "moderate_item": "moderate an item", "revise_for_moderation": "revise an item returned by moderation",
        "consider_concern": "consider a concern", "set_support_plan": "set a support plan",
        "hold_support_review": "hold a support plan review", "record_support_outcome": "record a support outcome",
        "sustain_window_ends": "review a support plan's sustain period",
        "hold_capability_meeting": "hold a capability meeting", "recommend_pay": "make a pay recommendation",
        "approve_pay": "approve a pay recommendation", "decide_pay": "decide pay",
        "hear_pay_appeal": "hear a pay appeal",
    ]

    /// One email: the task's kind, its date and a link; the person's own first name.
    public struct Email: Sendable, Equatable {
        public var to: String
        public var subject: String
        public var body: String
    }

    public static func email(to address: String, givenName: String, kind: String, resource: String,
                             due: CalendarDate, stage: Stage, link base: String?) -> Email {
        let action = action(ofTask: kind)
        let date = due.spelledOut
        let subject = stage == .overdue ? "Overdue in Appraise: \(action) (was due \(date))"
            : "Reminder from Appraise: \(action) by \(date)"
        let when = stage == .overdue ? "was due on \(date) and is still open" : "is due by \(date)"
        let body = """
            Dear \(givenName),

            In Appraise you have to \(action): it \(when).

            \(base.map { $0 + resource } ?? "Open Appraise to see it.")

            This is an automatic reminder from your school's appraisal system; it says nothing of \
            what the record holds. Your trust chooses whether these emails are sent.

            """
        return Email(to: address, subject: subject, body: body)
    }

}

/// `PUT /v1/reminder-settings`: whether reminders are also emailed, and how far ahead.
public struct ReminderSettingsInput: Sendable, Equatable, Codable, ValidatedInput {
    public var emails: Bool
    public var daysBefore: Int

    public static let fields: Set<String> = ["emails", "days_before"]

    public init(emails: Bool, daysBefore: Int) { self.emails = emails; self.daysBefore = daysBefore }

    public func validate() throws {
        var check = Validator()
        check.check(Reminder.Settings.daysBeforeRange.contains(daysBefore), "days_before", "range",
                    "must be 1 to 30 days")
        try check.result()
    }
}
