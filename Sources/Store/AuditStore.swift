import Crypto
import Domain
import Foundation
import Postgres

/// The audit log's SQL (migration 0002): append to a trust's hash chain, read it back.
public enum AuditStore {
    /// What a use case records; the store adds sequence, time, actor and hashes.
    public struct Entry: Sendable, Equatable {
        public var trustId: UUID
        public var action: String
        public var resourceType: String
        public var resourceId: UUID?
        public var subjectPersonId: UUID?
        public var outcome: AuditEvent.Outcome
        public var reason: String?
        public var changedFields: [String]

        public init(trustId: UUID, action: String, resourceType: String, resourceId: UUID?, subjectPersonId: UUID? = nil,
                    outcome: AuditEvent.Outcome = .allowed, reason: String? = nil, changedFields: [String] = []) {
            self.trustId = trustId
            self.action = action
            self.resourceType = resourceType
            self.resourceId = resourceId
            self.subjectPersonId = subjectPersonId
            self.outcome = outcome
            self.reason = reason
            self.changedFields = changedFields
        }
    }

    public static func hash(_ event: AuditEvent) -> String {
        Hex.lowercase(SHA256.hash(data: Data(event.canonicalText.utf8)))
    }

    /// The keyed pseudonyms of an event's identifiers under its trust's chain key.
    public static func pseudonyms(of identifiers: AuditEvent.Pseudonyms, key: [UInt8]) -> AuditEvent.Pseudonyms {
        var pseudonymiser = AuditPseudonymiser(key: SymmetricKey(data: key))
        return pseudonymiser.pseudonyms(of: identifiers)
    }

    /// Whether each identifier still present matches its pseudonym (an erased one is nil).
    public static func identifiersMatch(_ event: AuditEvent, key: [UInt8]) -> Bool {
        let expected = pseudonyms(of: event.identifiers, key: key)
        let pairs = [(expected.actor, event.pseudonyms.actor), (expected.clientAddress, event.pseudonyms.clientAddress),
                     (expected.resource, event.pseudonyms.resource), (expected.subject, event.pseudonyms.subject)]
        return pairs.allSatisfy { $0.0 == nil || $0.0 == $0.1 }
    }

    /// Appends one event to its trust's chain in the caller's transaction. Locking the chain
    /// head serialises chained appends within a trust, so sequences are gap-free and each event
    /// hashes its predecessor; the trust's pending reads (`appendPending`) are linked first, so
    /// a write follows every read committed before it.
    ///
    /// The lock is held until commit. Allowed reads therefore do not come here: they go to
    /// `audit_pending` and queue for nothing (issue 11 §3). Any event here (a write, a refusal)
    /// makes its whole transaction durable (`synchronous_commit = on`).
    @discardableResult
    public static func append(_ entry: Entry, context: AuditContext, id: UUID, at now: Date,
                              on db: Connection) throws -> AuditEvent {
        var head = try lockHead(entry.trustId, durable: true, on: db)
        let pending = try takePending(of: entry.trustId, on: db)
        let own = unchained(entry, context: context, id: id, at: now)
        let chained = try insertChained(pending + [own], onto: &head, on: db).last!
        // Issue 16 §3: published under the head's lock, so the feed follows commit order.
        try ChangeEventStore.publish([chained], on: db)
        return chained
    }

    /// The head of a trust's chain, locked until commit (made, with its key, on first use).
    struct ChainHead {
        var sequence: Int64
        var hash: String
        let key: [UInt8]
    }

    static func lockHead(_ trust: UUID, durable: Bool, on db: Connection) throws -> ChainHead {
        var lock: SQL = """
            INSERT INTO audit_chain_heads (trust_id, sequence, hash) VALUES (\(trust), 0, \(AuditEvent.genesisHash))
            ON CONFLICT (trust_id) DO UPDATE SET trust_id = EXCLUDED.trust_id
            RETURNING sequence, hash, encode(pseudonym_key, 'hex') AS pseudonym_key
            """
        if durable {
            lock.append(", set_config('synchronous_commit', 'on', true) || set_config('appraise.wrote', 'on', true)")
        }
        let row = try db.query(lock)[0]
        return ChainHead(sequence: try row.decode(Int64.self, "sequence"), hash: try row.decode(String.self, "hash"),
                         key: try key(row))
    }

