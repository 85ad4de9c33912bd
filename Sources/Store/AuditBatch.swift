import Crypto
import Domain
import Foundation
import Postgres

/// A bulk append built while the records it audits are still being written (the staff sync,
/// issue 16 §1: 20,000 events for 10,000 staff). As `AuditStore.append` does, it locks the
/// trust's chain head and links the pending reads first; each `add` then chains its events and
/// encodes their rows at once, and `write` COPYs them, inserts the events and the feed's rows
/// (from the same scratch table: each row carries its feed type and topic, or none) and moves
/// the head, in the caller's transaction. Only changes are published, never the pending reads.
public struct AuditBatch {
    private let context: AuditContext
    private let now: Date
    private let trust: UUID
    private var head: AuditStore.ChainHead
    private var pseudonymiser: AuditPseudonymiser
    private var rows = CopyRows()

    public init(trust: UUID, context: AuditContext, at now: Date, on db: Connection) throws {
        self.context = context
        self.now = now
        self.trust = trust
        head = try AuditStore.lockHead(trust, durable: true, on: db)
        pseudonymiser = AuditPseudonymiser(key: SymmetricKey(data: head.key))
        for read in try AuditStore.takePending(of: trust, on: db) { chain(read, published: false) }
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// Chains these events of the trust, in order, after those added before.
    public mutating func add(_ entries: [(entry: AuditStore.Entry, id: UUID)]) {
        rows.reserve(rows: entries.count, bytesEach: 900)  // an event row with four pseudonyms: ~850 bytes
        for (entry, id) in entries {
            precondition(entry.trustId == trust, "an audit batch holds one trust's events")
            chain(AuditStore.unchained(entry, context: context, id: id, at: now), published: true)
        }
    }

    private mutating func chain(_ unchained: AuditEvent, published: Bool) {
        let event = AuditStore.chained(unchained, onto: &head, pseudonymiser: &pseudonymiser)
        let feed = published ? ChangeFeed.publication(resourceType: event.resourceType, action: event.action,
                                                      allowed: event.outcome == .allowed) : nil
        rows.append(AuditStore.row(event).map(\.1.copyText) + [feed?.type, feed?.topic.rawValue])
    }

    /// Inserts the events and their feed rows, and moves the chain head to the last event.
    public func write(on db: Connection) throws {
        guard !rows.isEmpty else { return }
        let columns = AuditStore.insertedColumns
        let audit = try db.copyIntoScratch(rows, named: "audit_appended", like: "audit_events", columns: columns,
                                           extra: ["feed_type", "feed_topic"])
        _ = try db.pipeline([
            "INSERT INTO audit_events (\(unsafeSQL: columns)) SELECT \(unsafeSQL: columns) FROM \(unsafeSQL: audit)",
            "UPDATE audit_chain_heads SET sequence = \(head.sequence), hash = \(head.hash) WHERE trust_id = \(trust)",
            // Issue 16 §3: published under the head's lock, in chain order, so the feed
            // follows commit order.
            """
            INSERT INTO change_events (\(unsafeSQL: ChangeEventStore.insertedColumns))
            SELECT trust_id, id, feed_type, feed_topic, resource_type, resource_id, subject_person_id,
                   changed_fields, occurred_at
            FROM \(unsafeSQL: audit) WHERE feed_type IS NOT NULL ORDER BY sequence
            """,
        ])
    }
}
