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
