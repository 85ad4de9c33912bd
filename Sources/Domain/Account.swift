import Foundation

/// A person's login (issue 3 §1). The password itself is never part of a record.
public struct Account: Sendable, Equatable, Codable {
    public var id: UUID
    public var trustId: UUID
    public var personId: UUID
    public var email: String
    public var disabledAt: Date?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, personId: UUID, email: String, disabledAt: Date?, version: Int,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.trustId = trustId
        self.personId = personId
        self.email = email
        self.disabledAt = disabledAt
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Password rules (NIST SP 800-63B §5.1.1.2): at least 12 characters, at most 128, anything allowed.
public enum PasswordRules {
    public static func check(_ password: String, field: String, into check: inout Validator) {
        let length = password.unicodeScalars.count
        if length < 12 { check.fail(field, "min_length", "must be at least 12 characters") }
        if length > 128 { check.fail(field, "max_length", "must be at most 128 characters") }
        if password.unicodeScalars.contains("\u{0}") { check.fail(field, "invalid_character", "must not contain U+0000") }
    }
}

public struct AccountInput: Sendable, Equatable, Codable, ValidatedInput {
    public var personId: UUID
    public var email: String
    public var password: String

    public static let fields: Set<String> = ["person_id", "email", "password"]

    public init(personId: UUID, email: String, password: String) {
        self.personId = personId
        self.email = email
        self.password = password
    }

    public func validate() throws {
        var check = Validator()
        check.check(PersonInput.looksLikeEmail(email), "email", "format", "must be an email address")
        PasswordRules.check(password, field: "password", into: &check)
        try check.result()
    }
}

/// What an administrator may change on an account: disable or re-enable it, set a new password.
public struct AccountChange: Sendable, Equatable, Codable, ValidatedInput {
    public var disabled: Bool?
    public var password: String?

    public static let fields: Set<String> = ["disabled", "password"]

    public init(disabled: Bool? = nil, password: String? = nil) {
        self.disabled = disabled
        self.password = password
    }

    public func validate() throws {
        var check = Validator()
        if let password { PasswordRules.check(password, field: "password", into: &check) }
        check.check(disabled != nil || password != nil, "(body)", "min_properties", "must change disabled or password")
        try check.result()
    }
}
