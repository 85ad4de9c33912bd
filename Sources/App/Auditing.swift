import Domain
import Foundation
import Postgres
import Store

/// The audit log could not be written: the whole request fails (503) and, since the event
/// shares the change's transaction, nothing is written.
public struct AuditUnavailable: Error, Sendable {}

extension AppEnvironment {
    /// Appends an audit event inside the caller's transaction (same commit or same rollback).
    /// An allowed read is written without the trust's chain head and linked later, so one
    /// trust's readers do not queue behind each other (issue 11 §3); anything else is chained
    /// at once, after the reads before it.
    func audit(_ entry: AuditStore.Entry, _ context: AuditContext, at now: Date, on db: Connection) throws {
        do {
            try AuditStore.record(entry, context: context, id: newID(), at: now, on: db)
        } catch {
            throw AuditUnavailable()
        }
    }
}

/// Names of the fields an input sets (for a create) or changes (for an update): names only,
/// never values, since a field may hold appraisal text.
enum FieldNames {
    static func set<T: Encodable>(_ input: T) -> [String] {
        dictionary(input).keys.sorted()
    }

    static func changed<T: Encodable>(from old: T, to new: T) -> [String] {
        let before = dictionary(old)
        let after = dictionary(new)
        return Set(before.keys).union(after.keys).filter { key in
            switch (before[key], after[key]) {
            case (nil, nil): return false
            case let (x?, y?): return canonical(x) != canonical(y)
            default: return true
            }
        }.sorted()
    }

    private static func canonical(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    }

    private static func dictionary<T: Encodable>(_ value: T) -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}

/// Walks every trust's hash chain and reports the first broken link of each (`appraise audit verify`).
public struct AuditVerifier: Sendable {
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public var trustID: UUID
        public var sequence: Int64
        public var problem: String
        public var description: String { "trust \(trust): event \(sequence): \(problem)" }
        var trust: String { trustID.uuidString.lowercased() }
    }

    public struct Report: Sendable {
        public var trustsChecked: Int
        public var eventsChecked: Int
        public var breaks: [Break]
    }

    let pool: Pool
    public init(pool: Pool) { self.pool = pool }

    /// Links every trust's pending reads onto its chain (migration 0014), one trust per
    /// transaction so no chain head is held longer than its own linking takes; how many.
    /// The linker worker runs this every second; every reader of the chains runs it first.
    @discardableResult
    public func linkPending() async throws -> Int {
        let trusts = try await pool.transaction(trustID: nil, platform: true) { db in
            try AuditStore.trustsWithPendingEvents(on: db)
        }
        var linked = 0
        for trust in trusts {
            linked += try await pool.transaction(trustID: trust) { db in try AuditStore.link(trust: trust, on: db) }
        }
        return linked
    }

    public func verify() async throws -> Report {
        try await linkPending()
        return try await pool.transaction(trustID: nil, platform: true) { db in
            var report = Report(trustsChecked: 0, eventsChecked: 0, breaks: [])
            for trust in try AuditStore.chainedTrusts(on: db) {
                report.trustsChecked += 1
                if let found = try Self.firstBreak(in: trust, checked: &report.eventsChecked, on: db) {
                    report.breaks.append(found)
                }
            }
            return report
        }
    }

    /// The first broken link in one trust's chain, or nil when it verifies.
    public func verify(trust: UUID) async throws -> Break? {
        try await pool.transaction(trustID: nil, platform: true) { db in
            try AuditStore.link(trust: trust, on: db)
            var checked = 0
            return try Self.firstBreak(in: trust, checked: &checked, on: db)
        }
    }

    static func firstBreak(in trust: UUID, checked: inout Int, on db: Connection) throws -> Break? {
        let head = try AuditStore.head(of: trust, on: db)
        var expectedSequence: Int64 = 1
        var previousHash = AuditEvent.genesisHash
        while true {
            let batch = try AuditStore.chain(of: trust, afterSequence: expectedSequence - 1, limit: 1_000, on: db)
            for event in batch {
                checked += 1
                if event.sequence != expectedSequence {
                    return Break(trustID: trust, sequence: expectedSequence,
                                 problem: "missing: the next event found is \(event.sequence)")
                }
                if event.previousHash != previousHash {
                    return Break(trustID: trust, sequence: event.sequence, problem: "previous_hash does not match the event before it")
                }
                if AuditStore.hash(event) != event.hash {
                    return Break(trustID: trust, sequence: event.sequence, problem: "contents do not match its hash")
                }
                // An identifier changed rather than erased no longer matches the pseudonym hashed.
                if event.hashVersion >= 2, let head, !AuditStore.identifiersMatch(event, key: head.key) {
                    return Break(trustID: trust, sequence: event.sequence,
                                 problem: "an identifier does not match its pseudonym")
                }
                previousHash = event.hash
                expectedSequence += 1
            }
            if batch.count < 1_000 { break }
        }
        let last = expectedSequence - 1
        if let head, head.sequence != last || head.hash != previousHash {
            return Break(trustID: trust, sequence: head.sequence,
                         problem: "the chain head says \(head.sequence) events but \(last) verify: events were removed from the end")
        }
        return nil
    }
}

