import Domain
import Foundation
import Postgres
import Store

/// One appraisal as its record's use cases see it: the facts, the policy section that applies
/// to this employment (from the version the cycle was opened under, overrides resolved), and
/// how the caller stands to it — loaded only through `open`, which decides access first.
struct RecordContext {
    let facts: AppraisalFacts
    let policy: PolicyDocument
    let relationship: RecordRelationship
    /// The policy version in force, for citing the clause behind a rule (`policy_ref`).
    let citation: PolicyCitation

    var participation: Participation { relationship.participation }
    var subject: RecordAccessRules.Subject { .init(category: facts.category, policy: policy) }

    /// The one access decision (issue 11 §1): loads the caller's relationship to the target's
    /// appraisal in one query, with the appraisal's facts (locked when `lock`), and answers
    /// whether any of `needs` is granted under the policy version in force. A missing target
    /// is `RecordNotFound`; a refusal is `RecordRefusal`, audited by `AppEnvironment.onRecord`.
    static func open(_ target: RecordTarget, for needs: [RecordPermission], caller: RecordCaller, lock: Bool,
                     policies: PolicyVersionCache, on db: Connection) throws -> RecordContext {
        guard let loaded = try RecordAccessStore.load(target, person: caller.person, lock: lock, on: db),
              let version = try policies.version(loaded.facts.policyVersionId, on: db) else {
            throw RecordNotFound(resource: target.resourceName)
        }
        let facts = loaded.facts
        let policy = version.document.resolved(unitId: facts.unitId, staffGroup: facts.staffGroup, jobTitle: facts.jobTitle)
        var relationship = loaded.relationship
        if caller.readsEveryStatus { relationship.readsStatus = true }
        let citation = PolicyCitation(versionId: version.id, version: version.version, presetId: version.presetId,
                                      document: policy)
        let context = RecordContext(facts: facts, policy: policy, relationship: relationship, citation: citation)
        let decisions = needs.map { RecordAccessRules.decide($0, relationship, context.subject) }
        guard !decisions.contains(.allow) else { return context }
        // A refusal by a policy rule says so; hidden when every need was out of reach (or none
        // was named: deny by default).
        let decision = decisions.first { if case .refused = $0 { return true } else { return false } }
            ?? .hidden(reason: RecordAccessRules.notRelated)
        var refusal = RecordRefusal(decision: decision, resource: target.resourceName, personId: facts.personId)
        if case .refused(_, let policy?) = decision { refusal.policyRef = citation.ref(policy) }
        throw refusal
    }

