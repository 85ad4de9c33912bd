import Domain
import Foundation

/// The trust's reminder settings; version 0 until first set (the defaults apply).
struct ReminderSettingsResponse: ResponseBody {
    let emails: Bool
    let daysBefore: Int
    let version: Int
    let updatedAt: Date?

    init(_ settings: Reminder.Settings) {
        emails = settings.emails
        daysBefore = settings.daysBefore
        version = settings.version
        updatedAt = settings.updatedAt
    }
}
