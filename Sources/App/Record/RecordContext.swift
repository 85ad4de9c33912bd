import Domain
import Foundation
import Postgres
import Store

/// One appraisal as its record's use cases see it: the facts, the policy section that applies
/// to this employment (from the version the cycle was opened under, overrides resolved), and
/// how the caller takes part.
struct RecordContext {
    let facts: AppraisalFacts
    let policy: PolicyDocument
    let participation: Participation

    /// Loads it inside a transaction; nil when the appraisal does not exist in this trust.
    static func load(_ appraisal: UUID, caller: UUID?, lock: Bool, on db: Connection) throws -> RecordContext? {
        guard let facts = try RecordStore.facts(appraisal, lock: lock, on: db),
              let version = try PolicyStore.byID(facts.policyVersionId, on: db) else { return nil }
        let policy = version.document.resolved(unitId: facts.unitId, staffGroup: facts.staffGroup, jobTitle: facts.jobTitle)
        return RecordContext(facts: facts, policy: policy, participation: try RecordStore.participation(of: caller, in: facts, on: db))
    }

    /// The record is written while the cycle runs; a planned or closed cycle's record is read-only.
    func requireOpenCycle() throws {
        guard facts.cycleState == .open || facts.cycleState == .closing else {
            throw ValidationFailure(field: "appraisal_id", rule: "cycle_state",
                                    message: "the appraisal's cycle is \(facts.cycleState.rawValue): its record can be changed only while it is open")
        }
    }
}

/// Who is acting on a record: the person behind a user's credential, or nobody (the platform
/// administrator, HR acting as themselves, an API key) — who may read but is no side of a review.
public struct RecordCaller: Sendable {
    public let person: UUID?
    public let audit: AuditContext
    public init(person: UUID?, audit: AuditContext) { self.person = person; self.audit = audit }
}

/// What the record's use cases answer when the thing does not exist (in this trust).
public struct RecordNotFound: Error, Sendable { public let resource: String }

/// The tables of an appraisal's record whose rows name their appraisal.
public enum RecordTable: String, Sendable, CaseIterable {
    case objectives, observations, conversations, meetings, evidence
    case development = "development_activities"

    /// The path parameter that names an item of this table.
    public var parameter: String {
        switch self {
        case .objectives: return "objective_id"
        case .observations: return "observation_id"
        case .conversations: return "conversation_id"
        case .meetings: return "meeting_id"
        case .evidence: return "evidence_id"
        case .development: return "development_id"
        }
    }

    /// What a problem calls a missing item.
    public var resourceName: String {
        switch self {
        case .objectives: return "objective"
        case .observations: return "observation"
        case .conversations: return "conversation"
        case .meetings: return "meeting"
        case .evidence: return "evidence"
        case .development: return "development activity"
        }
    }
}

extension AppEnvironment {
    /// The appraisal a record item belongs to, or nil when there is no such item in the trust.
    func appraisal(of table: RecordTable, _ id: UUID, in trust: UUID) async throws -> UUID? {
        try await pool.read(trustID: trust, "SELECT appraisal_id FROM \(unsafeSQL: table.rawValue) WHERE id = \(id)") {
            try $0.decode(UUID.self, "appraisal_id")
        }.first
    }

    /// Reads part of an appraisal's record and audits the read (issue 3 §4: every read of
    /// confidential data), in one transaction. `resourceId` is the item read, or the appraisal
    /// for a list; the data subject is the reviewee.
    func auditedRecordRead<T: Sendable>(_ resourceType: String, appraisal: UUID, resourceId: UUID?, in trust: UUID,
                                        caller: RecordCaller, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let now = clock.now()
        return try await transaction(.trust(trust)) { [self] db in
            guard let facts = try RecordStore.facts(appraisal, lock: false, on: db) else { throw RecordNotFound(resource: "appraisal") }
            let result = try body(db)
            try audit(.init(trustId: trust, action: "read", resourceType: resourceType, resourceId: resourceId,
                            subjectPersonId: facts.personId), caller.audit, at: now, on: db)
            return result
        }
    }

    /// Reads one record item of `appraisal` (as the route found it) and audits the read.
    func auditedItemRead<T: Sendable>(_ id: UUID, appraisal: UUID, resource: String, in trust: UUID, caller: RecordCaller,
                                      _ find: @escaping @Sendable (Connection) throws -> T?) async throws -> T {
        let found = try await auditedRecordRead(resource, appraisal: appraisal, resourceId: id, in: trust, caller: caller, find)
        guard let found else { throw RecordNotFound(resource: resource) }
        return found
    }
}

/// What `/v1/me/permissions` needs to answer for a record item as its routes would.
public struct RecordLookup: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Path parameters that name a record item, and the table it lives in.
    public static let parameters = Dictionary(uniqueKeysWithValues: RecordTable.allCases.map { ($0.parameter, $0) })

    public func appraisal(of table: RecordTable, _ id: UUID, in trust: UUID) async throws -> UUID? {
        try await environment.appraisal(of: table, id, in: trust)
    }

    /// Whether the person is a side of the review (the reviewee or a current reviewer).
    public func isSide(_ person: UUID?, of appraisal: UUID, in trust: UUID) async throws -> Bool {
        guard let person else { return false }
        return try await environment.pool.read(trustID: trust, RecordStore.factsQuery(appraisal, lock: false), RecordStore.decodeFacts)
            .first.map { $0.personId == person || $0.reviewers.contains(person) } ?? false
    }
}
