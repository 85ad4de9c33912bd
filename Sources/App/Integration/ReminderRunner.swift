import Domain
import Foundation
import Outbound
import Postgres
import Store

/// The reminder pass (issue 16 §5), run by the server as a background service and by
/// `appraise reminders run`. For each trust with a cycle running, each person with an account
/// has their tasks worked out by `TaskService` — the same decision as `/v1/me/tasks`, so a
/// reminder never tells anyone of something they could not see — and each task due within the
/// trust's lead time, or overdue, is recorded once per deadline and stage: audited, so it
/// reaches the change feed under the topic of what it concerns, and, where the trust turned
/// emails on and the server has a mail sender, emailed once.
public struct ReminderRunner: Sendable {
    public struct Configuration: Sendable {
        /// Where emails go; nil: reminders are events only.
        public var mail: (any MailSender)?
        /// The front end's address, put before the task's path in an email (nil: no link).
        public var link: String?
        /// Attempts at one email before it is given up as failed; retried 5 minutes apart, then longer.
        public var emailAttempts = 6
        public init(mail: (any MailSender)? = nil, link: String? = nil) { self.mail = mail; self.link = link }
    }

    public struct Outcome: Sendable, Equatable {
        public var reminders = 0
        public var emailed = 0
        public var emailFailures = 0
        /// Trusts whose pass failed (a statement timeout, a lock held too long); the next pass
        /// tries them again.
        public var failedTrusts: [UUID] = []
        public init() {}
    }

    let environment: AppEnvironment
    let configuration: Configuration
    public init(_ environment: AppEnvironment, configuration: Configuration) {
        self.environment = environment
        self.configuration = configuration
    }

    /// One pass over every trust, or over `only` those.
    public func runOnce(only: Set<UUID>? = nil) async throws -> Outcome {
        let trusts = try await environment.transaction(.platform) { db in
            try db.query(ReminderStore.trustsQuery).map { try $0.decode(UUID.self, "id") }
        }.filter { only?.contains($0) ?? true }
        var outcome = Outcome()
        for trust in trusts {
            try Task.checkCancellation()
            // One trust's failure does not cost the trusts after it their reminders: a pass
            // that stopped at a trust's statement timeout reminded none of the others.
            do {
                outcome.reminders += try await remind(in: trust)
                let (sent, failed) = try await sendEmails(in: trust)
                outcome.emailed += sent
                outcome.emailFailures += failed
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome.failedTrusts.append(trust)
            }
        }
        return outcome
    }

    /// Records the reminders now due in one trust; how many were new.
    func remind(in trust: UUID) async throws -> Int {
        let now = environment.clock.now()
        let today = London.date(of: now)
        let (settings, recipients) = try await environment.transaction(.trust(trust)) { db in
            (try ReminderStore.settings(on: db),
             try db.query(ReminderStore.recipientsQuery).map(ReminderStore.decodeRecipient))
        }
        let emailed = settings.emails && configuration.mail != nil
        var made = 0
        for recipient in recipients {
            try Task.checkCancellation()
            let due = try await TaskService(environment).tasks(of: recipient.person, in: trust).compactMap { task in
                Self.due(task, person: recipient.person, today: today, daysBefore: settings.daysBefore)
            }
            guard !due.isEmpty else { continue }
            made += try await record(due, in: trust, emailed: emailed, at: now)
        }
        return made
    }

    static func due(_ task: RecordTask, person: UUID, today: CalendarDate, daysBefore: Int) -> ReminderStore.Due? {
        guard let date = task.dueDate ?? task.dueAt.map({ London.date(of: $0) }),
              let stage = Reminder.stage(due: date, today: today, daysBefore: daysBefore) else { return nil }
        return ReminderStore.Due(person: person, kind: task.kind.rawValue, resource: task.resource, dueDate: date,
                                 stage: stage)
    }

    /// One person's due reminders in one transaction, each audited as the system's write (and
    /// so published) only when new.
    func record(_ due: [ReminderStore.Due], in trust: UUID, emailed: Bool, at now: Date) async throws -> Int {
        let ids = due.map { _ in environment.newID() }
        return try await environment.transaction(.trust(trust)) { [environment] db in
            var made = 0
            for (reminder, id) in zip(due, ids) {
                guard try ReminderStore.record(reminder, id: id, trust: trust, emailed: emailed, at: now, on: db)
                else { continue }
                let type = Reminder.resourceType(ofTask: reminder.kind) ?? "reminder"
                try environment.audit(.init(trustId: trust, action: reminder.stage.rawValue, resourceType: type,
                                            resourceId: id, subjectPersonId: reminder.person,
                                            changedFields: ["kind", "resource", "due_date"]),
                                      .system, at: now, on: db)
                made += 1
            }
            return made
        }
    }

    /// Sends the trust's pending emails in batches: each held while it is sent (no transaction
    /// open meanwhile), then marked sent, or retried later, or given up after the last attempt.
    func sendEmails(in trust: UUID) async throws -> (sent: Int, failed: Int) {
        guard let mail = configuration.mail else { return (0, 0) }
        var sent = 0, failed = 0
        while true {
            try Task.checkCancellation()
            let now = environment.clock.now()
            let batch = try await environment.transaction(.trust(trust)) { db in
                let pending = try db.query(ReminderStore.pendingEmailsQuery(limit: 20, at: now))
                    .map(ReminderStore.decodePending)
                try ReminderStore.hold(pending.map(\.id), until: now.addingTimeInterval(120), on: db)
                return pending
            }
            guard !batch.isEmpty else { return (sent, failed) }
            for email in batch {
                let error = await send(email, with: mail)
                let attempts = email.attempts + 1
                let retryAt = error == nil || attempts >= configuration.emailAttempts ? nil
                    : now.addingTimeInterval(300 * Double(1 << min(attempts - 1, 6)))
                try await environment.transaction(.trust(trust)) { db in
                    try ReminderStore.emailed(email.id, error: error, retryAt: retryAt, at: now, on: db)
                }
                if error == nil { sent += 1 } else { failed += 1 }
            }
        }
    }

    func send(_ email: ReminderStore.PendingEmail, with mail: any MailSender) async -> String? {
        let message = Reminder.email(to: email.recipient.email, givenName: email.recipient.givenName, kind: email.kind,
                                     resource: email.resource, due: email.dueDate, stage: email.stage,
                                     link: configuration.link)
        do {
            try await mail.send(MailMessage(to: message.to, subject: message.subject, body: message.body))
            return nil
        } catch {
            return "\(error)"
        }
    }
}
