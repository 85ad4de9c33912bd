import App
import Domain
import Foundation
import HTTPCore

/// Answers for an appraisal's record. Who may read or change it is decided once, by the use
/// case (`RecordContext.open`), which also audits every refusal; a route only says which
/// item the path names and turns the use case's answer into HTTP: hidden is 404 (those who
/// see only the appraisal's status included), refused is 403, missing is 404.
extension API {
    /// Runs a record use case, turning its refusals into answers.
    func recording<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as RecordRefusal {
            guard !refusal.isHidden else { throw Problem.notFound(refusal.resource) }
            var problem = Problem.forbidden(sentence(refusal.reason))
            problem.policyRef = refusal.policyRef.map(reference)
            throw problem
        } catch let missing as RecordNotFound {
            throw Problem.notFound(missing.resource)
        }
    }
}

/// A refusal's reason as the problem's detail: a sentence.
private func sentence(_ reason: String) -> String {
    let text = reason.prefix(1).uppercased() + reason.dropFirst()
    return text.hasSuffix(".") ? text : text + "."
}

extension RecordItemKind {
    /// The path parameter that names an item of this kind.
    var parameter: String {
        switch self {
        case .objective: return "objective_id"
        case .observation: return "observation_id"
        case .conversation: return "conversation_id"
        case .meeting: return "meeting_id"
        case .evidence: return "evidence_id"
        case .development: return "development_id"
        case .statement: return "statement_id"
        case .interimReview: return "interim_review_id"
        case .concern: return "concern_id"
        case .supportPlan: return "support_plan_id"
        case .capabilityCase: return "capability_case_id"
        case .payRecommendation: return "pay_recommendation_id"
        case .payAppeal: return "pay_appeal_id"
        case .upperPayRangeApplication: return "upper_pay_range_application_id"
        }
    }

    /// Path parameters that name a record item, and its kind.
    static let parameters = Dictionary(uniqueKeysWithValues: allCases.map { ($0.parameter, $0) })
}

extension Context {
    /// The person acting, for the record's use cases; nil for the platform administrator and keys.
    var recordCaller: RecordCaller {
        let everyStatus = actor.map { Authorization.readsAllAppraisals($0.caller) } ?? false
        switch actor {
        case .user(_, let person, _, _, _), .sso(_, let person, _, _):
            return RecordCaller(person: person, audit: audit, readsEveryStatus: everyStatus)
        default: return RecordCaller(person: nil, audit: audit, readsEveryStatus: everyStatus)
        }
    }

    /// The record item the path names, by its kind's parameter.
    func item(_ kind: RecordItemKind) throws -> UUID { try uuid(kind.parameter) }
}
