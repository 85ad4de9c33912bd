import Foundation
import Synchronization

/// Prometheus metrics for `/metrics`: requests by route template and status, a latency
/// histogram per route, and the database pool's in-use/idle/waiting gauges. Kept in-process
/// and tiny rather than pulling swift-metrics + swift-prometheus for three metric families.
final class Metrics: Sendable {
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Key: Hashable { let method: String; let route: String; let status: Int }
    private struct Histogram { var counts = [UInt64](repeating: 0, count: Metrics.buckets.count); var sum = 0.0; var count: UInt64 = 0 }
    private struct State {
        var requests: [Key: UInt64] = [:]
        var latency: [String: Histogram] = [:]
    }

    private let state = Mutex(State())

    func record(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[Key(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.latency[route] ?? Histogram()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.latency[route] = histogram
        }
    }

    func render(pool: (inUse: Int, idle: Int, waiting: Int)) -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP appraise_http_requests_total HTTP requests by method, route template and status.\n"
        out += "# TYPE appraise_http_requests_total counter\n"
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "appraise_http_requests_total{method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP appraise_http_request_duration_seconds Time from request head to response, by route template.\n"
        out += "# TYPE appraise_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.latency.sorted(by: { $0.key < $1.key }) {
            let label = escape(route)
            for (index, bound) in Self.buckets.enumerated() {
                out += "appraise_http_request_duration_seconds_bucket{route=\"\(label)\",le=\"\(bound)\"} \(histogram.counts[index])\n"
            }
            out += "appraise_http_request_duration_seconds_bucket{route=\"\(label)\",le=\"+Inf\"} \(histogram.count)\n"
            out += "appraise_http_request_duration_seconds_sum{route=\"\(label)\"} \(histogram.sum)\n"
            out += "appraise_http_request_duration_seconds_count{route=\"\(label)\"} \(histogram.count)\n"
        }
        out += "# HELP appraise_db_pool_connections Database pool connections by state.\n"
        out += "# TYPE appraise_db_pool_connections gauge\n"
        out += "appraise_db_pool_connections{state=\"in_use\"} \(pool.inUse)\n"
        out += "appraise_db_pool_connections{state=\"idle\"} \(pool.idle)\n"
        out += "# HELP appraise_db_pool_waiting Requests waiting for a database connection.\n"
        out += "# TYPE appraise_db_pool_waiting gauge\n"
        out += "appraise_db_pool_waiting \(pool.waiting)\n"
        return out
    }

    private func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Counts failed authentications per client address in a fixed window; past the limit the
/// address gets 429 with Retry-After until the window ends (brute force on the admin token).
final class FailureLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let state = Mutex<[String: (start: Date, count: Int)]>([:])

    init(limit: Int, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait when the address is over its limit, else nil.
    func retryAfter(_ address: String, now: Date) -> Int? {
        state.withLock { entries in
            guard let entry = entries[address] else { return nil }
            let elapsed = now.timeIntervalSince(entry.start)
            if elapsed >= window { entries[address] = nil; return nil }
            return entry.count >= limit ? max(1, Int((window - elapsed).rounded(.up))) : nil
        }
    }

    func recordFailure(_ address: String, now: Date) {
        state.withLock { entries in
            if entries.count > 100_000 { entries.removeAll() } // bound memory under a spray of addresses
            if let entry = entries[address], now.timeIntervalSince(entry.start) < window {
                entries[address] = (entry.start, entry.count + 1)
            } else {
                entries[address] = (now, 1)
            }
        }
    }
}