/// Reading the audit log (`GET /v1/audit-events`); each read is itself an audited event.
public struct AuditLogService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(_ filter: AuditStore.Filter, page: PageRequest, in trust: UUID, audit: AuditContext) async throws -> Page<AuditEvent> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try AuditStore.link(trust: trust, on: db)
            let events = try AuditStore.list(filter, trust: trust, after: page.after, limit: page.limit, on: db)
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "audit_events", resourceId: nil,
                                        subjectPersonId: filter.subjectPersonId), audit, at: now, on: db)
            return makePage(events, limit: page.limit, id: \.id)
        }
    }
}

extension AuditLogService {
    /// A refused request is audited too, in the trust it tried to act in.
    /// Erases a person's identifiers from the trust's audit log (issue 11 §3; 001, 003 §1.9:
    /// destroyed after six years, or on a valid erasure request). The chain still verifies: it
    /// hashes pseudonyms. The erasure is itself audited — without naming the person.
    public func erase(person: UUID, in trust: UUID, audit: AuditContext) async throws -> Int {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try AuditStore.link(trust: trust, on: db)
            let erased = try AuditStore.erase(person: person, accounts: try AccountStore.ids(ofPerson: person, on: db),
                                              trust: trust, on: db)
            try environment.audit(.init(trustId: trust, action: "erase_identifiers", resourceType: "audit_events",
                                        resourceId: nil, reason: "\(erased) events"), audit, at: now, on: db)
            return erased
        }
    }

    public func recordDenial(in trust: UUID, action: String, resourceType: String, reason: String,
                             audit: AuditContext) async throws {
        let now = environment.clock.now()
        try await environment.transaction(.trust(trust)) { [environment] db in
            try environment.audit(.init(trustId: trust, action: action, resourceType: resourceType, resourceId: nil,
                                        outcome: .denied, reason: reason), audit, at: now, on: db)
        }
    }
}

extension AuditVerifier {
    /// Signs the head of every chain (to be stored outside the database).
    public func checkpoints(signingKey base64: String, at now: Date) async throws -> [AuditCheckpoint] {
        guard AuditCheckpoint.privateKey(base64: base64) != nil else { throw CheckpointKeyInvalid() }
        try await linkPending()
        return try await pool.transaction(trustID: nil, platform: true) { db in
            // Keys are not Sendable: rebuilt from their text on the connection's thread.
            let key = AuditCheckpoint.privateKey(base64: base64)!
            return try AuditStore.chainedTrusts(on: db).compactMap { trust in
                guard let head = try AuditStore.head(of: trust, on: db), head.sequence > 0 else { return nil }
                return try AuditCheckpoint.sign(trust: trust, sequence: head.sequence, hash: head.hash, at: now, key: key)
            }
        }
    }

    /// Problems found checking checkpoints against the chains: a bad signature, or a chain
    /// that no longer holds the event a checkpoint names (cut off, or rewritten).
    public func check(_ checkpoints: [AuditCheckpoint], publicKey base64: String) async throws -> [Break] {
        guard AuditCheckpoint.publicKey(base64: base64) != nil else { throw CheckpointKeyInvalid() }
        return try await pool.transaction(trustID: nil, platform: true) { db in
            let key = AuditCheckpoint.publicKey(base64: base64)!
            var breaks: [Break] = []
            for checkpoint in checkpoints {
                guard checkpoint.isSigned(by: key) else {
                    breaks.append(Break(trustID: checkpoint.trustId, sequence: checkpoint.sequence,
                                        problem: "checkpoint signature does not verify"))
                    continue
                }
                let event = try AuditStore.chain(of: checkpoint.trustId, afterSequence: checkpoint.sequence - 1, limit: 1, on: db).first
                if event?.sequence != checkpoint.sequence || event?.hash != checkpoint.hash {
                    breaks.append(Break(trustID: checkpoint.trustId, sequence: checkpoint.sequence,
                                        problem: "the chain no longer holds the event this checkpoint signed: events were removed or rewritten"))
                }
            }
            return breaks
        }
    }
}

public struct CheckpointKeyInvalid: Error, CustomStringConvertible {
    public var description: String { "the audit key is not base64 of a 32-byte Ed25519 key" }
}