    /// The record is written while the cycle runs; a planned or closed cycle's record is read-only,
    /// and so is a suspended appraisal's (000 §8.2, 001, 003 §6.12.4, 004 §12: capability).
    func requireOpenCycle() throws {
        guard !facts.suspended else { throw AppraisalSuspended() }
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
    /// A trust-wide role (HR, the CEO, …) sees every appraisal's status, whatever the policy
    /// lets it read of the record.
    public let readsEveryStatus: Bool
    public init(person: UUID?, audit: AuditContext, readsEveryStatus: Bool = false) {
        self.person = person; self.audit = audit; self.readsEveryStatus = readsEveryStatus
    }
}

/// The access decision refused: `hidden` is answered as not found, `refused` as forbidden.
public struct RecordRefusal: Error, Sendable {
    public let decision: RecordAccessDecision
    /// What the answer names (the appraisal, the objective, …).
    public let resource: String
    /// Whose record it is, for the refusal's audit event.
    public let personId: UUID?
    /// The clause of the policy in force that refuses it, when a policy rule does.
    public var policyRef: PolicyRef?
    public init(decision: RecordAccessDecision, resource: String, personId: UUID?) {
        self.decision = decision; self.resource = resource; self.personId = personId
    }
    public var isHidden: Bool { if case .hidden = decision { return true } else { return false } }
    public var reason: String {
        switch decision {
        case .hidden(let reason), .refused(let reason, _): return reason
        case .allow: return ""
        }
    }
}

/// A suspended appraisal's record refuses every change: 409 naming the suspension.
public struct AppraisalSuspended: Error, Sendable {}

/// What the record's use cases answer when the thing does not exist (in this trust).
public struct RecordNotFound: Error, Sendable { public let resource: String }

extension AppEnvironment {
    /// Every use case of an appraisal's record runs here (issue 11 §1): one transaction that
    /// first decides access (`RecordContext.open`) and then runs `body`. A refusal — by the
    /// access decision or by one of the record's rules (`NotAParticipant`, `WellbeingRefused`)
    /// — is audited here, whatever the entry point, and thrown as `RecordRefusal`.
    func onRecord<T: Sendable>(_ target: RecordTarget, _ needs: [RecordPermission], action: String, in trust: UUID,
                               caller: RecordCaller, lock: Bool = false,
                               _ body: @escaping @Sendable (RecordContext, Connection) throws -> T) async throws -> T {
        do {
            return try await transaction(.trust(trust)) { db in
                let context = try RecordContext.open(target, for: needs, caller: caller, lock: lock,
                                                     policies: policies, on: db)
                do {
                    return try body(context, db)
                } catch let failure as ValidationFailure {
                    // Every policy rule's refusal cites its clause (issue 11 §3).
                    throw context.citation.cite(failure)
                }
            }
        } catch let refusal as RecordRefusal {
            try await auditRefusal(refusal, action: action, resourceType: target.resourceName, in: trust,
                                   caller: caller)
            throw refusal
        } catch let rule as NotAParticipant {
            let refusal = RecordRefusal(decision: .refused(reason: rule.message), resource: target.resourceName,
                                        personId: nil)
            try await auditRefusal(refusal, action: action, resourceType: target.resourceName, in: trust,
                                   caller: caller)
            throw refusal
        } catch let wellbeing as WellbeingRefused {
            // 004 §6.4a: anyone but the employee and the lead is told the conversation has none.
            let refusal = RecordRefusal(decision: .hidden(reason: "only the employee and the conversation lead"),
                                        resource: target.resourceName, personId: wellbeing.personId)
            try await auditRefusal(refusal, action: action, resourceType: "wellbeing_notes", in: trust, caller: caller)
            throw refusal
        }
    }

    /// Reads part of an appraisal's record and audits the read (issue 3 §4: every read of
    /// confidential data), in one transaction. The event names the item read, or the appraisal
    /// for a list; the data subject is the reviewee.
    /// `need` is what the read asks of the access decision: the record (`.read`), or its support
    /// and capability part (`.support`).
    func readRecord<T: Sendable>(_ target: RecordTarget, as resourceType: String, need: RecordPermission = .read,
                                 in trust: UUID, caller: RecordCaller,
                                 _ body: @escaping @Sendable (Connection) throws -> T?) async throws -> T {
        let now = clock.now()
        return try await onRecord(target, [need], action: "read", in: trust, caller: caller) { [self] context, db in
            guard let result = try body(db) else { throw RecordNotFound(resource: target.resourceName) }
            try audit(.init(trustId: trust, action: "read", resourceType: resourceType, resourceId: target.id,
                            subjectPersonId: context.facts.personId), caller.audit, at: now, on: db)
            return result
        }
    }

    private func auditRefusal(_ refusal: RecordRefusal, action: String, resourceType: String, in trust: UUID,
                              caller: RecordCaller) async throws {
        let now = clock.now()
        try await transaction(.trust(trust)) { [self] db in
            try audit(.init(trustId: trust, action: action, resourceType: resourceType, resourceId: nil,
                            subjectPersonId: refusal.personId, outcome: .denied, reason: refusal.reason),
                      caller.audit, at: now, on: db)
        }
    }
}

/// What `/v1/me/permissions`, and any entry point that only asks, learns from the same
/// decision the use cases make — without touching the record or auditing a question.
public struct RecordAccessService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Whether any of `needs` is granted on the target; false when it does not exist.
    public func allows(_ needs: [RecordPermission], on target: RecordTarget, in trust: UUID,
                       caller: RecordCaller) async throws -> Bool {
        do {
            _ = try await environment.transaction(.trust(trust)) { [policies = environment.policies] db in
                try RecordContext.open(target, for: needs, caller: caller, lock: false, policies: policies, on: db)
                    .facts.appraisalId
            }
            return true
        } catch is RecordRefusal {
            return false
        } catch is RecordNotFound {
            return false
        }
    }
}

