import Foundation

/// Anyone who acts in the trust: staff, trustees or directors, governors, external advisers.
public struct Person: Sendable, Equatable, Codable, TenantRecord {
    public var id: UUID
    public var trustId: UUID
    public var givenName: String
    public var familyName: String
    public var email: String?
    public var externalId: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, input: PersonInput, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.trustId = trustId
        self.givenName = input.givenName
        self.familyName = input.familyName
        self.email = input.email
        self.externalId = input.externalId
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var subjectPersonId: UUID? { id }

    public var input: PersonInput {
        PersonInput(givenName: givenName, familyName: familyName, email: email, externalId: externalId)
    }
}

public struct PersonInput: Sendable, Equatable, Codable, ValidatedInput {
    public var givenName: String
    public var familyName: String
    public var email: String?
    public var externalId: String?

    public static let fields: Set<String> = ["given_name", "family_name", "email", "external_id"]

    public init(givenName: String, familyName: String, email: String? = nil, externalId: String? = nil) {
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.externalId = externalId
    }

    public func validate() throws {
        var check = Validator()
        check.text(givenName, "given_name", max: 100)
        check.text(familyName, "family_name", max: 100)
        check.optionalText(externalId, "external_id", max: 100)
        if let email {
            check.check(Self.looksLikeEmail(email), "email", "format", "must be an email address")
        }
        try check.result()
    }

    /// Deliberately loose (RFC 5321 is broad): one `@`, a non-empty local part, a dotted
    /// domain, no spaces, at most 254 characters.
    public static func looksLikeEmail(_ text: String) -> Bool {
        if let ascii = asciiLooksLikeEmail(text) { return ascii }
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || $0.isNewline }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// The same rule over an ASCII address's bytes (a sync checks 10,000: Character's Unicode
    /// properties were a tenth of its planning); nil when the text is not ASCII.
    static func asciiLooksLikeEmail(_ text: String) -> Bool? {
        var length = 0, ats = 0, localLength = 0, labels = 1, labelLength = 0, emptyLabel = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            length += 1
            switch byte {
            case UInt8(ascii: " "), 0x09...0x0D: return false
            case UInt8(ascii: "@"):
                ats += 1
                if ats == 1 { localLength = length - 1 } else { return false }
            case UInt8(ascii: ".") where ats == 1:
                emptyLabel = emptyLabel || labelLength == 0
                labels += 1
                labelLength = 0
            default:
                if ats == 1 { labelLength += 1 }
            }
        }
        return length <= 254 && ats == 1 && localLength > 0 && labels >= 2 && !emptyLabel && labelLength > 0
    }
}