    /// An event as a use case records it, before the chain gives it a place and a hash.
    static func unchained(_ entry: Entry, context: AuditContext, id: UUID, at now: Date) -> AuditEvent {
        AuditEvent(
            trustId: entry.trustId, sequence: 0, id: id, occurredAt: AuditEvent.storable(now), actor: context.actor,
            requestId: context.requestID, clientAddress: context.clientAddress, action: entry.action,
            resourceType: entry.resourceType, resourceId: entry.resourceId, subjectPersonId: entry.subjectPersonId,
            outcome: entry.outcome, reason: entry.reason, changedFields: entry.changedFields,
            previousHash: "", hash: "")
    }

    /// Gives each event the next place on the chain, its pseudonyms and its hash (version 2),
    /// in order, and inserts them all with one statement that also moves the head to the last.
    @discardableResult
    static func insertChained(_ unchained: [AuditEvent], onto head: inout ChainHead,
                              on db: Connection) throws -> [AuditEvent] {
        guard !unchained.isEmpty else { return [] }
        var pseudonymiser = AuditPseudonymiser(key: SymmetricKey(data: head.key))
        let events = unchained.map { chained($0, onto: &head, pseudonymiser: &pseudonymiser) }
        if events.count >= JSONRecords.copiedFrom {
            try insertCopied(events, head: head, on: db)
            return events
        }
        var rows = JSONRecords()
        for event in events { rows.append(row(event)) }
        try db.query("""
            WITH appended AS (
                INSERT INTO audit_events (\(unsafeSQL: insertedColumns))
                SELECT \(unsafeSQL: insertedColumns) FROM jsonb_to_recordset(\(rows.json)::jsonb) AS e(
                    trust_id uuid, sequence bigint, id uuid, occurred_at timestamptz, actor_type text, actor_id text,
                    auth_method text, effective_role text, request_id text, client_address text, action text,
                    resource_type text, resource_id uuid, subject_person_id uuid, outcome text, reason text,
                    changed_fields text[], previous_hash text, hash text, hash_version smallint,
                    actor_pseudonym text, client_pseudonym text, resource_pseudonym text, subject_pseudonym text)
                RETURNING trust_id, sequence, hash
            )
            UPDATE audit_chain_heads h SET sequence = a.sequence, hash = a.hash
            FROM (SELECT * FROM appended ORDER BY sequence DESC LIMIT 1) a WHERE h.trust_id = a.trust_id
            """)
        return events
    }

    /// The event at the next place on the chain, with its pseudonyms and its hash (version 2);
    /// the head moves to it.
    static func chained(_ unchained: AuditEvent, onto head: inout ChainHead,
                        pseudonymiser: inout AuditPseudonymiser) -> AuditEvent {
        var event = unchained
        event.sequence = head.sequence + 1
        event.previousHash = head.hash
        event.hashVersion = 2
        event.pseudonyms = pseudonymiser.pseudonyms(of: event.identifiers)
        event.hash = hash(event)
        head.sequence = event.sequence
        head.hash = event.hash
        return event
    }

    /// A long append (the pending reads of a busy trust): the same rows through COPY.
    static func insertCopied(_ events: [AuditEvent], head: ChainHead, on db: Connection) throws {
        var rows = CopyRows()
        for event in events { rows.append(row(event).map(\.1.copyText)) }
        let scratch = try db.copyIntoScratch(rows, named: "audit_appended", like: "audit_events",
                                             columns: insertedColumns)
        try db.query("""
            INSERT INTO audit_events (\(unsafeSQL: insertedColumns)) SELECT \(unsafeSQL: insertedColumns)
            FROM \(unsafeSQL: scratch)
            """)
        try db.query("""
            UPDATE audit_chain_heads SET sequence = \(head.sequence), hash = \(head.hash)
            WHERE trust_id = \(events[0].trustId)
            """)
    }

    static let insertedColumns = """
        trust_id, sequence, id, occurred_at, actor_type, actor_id, auth_method, effective_role, request_id, \
        client_address, action, resource_type, resource_id, subject_person_id, outcome, reason, changed_fields, \
        previous_hash, hash, hash_version, actor_pseudonym, client_pseudonym, resource_pseudonym, subject_pseudonym
        """

