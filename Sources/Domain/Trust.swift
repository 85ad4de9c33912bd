import Foundation

/// The tenant: a multi-academy trust, a single-academy trust, or a local authority running
/// maintained schools (seed 003 is a local authority's model policy).
public struct Trust: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case multiAcademyTrust = "multi_academy_trust"
        case singleAcademyTrust = "single_academy_trust"
        case localAuthority = "local_authority"
    }

    public var id: UUID
    public var name: String
    public var kind: Kind
    public var companiesHouseNumber: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, name: String, kind: Kind, companiesHouseNumber: String?, version: Int,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.kind = kind
        self.companiesHouseNumber = companiesHouseNumber
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var input: TrustInput {
        TrustInput(name: name, kind: kind, companiesHouseNumber: companiesHouseNumber)
    }
}

/// What a client may set on a trust.
public struct TrustInput: Sendable, Equatable, Codable, ValidatedInput {
    public var name: String
    public var kind: Trust.Kind
    public var companiesHouseNumber: String?

    public static let fields: Set<String> = ["name", "kind", "companies_house_number"]

    public init(name: String, kind: Trust.Kind, companiesHouseNumber: String? = nil) {
        self.name = name
        self.kind = kind
        self.companiesHouseNumber = companiesHouseNumber
    }

    public func validate() throws {
        var check = Validator()
        check.text(name, "name", max: 200)
        if let number = companiesHouseNumber {
            // Companies House numbers are 8 characters: digits, or a two-letter prefix and six digits.
            check.check(number.count == 8 && number.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) },
                        "companies_house_number", "pattern", "must be 8 characters: digits or capital letters")
        }
        try check.result()
    }
}

/// An input type: decodable from JSON, with the closed set of fields a client may send.
public protocol ValidatedInput: Codable, Sendable {
    /// JSON field names a client may send; anything else is refused with 422.
    static var fields: Set<String> { get }
    func validate() throws
}

/// A record that belongs to one trust, created from an input and versioned on every change.
public protocol TenantRecord: Codable, Sendable {
    associatedtype Input: ValidatedInput
    var id: UUID { get }
    var version: Int { get }
    var createdAt: Date { get }
    var input: Input { get }
    init(id: UUID, trustId: UUID, input: Input, version: Int, createdAt: Date, updatedAt: Date)
    /// The person this record is about (the audit log's data subject), if any.
    var subjectPersonId: UUID? { get }
    /// Why `caller` may not write `input` over `previous` (nil: a new record), or nil when they
    /// may: for a field only some writers set (an employment's pay point, issue 15 §1).
    static func writeRefusal(_ input: Input, previous: Input?, by caller: Caller?) -> String?
}

extension TenantRecord {
    public var subjectPersonId: UUID? { nil }
    public static func writeRefusal(_ input: Input, previous: Input?, by caller: Caller?) -> String? { nil }
}
