import Foundation

/// Who did something, as the audit log records it (issue 3 §4): the person or key, how they
/// authenticated, and the role they acted in.
public struct AuditActor: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case bootstrapAdministrator = "bootstrap_admin", user, apiKey = "api_key" }
    public var kind: Kind
    public var id: String?
    public var authMethod: String
    public var effectiveRole: String?

    public init(kind: Kind, id: String?, authMethod: String, effectiveRole: String?) {
        self.kind = kind
        self.id = id
        self.authMethod = authMethod
        self.effectiveRole = effectiveRole
    }

    public static let bootstrapAdministrator = AuditActor(kind: .bootstrapAdministrator, id: nil,
                                                          authMethod: "admin_token", effectiveRole: "platform_admin")
}

/// The request a change came from: who, which request, from where.
public struct AuditContext: Sendable, Equatable {
    public var actor: AuditActor
    public var requestID: String?
    public var clientAddress: String?

    public init(actor: AuditActor, requestID: String?, clientAddress: String?) {
        self.actor = actor
        self.requestID = requestID
        self.clientAddress = clientAddress
    }

    /// Work done by the system itself (the demo loader, migrations of data).
    public static let system = AuditContext(actor: AuditActor(kind: .bootstrapAdministrator, id: "system",
                                                              authMethod: "local", effectiveRole: "system"),
                                            requestID: nil, clientAddress: nil)
}

/// One audit event. Field names only, never values: `changedFields` may name a field that
/// holds appraisal text, its content never reaches the log.
public struct AuditEvent: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable { case allowed, denied }

    public var trustId: UUID
    public var sequence: Int64
    public var id: UUID
    public var occurredAt: Date
    public var actor: AuditActor
    public var requestId: String?
    public var clientAddress: String?
    public var action: String
    public var resourceType: String
    public var resourceId: UUID?
    public var subjectPersonId: UUID?
    public var outcome: Outcome
    public var reason: String?
    public var changedFields: [String]
    public var previousHash: String
    public var hash: String
    /// How the hash covers identifiers: 1 hashed them as they are (events before migration
    /// 0012); 2 hashes their keyed pseudonyms, so the identifiers can be erased (001, 003 §1.9:
    /// records are destroyed after six years) and the chain still verifies.
    public var hashVersion = 1
    /// The keyed pseudonyms (HMAC-SHA256 under the trust's chain key) of the identifiers.
    public var pseudonyms = Pseudonyms()

    /// Not part of the API's view of an event: what the chain covers, not what happened.
    enum CodingKeys: String, CodingKey {
        case trustId, sequence, id, occurredAt, actor, requestId, clientAddress, action, resourceType, resourceId
        case subjectPersonId, outcome, reason, changedFields, previousHash, hash
    }

    public struct Pseudonyms: Sendable, Equatable {
        public var actor: String?
        public var clientAddress: String?
        public var resource: String?
        public var subject: String?
        public init(actor: String? = nil, clientAddress: String? = nil, resource: String? = nil,
                    subject: String? = nil) {
            self.actor = actor; self.clientAddress = clientAddress; self.resource = resource; self.subject = subject
        }
    }

    /// The identifiers a pseudonym stands for, as hashed: erasable, so never in the chain itself.
    public var identifiers: Pseudonyms {
        Pseudonyms(actor: actor.id, clientAddress: clientAddress, resource: resourceId?.uuidString.lowercased(),
                   subject: subjectPersonId?.uuidString.lowercased())
    }

    public init(trustId: UUID, sequence: Int64, id: UUID, occurredAt: Date, actor: AuditActor, requestId: String?,
                clientAddress: String?, action: String, resourceType: String, resourceId: UUID?, subjectPersonId: UUID?,
                outcome: Outcome, reason: String?, changedFields: [String], previousHash: String, hash: String) {
        self.trustId = trustId
        self.sequence = sequence
        self.id = id
        self.occurredAt = occurredAt
        self.actor = actor
        self.requestId = requestId
        self.clientAddress = clientAddress
        self.action = action
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.subjectPersonId = subjectPersonId
        self.outcome = outcome
        self.reason = reason
        self.changedFields = changedFields
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash of the chain before its first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact text the hash covers: every field, in a fixed order, unit-separated, instants
    /// at microsecond precision (what PostgreSQL stores). Verification rebuilds it from the row.
    /// Version 2 puts the pseudonyms where version 1 put the identifiers, and says so.
    public var canonicalText: String {
        let named = hashVersion >= 2 ? pseudonyms : identifiers
        var fields: [String?] = [
            trustId.uuidString.lowercased(), String(sequence), id.uuidString.lowercased(),
            Self.microseconds(occurredAt), actor.kind.rawValue, named.actor, actor.authMethod, actor.effectiveRole,
            requestId, named.clientAddress, action, resourceType, named.resource,
            named.subject, outcome.rawValue, reason, changedFields.joined(separator: ","),
            previousHash,
        ]
        if hashVersion >= 2 { fields.append("v\(hashVersion)") }
        return fields.map { $0 ?? "\u{0}" }.joined(separator: "\u{1F}")
    }

    /// Whole microseconds since 1970, as an integer string: no float formatting in the hash.
    public static func microseconds(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// Truncates an instant to what PostgreSQL keeps, so the stored row hashes as written.
    public static func storable(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
    }
}
