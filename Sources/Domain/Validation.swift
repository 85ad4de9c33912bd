import Foundation

/// One broken rule on one input field. `field` is a JSON path (`urn`, `items[2].name`);
/// `rule` is a stable machine-readable name; `message` is safe to show and never echoes the
/// submitted value (it may be confidential appraisal text).
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var rule: String
    public var message: String
    /// A policy rule's place in the policy document (`objectives.max_count`), for citing it.
    public var policyPath: String?
    /// The clause the rule comes from, once the use case has cited the policy in force.
    public var policyRef: PolicyRef?

    enum CodingKeys: String, CodingKey { case field, rule, message, policyRef }

    public init(field: String, rule: String, message: String, policy: String? = nil) {
        self.field = field
        self.rule = rule
        self.message = message
        self.policyPath = policy
    }
}

/// Input that breaks one or more rules: becomes 422 with the list of field errors.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(field: String, rule: String, message: String, policy: String? = nil) {
        self.errors = [FieldError(field: field, rule: rule, message: message, policy: policy)]
    }
}

/// Accumulates field errors so a client sees every problem at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func fail(_ field: String, _ rule: String, _ message: String, policy: String? = nil) {
        errors.append(FieldError(field: field, rule: rule, message: message, policy: policy))
    }

    public mutating func text(_ value: String, _ field: String, max: Int, allowBlank: Bool = false) {
        if !allowBlank && Self.isBlank(value) {
            fail(field, "required", "must not be blank")
        } else if value.utf8.count > max && value.unicodeScalars.count > max {
            // JSON Schema's maxLength counts code points (never more than the UTF-8 bytes).
            fail(field, "max_length", "must be at most \(max) characters")
        }
    }

    /// Whether nothing but white space is left when it is trimmed. A value starting with a
    /// visible ASCII character is not blank, and is answered without Foundation's trimming
    /// (a sync validates 50,000 names; trimming each was a tenth of its planning).
    static func isBlank(_ value: String) -> Bool {
        if let first = value.utf8.first, first > 0x20, first < 0x7F { return false }
        return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    public mutating func optionalText(_ value: String?, _ field: String, max: Int) {
        guard let value else { return }
        text(value, field, max: max)
    }

    public mutating func check(_ condition: Bool, _ field: String, _ rule: String, _ message: String,
                               policy: String? = nil) {
        if !condition { fail(field, rule, message, policy: policy) }
    }

    public func result() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// As `result`, every error not already citing a policy rule citing `policy`.
    public func result(policy: String) throws {
        try Validator(errors: errors.map { error in
            var cited = error
            if cited.policyPath == nil { cited.policyPath = policy }
            return cited
        }).result()
    }

    private init(errors: [FieldError]) { self.errors = errors }
}

/// A record other records still point at (a unit with employments): it cannot be deleted.
public struct StillReferenced: Error, Sendable, Equatable {
    public var resource: String
    public init(resource: String) { self.resource = resource }
}