    /// One event as a JSON object of its columns; instants as PostgreSQL writes them, so the
    /// stored value is exactly the hashed one.
    static func row(_ event: AuditEvent) -> [(String, JSONRecords.Value)] {
        func id(_ value: UUID?) -> JSONRecords.Value { .text(value.map(\.postgresText)) }
        return [
            ("trust_id", id(event.trustId)), ("sequence", .int(event.sequence)), ("id", id(event.id)),
            ("occurred_at", .text(event.occurredAt.postgresText)), ("actor_type", .text(event.actor.kind.rawValue)),
            ("actor_id", .text(event.actor.id)), ("auth_method", .text(event.actor.authMethod)),
            ("effective_role", .text(event.actor.effectiveRole)), ("request_id", .text(event.requestId)),
            ("client_address", .text(event.clientAddress)), ("action", .text(event.action)),
            ("resource_type", .text(event.resourceType)), ("resource_id", id(event.resourceId)),
            ("subject_person_id", id(event.subjectPersonId)), ("outcome", .text(event.outcome.rawValue)),
            ("reason", .text(event.reason)), ("changed_fields", .texts(event.changedFields)),
            ("previous_hash", .text(event.previousHash)), ("hash", .text(event.hash)),
            ("hash_version", .int(Int64(event.hashVersion))), ("actor_pseudonym", .text(event.pseudonyms.actor)),
            ("client_pseudonym", .text(event.pseudonyms.clientAddress)),
            ("resource_pseudonym", .text(event.pseudonyms.resource)),
            ("subject_pseudonym", .text(event.pseudonyms.subject)),
        ]
    }

    static let columns = """
        trust_id, sequence, id, occurred_at, actor_type, actor_id, auth_method, effective_role, request_id, \
        client_address, action, resource_type, resource_id, subject_person_id, outcome, reason, \
        array_to_string(changed_fields, ',') AS changed_fields, previous_hash, hash, hash_version, \
        actor_pseudonym, client_pseudonym, resource_pseudonym, subject_pseudonym
        """

    static func key(_ row: Row) throws -> [UInt8] {
        let text = try row.decode(String.self, "pseudonym_key")
        var bytes: [UInt8] = []
        var index = text.startIndex
        while let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex), index != next {
            guard let byte = UInt8(text[index..<next], radix: 16) else { break }
            bytes.append(byte)
            index = next
        }
        return bytes
    }

    public static func decode(_ row: Row) throws -> AuditEvent {
        let fields = try row.decode(String.self, "changed_fields")
        var event = AuditEvent(
            trustId: try row.decode(UUID.self, "trust_id"), sequence: try row.decode(Int64.self, "sequence"),
            id: try row.decode(UUID.self, "id"), occurredAt: try row.decode(Date.self, "occurred_at"),
            actor: AuditActor(kind: try row.decode(String.self, "actor_type").asEnum(AuditActor.Kind.self),
                              id: try row.decode(String?.self, "actor_id"),
                              authMethod: try row.decode(String.self, "auth_method"),
                              effectiveRole: try row.decode(String?.self, "effective_role")),
            requestId: try row.decode(String?.self, "request_id"), clientAddress: try row.decode(String?.self, "client_address"),
            action: try row.decode(String.self, "action"), resourceType: try row.decode(String.self, "resource_type"),
            resourceId: try row.decode(UUID?.self, "resource_id"), subjectPersonId: try row.decode(UUID?.self, "subject_person_id"),
            outcome: try row.decode(String.self, "outcome").asEnum(AuditEvent.Outcome.self),
            reason: try row.decode(String?.self, "reason"),
            changedFields: fields.isEmpty ? [] : fields.components(separatedBy: ","),
            previousHash: try row.decode(String.self, "previous_hash"), hash: try row.decode(String.self, "hash"))
        event.hashVersion = try row.decode(Int.self, "hash_version")
        event.pseudonyms = AuditEvent.Pseudonyms(
            actor: try row.decode(String?.self, "actor_pseudonym"),
            clientAddress: try row.decode(String?.self, "client_pseudonym"),
            resource: try row.decode(String?.self, "resource_pseudonym"),
            subject: try row.decode(String?.self, "subject_pseudonym"))
        return event
    }

    /// A trust's events in chain order, `limit` at a time after `afterSequence`.
    public static func chain(of trust: UUID, afterSequence: Int64, limit: Int, on db: Connection) throws -> [AuditEvent] {
        try db.query("""
            SELECT \(unsafeSQL: columns) FROM audit_events
            WHERE trust_id = \(trust) AND sequence > \(afterSequence)
            ORDER BY sequence LIMIT \(unsafeSQL: String(limit))
            """).map(decode)
    }

    /// Every trust that has a chain (events or a head).
    public static func chainedTrusts(on db: Connection) throws -> [UUID] {
        try db.query("""
            SELECT trust_id FROM audit_chain_heads UNION SELECT DISTINCT trust_id FROM audit_events ORDER BY 1
            """).map { try $0.decode(UUID.self, "trust_id") }
    }

    public static func head(of trust: UUID, on db: Connection) throws -> (sequence: Int64, hash: String,
                                                                          key: [UInt8])? {
        try db.query("""
            SELECT sequence, hash, encode(pseudonym_key, 'hex') AS pseudonym_key FROM audit_chain_heads
            WHERE trust_id = \(trust)
            """).first.map { (try $0.decode(Int64.self, "sequence"), try $0.decode(String.self, "hash"), try key($0)) }
    }

    /// Erases a person's identifiers from their trust's version-2 events: where they are the
    /// subject, the resource, or the actor (one of their accounts, or their SSO identity) —
    /// and the client address of events they acted in. The pseudonyms stay, so the chain
    /// verifies; without the identifier nobody can say whose they were but by trying the key.
    public static func erase(person: UUID, accounts: [UUID], trust: UUID, on db: Connection) throws -> Int {
        let actors = "{" + (accounts.map { $0.uuidString.lowercased() } + ["person:" + person.uuidString.lowercased()])
            .joined(separator: ",") + "}"
        return try db.query("""
            WITH erased AS (
              UPDATE audit_events SET
                subject_person_id = CASE WHEN subject_person_id = \(person) THEN NULL ELSE subject_person_id END,
                resource_id = CASE WHEN resource_id = \(person) THEN NULL ELSE resource_id END,
                actor_id = CASE WHEN actor_id = ANY (\(actors)::text[]) THEN NULL ELSE actor_id END,
                client_address = CASE WHEN actor_id = ANY (\(actors)::text[]) THEN NULL ELSE client_address END
              WHERE trust_id = \(trust) AND hash_version = 2
                AND (subject_person_id = \(person) OR resource_id = \(person)
                    OR actor_id = ANY (\(actors)::text[]))
              RETURNING 1)
            SELECT count(*) AS erased FROM erased
            """)[0].decode(Int.self, "erased")
    }
}

