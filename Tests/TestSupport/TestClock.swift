import Domain
import Foundation
import Synchronization

/// A clock a test sets: the service's "now" for deadlines and windows in another year than
/// the machine's (every use case reads `AppEnvironment.clock`, tokens included).
public final class TestClock: Sendable {
    private let instant: Mutex<Date>

    /// Starts at noon UTC on `date` (YYYY-MM-DD): the same London date, summer or winter.
    public init(_ date: String) { instant = Mutex(Self.noon(date)) }

    public var clock: Clock { Clock { [self] in instant.withLock { $0 } } }

    /// Moves on by `seconds`.
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// Moves to noon (UTC) of `date`.
    public func set(_ date: String) { instant.withLock { $0 = Self.noon(date) } }

    private static func noon(_ date: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: date + "T12:00:00Z")!
    }
}
