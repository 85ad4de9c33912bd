import App
import Foundation
import Outbound
import Postgres
import Testing
import TestSupport

/// Issue 16 §5: deadlines approaching and overdue become events and, where the trust turns
/// them on, emails through a real SMTP server on loopback (scripts/smtp-sink.py) — each stage
/// of each deadline once, retried through an outage, never carrying appraisal text.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ReminderTests: PresetScenario {
    let now = TestClock("2046-09-10")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// The sink, started on a free port; its messages as JSON objects.
    final class Sink: Sendable {
        let directory: String
        let port: Int

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let script = TestDatabase.repositoryRoot.appendingPathComponent("scripts/smtp-sink.py").path
            _ = system("python3 \(script) \(directory)/mail.jsonl > \(directory)/port 2>&1 "
                       + "& echo $! > \(directory)/pid")
            var port = 0
            for _ in 0..<100 where port == 0 {
                try await Task.sleep(for: .milliseconds(50))
                let text = (try? String(contentsOfFile: "\(directory)/port", encoding: .utf8)) ?? ""
                port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            }
            self.port = port
        }

        var messages: [[String: Any]] {
            let text = (try? String(contentsOfFile: "\(directory)/mail.jsonl", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        func stop() { _ = system("kill $(cat \(directory)/pid) 2>/dev/null") }
    }

    func runner(port: Int) -> ReminderRunner {
        var smtp = SMTPMailSender.Configuration(url: "smtp://127.0.0.1:\(port)", from: "appraise@trust.example")
        smtp.requireTLS = false // the sink on loopback speaks no TLS
        smtp.timeout = .seconds(5)
        return ReminderRunner(api.environment, configuration: .init(mail: SMTPMailSender(smtp),
                                                                    link: "https://appraise.example.org"))
    }

    @Test func dueAndOverdueDeadlinesRemindOnceEachByEventAndEmail() async throws {
        let sink = try await Sink()
        defer { sink.stop() }
        #expect(sink.port > 0)
        let (t, _, appraisal) = try await reviewed("000-alpha-trust", year: 2046, "teacher")
        var emails: [String: String] = [:]
        _ = try await tokens(t, ["teacher", "deputy", "ta"], &emails)
        // 000: the teacher's year ends with the final review by 31 October 2047; objectives are
        // still to agree, and the reviewer's statement is due then too.
        let settings = await api.send("PUT", "/v1/reminder-settings", json: #"{"emails": true, "days_before": 4}"#,
                                      trust: t.id)
        #expect(settings.status == 200 && settings.headers["ETag"] == "\"1\"", "\(settings.text)")

        now.set("2047-10-26") // five days before: not yet
        #expect(try await runner(port: sink.port).runOnce(only: [t.id]).reminders == 0)

        now.set("2047-10-27") // four days before
        // What is due is what each person's task list says is due, the reviewer's statement too.
        let token = try await tokens(t, ["teacher", "deputy", "ta"], &emails) // logged in now
        let due = try await dueTasks(token, from: "2047-10-27", to: "2047-10-31")
        #expect(due.contains("deputy issue_statement") && due.contains("teacher agree_objectives"), "\(due)")
        let first = try await runner(port: sink.port).runOnce(only: [t.id])
        #expect(first.reminders == due.count && first.emailed == due.count && first.emailFailures == 0, "\(first)")
        let teacherMail = sink.messages.filter { ($0["to"] as? [String]) == [emails["teacher"]!] }
        #expect(teacherMail.count == 1)
        let text = teacherMail.first?["data"] as? String ?? ""
        #expect(text.contains("Subject: Reminder from Appraise: agree objectives by 31 October 2047\r\n"))
        #expect(text.contains("\r\n\r\nDear teacher,\r\n\r\nIn Appraise you have to agree objectives: "
                              + "it is due by 31 October 2047.\r\n\r\n"
                              + "https://appraise.example.org\(appraisal)/objectives\r\n"))
        let deputyMail = sink.messages.filter { ($0["to"] as? [String]) == [emails["deputy"]!] }
        #expect(Set(deputyMail.compactMap { ($0["data"] as? String)?.contains("issue an appraisal statement") })
            == [true, false])
        #expect(sink.messages.count == due.count)

        // The same stage of the same deadline never again, from any pass.
        let again = try await runner(port: sink.port).runOnce(only: [t.id])
        #expect(again == ReminderRunner.Outcome() && sink.messages.count == due.count, "\(again)")

        // On the feed: the type, the ids and field names; readers of appraisals see them.
        let events = await api.send("GET", "/v1/events?type=appraisal_reminder.due_soon", trust: t.id)
        #expect(events.items.count == due.count, "\(events.text)")
        #expect(!events.text.contains("agree objectives") && !events.text.contains("@"))

        // Overdue the day after, once more each.
        now.set("2047-11-01")
        let overdue = try await runner(port: sink.port).runOnce(only: [t.id])
        #expect(overdue.reminders == due.count && overdue.emailed == due.count, "\(overdue)")
        let overdueSubject = "Subject: Overdue in Appraise: agree objectives (was due 31 October 2047)"
        #expect(sink.messages.contains { ($0["data"] as? String)?.contains(overdueSubject) == true })
        let audited = await api.send("GET", "/v1/audit-events?resource_type=appraisal_reminder", trust: t.id)
        #expect(audited.items.count == 2 * due.count, "\(audited.text)")
    }

    /// A trust whose pass fails — here its audit chain is held by another session past the
    /// pass's statement timeout — does not cost the trusts after it their reminders, and the
    /// next pass makes its reminders once the chain is free.
    @Test func aTrustThatFailsDoesNotStopThePassForTheOthers() async throws {
        let (first, _, _) = try await reviewed("000-alpha-trust", year: 2046, "teacher")
        let (second, _, _) = try await reviewed("000-alpha-trust", year: 2046, "teacher")
        var emails: [String: String] = [:]
        _ = try await tokens(first, ["teacher", "deputy"], &emails)
        emails = [:]
        _ = try await tokens(second, ["teacher", "deputy"], &emails)
        now.set("2047-10-27") // four days before the final review: objectives and the statement are due
        // A pass goes through the trusts in id order: hold the first one's chain.
        let held = [first.id, second.id].min { $0.uuidString.lowercased() < $1.uuidString.lowercased() }!
        let id = held.uuidString.lowercased()
        _ = system("""
            psql '\(TestDatabase.applicationURL)' -qc "BEGIN; SELECT set_config('app.trust_id', '\(id)', true); \
            SELECT 1 FROM audit_chain_heads WHERE trust_id = '\(id)' FOR UPDATE; SELECT pg_sleep(4); COMMIT" \
            >/dev/null 2>&1 &
            """)
        try await Task.sleep(for: .milliseconds(500))
        let pool = Pool(.init(url: TestDatabase.applicationURL, size: 2, statementTimeoutMilliseconds: 1_000))
        defer { pool.close() }
        let runner = ReminderRunner(AppEnvironment(pool: pool, clock: now.clock), configuration: .init())
        let during = try await runner.runOnce(only: [first.id, second.id])
        #expect(during.failedTrusts == [held], "\(during)")
        #expect(during.reminders > 0, "the other trust's reminders are made")
        var after = ReminderRunner.Outcome()
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(500))
            after = try await runner.runOnce(only: [first.id, second.id])
            if after.failedTrusts.isEmpty { break }
        }
        #expect(after.failedTrusts.isEmpty && after.reminders == during.reminders, "\(after)")
    }

    /// "name kind" of each task with a due date in the range, from each person's own list.
    func dueTasks(_ tokens: [String: String], from: String, to: String) async throws -> [String] {
        var due: [String] = []
        for (name, token) in tokens.sorted(by: { $0.key < $1.key }) {
            for task in await call(token, "GET", "/v1/me/tasks").items {
                guard let date = task["due_date"] as? String, from <= date, date <= to else { continue }
                due.append("\(name) \(task["kind"] as? String ?? "")")
            }
        }
        return due
    }

    @Test func anEmailOutageIsRetriedAndATrustWithoutEmailsGetsEventsOnly() async throws {
        let (t, _, _) = try await reviewed("000-alpha-trust", year: 2046, "teacher")
        var emails: [String: String] = [:]
        _ = try await tokens(t, ["teacher", "deputy"], &emails)
        now.set("2047-10-30")
        let token = try await tokens(t, ["teacher", "deputy"], &emails)
        let due = try await dueTasks(token, from: "2047-10-30", to: "2047-11-04").count
        // Emails off (the default): events only, nothing queued.
        let quiet = try await runner(port: 9).runOnce(only: [t.id])
        #expect(quiet.reminders == due && due >= 2 && quiet.emailed == 0 && quiet.emailFailures == 0, "\(quiet)")

        _ = await api.send("PUT", "/v1/reminder-settings", json: #"{"emails": true, "days_before": 5}"#, trust: t.id)
        let stale = await api.send("PUT", "/v1/reminder-settings", json: #"{"emails": false, "days_before": 5}"#,
                                   trust: t.id, headers: [("If-Match", "\"7\"")])
        #expect(stale.status == 412)
        #expect(await api.send("PUT", "/v1/reminder-settings", json: #"{"emails": true, "days_before": 31}"#,
                               trust: t.id, headers: [("If-Match", "\"1\"")]).status == 422)
        #expect(await api.send("PUT", "/v1/reminder-settings", json: #"{"emails": true, "days_before": 5}"#,
                               trust: t.id).status == 428)
        #expect(await api.send("PUT", "/v1/reminder-settings", json: #"{"emails": true}"#,
                               trust: t.id, headers: [("If-Match", "\"1\"")]).status == 422)

        // Overdue reminders are emailed; the mail server is down (nothing listens on port 9).
        now.set("2047-11-02")
        let down = try await runner(port: 9).runOnce(only: [t.id])
        #expect(down.reminders == due && down.emailed == 0 && down.emailFailures == due, "\(down)")
        let sink = try await Sink()
        defer { sink.stop() }
        // Retried five minutes later, not before.
        #expect(try await runner(port: sink.port).runOnce(only: [t.id]).emailed == 0)
        now.advance(by: 301)
        let back = try await runner(port: sink.port).runOnce(only: [t.id])
        #expect(back.reminders == 0 && back.emailed == due, "\(back)")
        #expect(sink.messages.count == due)
    }
}
