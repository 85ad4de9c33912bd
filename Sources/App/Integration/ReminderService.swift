import Domain
import Foundation
import Postgres
import Store

/// The trust's reminder settings (issue 16 §5): set by those who set its policy and calendars
/// (the route's `configurationWrite`); audited.
public struct ReminderService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func settings(in trust: UUID) async throws -> Reminder.Settings {
        try await environment.transaction(.trust(trust)) { db in try ReminderStore.settings(on: db) }
    }

    public enum Saved: Sendable {
        case saved(Reminder.Settings)
        /// Settings exist and no `If-Match` named the version replaced.
        case preconditionRequired
        case stale
    }

    public func save(_ input: ReminderSettingsInput, expectedVersion: Int?, in trust: UUID,
                     audit: AuditContext) async throws -> Saved {
        try input.validate()
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            let current = try ReminderStore.settings(on: db)
            if current.version > 0, expectedVersion == nil { return .preconditionRequired }
            let wanted = Reminder.Settings(emails: input.emails, daysBefore: input.daysBefore, version: 0,
                                           updatedAt: now)
            guard let saved = try ReminderStore.save(wanted, trust: trust, expectedVersion: expectedVersion ?? 0,
                                                     at: now, on: db) else { return .stale }
            var changed: [String] = []
            if current.emails != input.emails { changed.append("emails") }
            if current.daysBefore != input.daysBefore { changed.append("days_before") }
            try environment.audit(.init(trustId: trust, action: current.version == 0 ? "create" : "update",
                                        resourceType: "reminder_settings", resourceId: trust, changedFields: changed),
                                  audit, at: now, on: db)
            return .saved(saved)
        }
    }
}
