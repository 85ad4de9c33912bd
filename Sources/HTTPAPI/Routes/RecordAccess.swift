import App
import Domain
import Foundation
import HTTPCore

/// Reaching a piece of an appraisal's record: the reviewee, the reviewers and the readers the
/// policy names (`AppraisalVisibility`, level `record`); anyone else — those who see only
/// the appraisal's status included — is told it does not exist. Writing needs a part in the
/// review, which the use case decides (403).
extension API {
    /// Checks the caller may read the appraisal (its record follows it): a user without a
    /// trust-wide role must be related to it, and is otherwise told it does not exist (the
    /// refusal audited). Whether the appraisal exists at all is the use case's to answer.
    func reachRecord(_ appraisal: UUID?, _ context: Context, trust: UUID, resource: String) async throws {
        guard let appraisal else { throw Problem.notFound(resource) }
        guard let me = context.personNeedingRecordRelationship else { return }
        if !(try await AppraisalService(environment).isVisible(appraisal, to: me, level: .record, in: trust)) {
            try await AuditLogService(environment).recordDenial(in: trust, action: "read", resourceType: resource,
                                                                reason: Self.notRelated, audit: context.audit)
            throw Problem.notFound(resource)
        }
    }

    /// The record item named in the path, its trust and its appraisal, once the caller may see it.
    func reachItem(_ context: Context, _ table: RecordTable) async throws -> (trust: UUID, id: UUID, appraisal: UUID) {
        let trust = try trustID(context)
        let id = try context.uuid(table.parameter)
        let appraisal = try await RecordLookup(environment).appraisal(of: table, id, in: trust)
        if appraisal != nil, try await observes(table, id, context, trust: trust) { return (trust, id, appraisal!) }
        try await reachRecord(appraisal, context, trust: trust, resource: table.resourceName)
        return (trust, id, appraisal!)
    }

    /// Whether the caller is the observer named on this observation (a peer, say): they reach
    /// that observation — the feedback tasks they are given are theirs to do — and nothing
    /// else of the record. Any person, trust-wide roles included, may be named an observer.
    func observes(_ table: RecordTable, _ id: UUID, _ context: Context, trust: UUID) async throws -> Bool {
        guard table == .observations, let me = context.personNeedingRecordRelationship else { return false }
        return try await ObservationService(environment).isObserver(me, of: id, in: trust)
    }

    /// Runs a record use case, turning its refusals into answers: not a party to the review is
    /// 403, audited; wellbeing notes asked for by anyone but the employee and the lead are 404,
    /// audited; a record that is not there is 404.
    func recording<T>(_ context: Context, trust: UUID, action: String, resource: String,
                      _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as NotAParticipant {
            try await AuditLogService(environment).recordDenial(in: trust, action: action, resourceType: resource,
                                                                reason: refusal.message, audit: context.audit)
            throw Problem.forbidden(refusal.message)
        } catch is WellbeingRefused {
            try await AuditLogService(environment).recordDenial(in: trust, action: action, resourceType: "wellbeing_notes",
                                                                reason: "only the employee and the conversation lead", audit: context.audit)
            throw Problem.notFound("conversation")
        } catch let missing as RecordNotFound {
            throw Problem.notFound(missing.resource)
        }
    }
}

extension Context {
    /// The person acting, for the record's use cases; nil for the platform administrator and keys.
    var recordCaller: RecordCaller {
        switch actor {
        case .user(_, let person, _, _, _), .sso(_, let person, _, _): return RecordCaller(person: person, audit: audit)
        default: return RecordCaller(person: nil, audit: audit)
        }
    }
}
