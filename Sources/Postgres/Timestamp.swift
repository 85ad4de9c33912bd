import Foundation

/// PostgreSQL's text format for `timestamptz`, with the session time zone fixed to UTC
/// (the pool sets `TimeZone=UTC` and `DateStyle=ISO` on every connection).
public enum PostgresTimestamp {
    /// `2026-11-23 02:03:32.123456+00`
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// The same from the bytes libpq holds: every timestamp of every row comes through here.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        // Split "YYYY-MM-DD HH:MM:SS[.ffffff]+00[:00]"
        guard bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var fraction = 0.0
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = number((index + 1)..<(index + 3)) else { return nil }
            var minutes = 0
            if index + 5 < bytes.count + 1, index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: ":") {
                minutes = number((index + 4)..<(index + 6)) ?? 0
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    private static let separators = Array("--T::.Z".utf8)

    /// ISO 8601 in UTC with microseconds, which PostgreSQL accepts as input.
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        write(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same appended to `output` (JSON responses write two per row of every list).
    public static func write(_ date: Date, to output: inout [UInt8]) {
        let total = date.timeIntervalSince1970
        var seconds = Int(total.rounded(.down))
        var micros = Int(((total - Double(seconds)) * 1_000_000).rounded())
        if micros == 1_000_000 { seconds += 1; micros = 0 }
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        guard (0...9999).contains(year) else {
            // Hand-padded: String(format:) goes through CFString and showed up in profiles.
            func padded(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
            }
            let text = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + "T"
                + padded(secondOfDay / 3600, 2) + ":" + padded((secondOfDay % 3600) / 60, 2) + ":"
                + padded(secondOfDay % 60, 2) + "." + padded(micros, 6) + "Z"
            output.append(contentsOf: text.utf8)
            return
        }
        // Digit by digit into 27 bytes: joining sixteen small strings was 9 % of a page's CPU.
        let fields = [(year, 4), (month, 2), (day, 2), (secondOfDay / 3600, 2), ((secondOfDay % 3600) / 60, 2),
                      (secondOfDay % 60, 2), (micros, 6)]
        let separators = Self.separators
        for (index, (value, width)) in fields.enumerated() {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                output.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
                divisor /= 10
            }
            output.append(separators[index])
        }
    }

    // Howard Hinnant's algorithms: proleptic Gregorian calendar, no time zone database needed.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