extension AuditStore {
    public struct Filter: Sendable, Equatable {
        public var subjectPersonId: UUID?
        public var actorId: String?
        public var resourceType: String?
        public var resourceId: UUID?
        public var action: String?
        public var from: Date?
        public var to: Date?
        public init(subjectPersonId: UUID? = nil, actorId: String? = nil, resourceType: String? = nil, resourceId: UUID? = nil,
                    action: String? = nil, from: Date? = nil, to: Date? = nil) {
            self.subjectPersonId = subjectPersonId
            self.actorId = actorId
            self.resourceType = resourceType
            self.resourceId = resourceId
            self.action = action
            self.from = from
            self.to = to
        }
    }

    /// One trust's events in chain order, filtered; the cursor is the id of the last event seen.
    public static func list(_ filter: Filter, trust: UUID, after: UUID?, limit: Int, on db: Connection) throws -> [AuditEvent] {
        var sql: SQL = "SELECT \(unsafeSQL: columns) FROM audit_events WHERE trust_id = \(trust)"
        if let value = filter.subjectPersonId { sql.append(" AND subject_person_id = \(value)") }
        if let value = filter.actorId { sql.append(" AND actor_id = \(value)") }
        if let value = filter.resourceType { sql.append(" AND resource_type = \(value)") }
        if let value = filter.resourceId { sql.append(" AND resource_id = \(value)") }
        if let value = filter.action { sql.append(" AND action = \(value)") }
        if let value = filter.from { sql.append(" AND occurred_at >= \(value)") }
        if let value = filter.to { sql.append(" AND occurred_at < \(value)") }
        if let after {
            sql.append(" AND sequence > (SELECT sequence FROM audit_events WHERE trust_id = \(trust) AND id = \(after))")
        }
        sql.append(" ORDER BY sequence LIMIT \(unsafeSQL: String(limit + 1))")
        return try db.query(sql).map(decode)
    }
}
