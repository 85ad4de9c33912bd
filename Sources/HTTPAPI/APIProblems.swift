import Domain
import Foundation
import HTTPCore

/// The problems the API raises, each with its stable `type`.
extension Problem {
    static func notFound(_ what: String = "resource") -> Problem {
        Problem(status: 404, type: "not-found", title: "Not found", detail: "No such \(what).")
    }
    static func methodNotAllowed(allow: [String]) -> Problem {
        Problem(status: 405, type: "method-not-allowed", title: "Method not allowed",
                detail: "This resource supports \(allow.joined(separator: ", ")).",
                headers: [("Allow", allow.joined(separator: ", "))])
    }
    static let notAcceptable = Problem(status: 406, type: "not-acceptable", title: "Not acceptable",
                                       detail: "This API produces application/json and application/problem+json only.")
    static let unauthenticated = Problem(
        status: 401, type: "unauthenticated", title: "Unauthenticated",
        detail: "Send a valid credential as 'Authorization: Bearer <token>'.",
        headers: [("WWW-Authenticate", "Bearer realm=\"appraise\"")])
    static func forbidden(_ detail: String) -> Problem {
        Problem(status: 403, type: "forbidden", title: "Forbidden", detail: detail)
    }
    static func conflict(_ detail: String, field: String? = nil, rule: String = "unique") -> Problem {
        Problem(status: 409, type: "conflict", title: "Conflict", detail: detail,
                errors: field.map { [InvalidField(field: $0, rule: rule, message: detail)] })
    }
    static let preconditionFailed = Problem(
        status: 412, type: "precondition-failed", title: "Precondition failed",
        detail: "If-Match does not match the current ETag: the resource changed since you read it.")
    static let preconditionRequired = Problem(
        status: 428, type: "precondition-required", title: "Precondition required",
        detail: "Send If-Match with the ETag from your last read to change this resource.")
    static func unsupportedMediaType(_ accepted: [String]) -> Problem {
        Problem(status: 415, type: "unsupported-media-type", title: "Unsupported media type",
                detail: "Send the body as \(accepted.joined(separator: " or ")).",
                headers: [("Accept-Post", accepted.joined(separator: ", "))])
    }
    static func invalid(_ errors: [FieldError]) -> Problem {
        Problem(status: 422, type: "validation-failed", title: "Validation failed",
                detail: "The request has \(errors.count) invalid field\(errors.count == 1 ? "" : "s").",
                errors: errors.map {
                    InvalidField(field: $0.field, rule: $0.rule, message: $0.message,
                                 policyRef: $0.policyRef.map(reference))
                })
    }
    static func invalid(field: String, rule: String, message: String) -> Problem {
        invalid([FieldError(field: field, rule: rule, message: message)])
    }
    static func invalidParameter(_ name: String, _ message: String) -> Problem {
        Problem(status: 400, type: "invalid-parameter", title: "Invalid parameter", detail: "\(name): \(message)",
                errors: [InvalidField(field: name, rule: "parameter", message: message)])
    }
    static func tooManyRequests(retryAfter seconds: Int) -> Problem {
        Problem(status: 429, type: "too-many-requests", title: "Too many requests",
                detail: "Too many failed attempts from this address; retry later.",
                headers: [("Retry-After", String(seconds))])
    }
    static let databaseUnavailable = Problem(
        status: 503, type: "database-unavailable", title: "Service unavailable",
        detail: "The database is unavailable; retry shortly.", headers: [("Retry-After", "2")])
    static let internalError = Problem(
        status: 500, type: "internal-error", title: "Internal server error",
        detail: "Something went wrong on our side. Quote the request_id when reporting it.")
}

/// A policy citation as problems carry it.
func reference(_ ref: PolicyRef) -> Problem.Reference {
    Problem.Reference(policyVersionId: ref.policyVersionId?.uuidString.lowercased(), policyVersion: ref.policyVersion,
                      presetId: ref.presetId, path: ref.path, section: ref.section, clause: ref.clause)
}
