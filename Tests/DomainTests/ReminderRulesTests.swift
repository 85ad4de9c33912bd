import Domain
import Testing

/// Issue 16 §5: when a deadline reminds, what the feed may say of it, what the email says.
struct ReminderRulesTests {
    let due = CalendarDate("2031-03-14")!

    @Test func aDeadlineRemindsWithinTheLeadTimeAndAgainOnceOverdue() {
        func stage(_ today: String, _ days: Int = 3) -> Reminder.Stage? {
            Reminder.stage(due: due, today: CalendarDate(today)!, daysBefore: days)
        }
        #expect(stage("2031-03-10") == nil)
        #expect(stage("2031-03-11") == .dueSoon)
        #expect(stage("2031-03-14") == .dueSoon, "the due day itself is still 'due'")
        #expect(stage("2031-03-15") == .overdue)
        #expect(stage("2031-03-01", 13) == .dueSoon && stage("2031-03-01", 12) == nil)
    }

    @Test func remindersArePublishedUnderTheTopicOfWhatTheyConcern() {
        #expect(Reminder.resourceType(ofTask: "give_feedback") == "appraisal_reminder")
        #expect(Reminder.resourceType(ofTask: "decide_pay") == "pay_reminder")
        #expect(Reminder.resourceType(ofTask: "hold_support_review") == "support_reminder")
        // Issue 14 §5: an informal concern is known to nobody else until a plan follows.
        #expect(Reminder.resourceType(ofTask: "consider_concern") == nil)
        let appraisal = ChangeFeed.publication(resourceType: "appraisal_reminder", action: "overdue", allowed: true)
        #expect(appraisal?.topic == .appraisals && appraisal?.type == "appraisal_reminder.overdue")
        #expect(ChangeFeed.publication(resourceType: "pay_reminder", action: "due_soon", allowed: true)?.topic == .pay)
        #expect(ChangeFeed.publication(resourceType: "support_reminder", action: "due_soon", allowed: true)?.topic
            == .support)
        #expect(ChangeFeed.publication(resourceType: "reminder", action: "due_soon", allowed: true) == nil)
    }

    @Test func theEmailNamesTheTaskItsDateAndALinkOnly() {
        let soon = Reminder.email(to: "k.mensah@oak.example", givenName: "Kofi", kind: "write_meeting_record",
                                  resource: "/v1/meetings/7", due: due, stage: .dueSoon, link: "https://hr.example")
        #expect(soon.subject == "Reminder from Appraise: write up a meeting by 14 March 2031")
        #expect(soon.body.hasPrefix("Dear Kofi,\n\nIn Appraise you have to write up a meeting: "
                                    + "it is due by 14 March 2031."))
        #expect(soon.body.contains("\nhttps://hr.example/v1/meetings/7\n"))
        let late = Reminder.email(to: "k.mensah@oak.example", givenName: "Kofi", kind: "respond_to_statement",
                                  resource: "/v1/statements/9", due: due, stage: .overdue, link: nil)
        #expect(late.subject == "Overdue in Appraise: comment on your statement (was due 14 March 2031)")
        #expect(late.body.contains("was due on 14 March 2031 and is still open") && late.body.contains("Open Appraise"))
    }

    @Test func settingsAllowOneToThirtyDaysAhead() {
        #expect(throws: Never.self) { try ReminderSettingsInput(emails: true, daysBefore: 30).validate() }
        #expect(throws: (any Error).self) { try ReminderSettingsInput(emails: true, daysBefore: 0).validate() }
        #expect(throws: (any Error).self) { try ReminderSettingsInput(emails: false, daysBefore: 31).validate() }
    }
}
