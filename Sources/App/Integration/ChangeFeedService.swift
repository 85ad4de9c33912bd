import Domain
import Foundation
import Postgres
import Store

/// Reading a trust's change feed (issue 16 §3). Who reads which events is `ChangeFeed`'s
/// decision, made here for every entry point (the route, webhook deliveries).
public struct ChangeFeedService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public struct Page: Sendable {
        public var events: [ChangeEvent]
        /// Where the next read resumes: the last position returned, or the one asked for.
        public var nextAfter: Int64
        public var hasMore: Bool
    }

    /// Events after `after` that the caller reads, oldest first. A caller reading no topic
    /// gets an empty feed, not an error: its scopes may widen later.
    public func list(after: Int64, limit: Int, types: [String], in trust: UUID, caller: Caller) async throws -> Page {
        let topics = ChangeFeed.topics(readBy: caller)
        guard !topics.isEmpty else { return Page(events: [], nextAfter: after, hasMore: false) }
        let query = ChangeEventStore.Query(trust: trust, after: after, limit: limit, topics: topics, types: types)
        let rows = try await environment.pool.read(trustID: trust, ChangeEventStore.listQuery(query),
                                                   ChangeEventStore.decode)
        let events = Array(rows.prefix(limit))
        return Page(events: events, nextAfter: events.last?.position ?? after, hasMore: rows.count > limit)
    }
}
