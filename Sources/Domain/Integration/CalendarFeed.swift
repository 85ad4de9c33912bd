import Foundation

/// One entry of a person's calendar feed (issue 16 §5): when, and a title made only from
/// kinds and deadline names — never appraisal text.
public struct CalendarEntry: Sendable, Equatable {
    public enum When: Sendable, Equatable {
        case day(CalendarDate)
        case time(Date, minutes: Int)
    }

    public var uid: String
    public var when: When
    public var title: String

    public init(uid: String, when: When, title: String) {
        self.uid = uid; self.when = when; self.title = title
    }

    /// "objectives_agreed" → "Objectives agreed".
    public static func label(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// iCalendar (RFC 5545) text for a feed: all-day events for deadlines and meetings, timed ones
/// for observations; lines folded at 75 octets, text escaped, CRLF endings.
public enum ICalendar {
    public static func document(_ entries: [CalendarEntry], name: String, at now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Appraise//Calendar feed//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(name))"]
        for entry in entries {
            lines += ["BEGIN:VEVENT", "UID:\(entry.uid)", "DTSTAMP:\(instant(now))"]
            switch entry.when {
            case .day(let date):
                lines += ["DTSTART;VALUE=DATE:\(day(date))", "DTEND;VALUE=DATE:\(day(date.adding(days: 1)))"]
            case .time(let start, let minutes):
                lines += ["DTSTART:\(instant(start))", "DURATION:PT\(minutes)M"]
            }
            lines += ["SUMMARY:\(escape(entry.title))", "TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func day(_ date: CalendarDate) -> String {
        String(format: "%04d%02d%02d", date.year, date.month, date.day)
    }

    static func instant(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next with a leading space,
    /// never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
