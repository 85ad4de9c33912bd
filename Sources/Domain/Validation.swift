import Foundation

/// One broken rule on one input field. `field` is a JSON path (`urn`, `items[2].name`);
/// `rule` is a stable machine-readable name; `message` is safe to show and never echoes the
/// submitted value (it may be confidential appraisal text).
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var rule: String
    public var message: String

    public init(field: String, rule: String, message: String) {
        self.field = field
        self.rule = rule
        self.message = message
    }
}

/// Input that breaks one or more rules: becomes 422 with the list of field errors.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(field: String, rule: String, message: String) {
        self.errors = [FieldError(field: field, rule: rule, message: message)]
    }
}

/// Accumulates field errors so a client sees every problem at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func fail(_ field: String, _ rule: String, _ message: String) {
        errors.append(FieldError(field: field, rule: rule, message: message))
    }

    public mutating func text(_ value: String, _ field: String, max: Int, allowBlank: Bool = false) {
        if !allowBlank && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            fail(field, "required", "must not be blank")
        } else if value.unicodeScalars.count > max { // JSON Schema maxLength counts code points
            fail(field, "max_length", "must be at most \(max) characters")
        }
    }

    public mutating func optionalText(_ value: String?, _ field: String, max: Int) {
        guard let value else { return }
        text(value, field, max: max)
    }

    public mutating func check(_ condition: Bool, _ field: String, _ rule: String, _ message: String) {
        if !condition { fail(field, rule, message) }
    }

    public func result() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

/// A record other records still point at (a unit with employments): it cannot be deleted.
public struct StillReferenced: Error, Sendable, Equatable {
    public var resource: String
    public init(resource: String) { self.resource = resource }
}
