import Foundation
import Logging
import Synchronization

/// Keeps log events in memory so tests can read what would have been logged.
public final class LogCapture: Sendable {
    public struct Line: Sendable {
        public let message: String
        public let metadata: [String: String]
    }

    private let lines = Mutex<[Line]>([])
    public init() {}

    public var captured: [Line] { lines.withLock { $0 } }
    func append(_ line: Line) { lines.withLock { $0.append(line) } }

    public var logger: Logger {
        Logger(label: "capture") { _ in CapturingLogHandler(capture: self) }
    }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        capture.append(.init(message: event.message.description, metadata: merged.mapValues { $0.description }))
    }
}
