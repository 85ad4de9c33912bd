import App
import Domain
import Foundation
import HTTPCore
import Logging

/// The one place where errors become HTTP problems (DESIGN §1, §4). Anything unrecognised is
/// a 500 whose detail goes to the log only; database messages never reach a response body.
enum ErrorMapping {
    /// Constraint names (migrations name every one) → the input field they guard.
    static let constraintFields: [String: String] = [
        "trusts_companies_house_number_key": "companies_house_number",
        "trusts_name_check": "name",
        "units_urn_key": "urn",
        "units_urn_check": "urn",
        "units_external_id_key": "external_id",
        "people_external_id_key": "external_id",
        "people_email_key": "email",
        "employments_external_id_key": "external_id",
        "employments_person_fkey": "person_id",
        "employments_unit_fkey": "unit_id",
        "employments_line_manager_fkey": "line_manager_id",
        "employments_line_manager_not_self": "line_manager_id",
        "employments_contract_check": "contract_end_date",
        "employments_fte_check": "fte",
        "identity_providers_issuer_key": "issuer",
        "grants_role_key": "role",
        "grants_person_fkey": "person_id",
        "grants_unit_fkey": "unit_id",
        "accounts_email_key": "email",
        "accounts_person_key": "person_id",
        "accounts_person_fkey": "person_id",
        "units_trust_id_fkey": "Appraise-Trust-Id",
        "people_trust_id_fkey": "Appraise-Trust-Id",
        "employments_trust_id_fkey": "Appraise-Trust-Id",
        "legal_holds_person_fkey": "person_id",
        "legal_holds_owner_fkey": "owner_id",
    ]

    static func problem(for error: any Error, logger: Logger, requestID: String) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ValidationFailure:
            return .invalid(failure.errors)
        case is AuditUnavailable:
            logger.error("audit event could not be written", metadata: ["request_id": "\(requestID)"])
            return Problem(status: 503, type: "audit-unavailable", title: "Service unavailable",
                           detail: "The change could not be recorded in the audit log, so it was not made; retry shortly.",
                           headers: [("Retry-After", "2")])
        case is IdempotencyKeyTaken:
            return .invalid(field: "Idempotency-Key", rule: "reused",
                            message: "was already used with a different request")
        case let locked as StatementLocked:
            return .conflict(locked.message.prefix(1).uppercased() + locked.message.dropFirst() + ".",
                             field: nil, rule: "statement_state")
        case let conflict as ModerationStateConflict:
            return .conflict(conflict.message, field: nil, rule: "moderation_state")
        case is LegalHoldReleased:
            return .conflict("The legal hold is released already.", field: nil, rule: "legal_hold_released")
        case is StatementSampleReleased:
            return .conflict("The sample is released already: it no longer changes.", field: nil,
                             rule: "sample_released")
        case is AppraisalSuspended:
            return .conflict("The appraisal is suspended while the capability procedure runs (000 §8.2, 003 §6.12.4, "
                             + "004 §12): its record takes no changes until the case ends.", field: "appraisal_id",
                             rule: "appraisal_suspended")
        case is CapabilityCaseLive:
            return .conflict("The appraisal already has a live capability case.", field: nil,
                             rule: "capability_case_live")
        case let refused as WriteRefused:
            return .forbidden(refused.reason.prefix(1).uppercased() + refused.reason.dropFirst() + ".")
        case is PayRecommendationExists:
            return .conflict("The appraisal already has its pay recommendation.", field: nil,
                             rule: "pay_recommendation_exists")
        case is UpperPayRangeDecided:
            return .conflict("The application has been decided.", field: nil, rule: "upper_pay_range_decided")
        case is UpperPayRangeApplied:
            return .conflict("This year's application to the upper pay range has been made.", field: nil,
                             rule: "upper_pay_range_applied")
        case is PayAppealExists:
            return .conflict("The decision has been appealed already.", field: nil, rule: "pay_appeal_exists")
        case let step as PayStepOutOfOrder:
            let state = step.state.rawValue.replacingOccurrences(of: "_", with: " ")
            return .conflict("The pay recommendation is \(state): "
                             + "this step needs \(step.needs.replacingOccurrences(of: "_", with: " ")).",
                             field: "state", rule: "pay_step_order")
        case is CapabilityCaseEnded:
            return .conflict("The capability case has ended.", field: nil, rule: "capability_case_state")
        case let closed as SupportPlanClosed:
            return .conflict("The support plan is \(closed.state.rawValue.replacingOccurrences(of: "_", with: " ")): "
                             + "it does not take this change.", field: "state", rule: "support_plan_state")
        case is SupportPlanExists:
            return .conflict("The concern already has a support plan.", field: nil, rule: "support_plan_exists")
        case let existing as StatementExists:
            return .conflict("The appraisal already has a statement (\(existing.id.uuidString.lowercased())): "
                             + "change its draft, or correct it once locked.", field: nil, rule: "statement_exists")
        case is ConcurrentChange:
            return .conflict("Another writer changed a staff record while the sync ran; nothing was written: "
                             + "send the sync again.", field: nil, rule: "concurrent_change")
        case let referenced as StillReferenced:
            return .conflict("This \(referenced.resource) is still referenced by other records and cannot be deleted.")
        case _ where DatabaseFailure.classify(error) != nil:
            let (failure, description) = DatabaseFailure.classify(error)!
            return problem(for: failure, description, logger: logger, requestID: requestID)
        case is CorruptDocument:
            logger.error("a stored evidence document failed its SHA-256 check", metadata: ["request_id": "\(requestID)"])
            return .internalError
        default:
            logger.error("unhandled error", metadata: ["request_id": "\(requestID)", "error": "\(type(of: error))"])
            return .internalError
        }
    }

    static func problem(for failure: DatabaseFailure, _ description: String, logger: Logger,
                        requestID: String) -> Problem {
        switch failure {
        case .unavailable:
            logger.warning("database unavailable", metadata: ["request_id": "\(requestID)", "error": "\(description)"])
            return .databaseUnavailable
        case .duplicate(let constraint):
            let name = field(constraint) ?? "(body)"
            return .conflict("Another record in this trust already uses this \(name).", field: name)
        case .missingReference(let constraint):
            if constraint?.hasSuffix("trust_id_fkey") == true { return .notFound("trust") }
            return .invalid(field: field(constraint) ?? "(body)", rule: "exists",
                            message: "must refer to an existing record in this trust")
        case .broken(let constraint):
            return .invalid(field: field(constraint) ?? "(body)", rule: "constraint",
                            message: "breaks a rule of this resource")
        case .busy:
            logger.warning("database timeout or conflict", metadata: ["request_id": "\(requestID)",
                                                                      "error": "\(description)"])
            return .databaseUnavailable
        case .badValue(let constraint):
            // Data exceptions (out-of-range values, bad encodings) are the client's input.
            return .invalid(field: field(constraint) ?? "(body)", rule: "value",
                            message: "has a value the database cannot store")
        case .other:
            logger.error("database error", metadata: ["request_id": "\(requestID)", "error": "\(description)"])
            return .internalError
        }
    }

    private static func field(_ constraint: String?) -> String? { constraint.flatMap { constraintFields[$0] } }
}
