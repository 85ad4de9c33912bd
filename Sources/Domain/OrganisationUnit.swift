import Foundation

/// An academy or school, or the trust's central team (000 §2, 001 "central services").
public struct OrganisationUnit: Sendable, Equatable, Codable, TenantRecord {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case school
        case centralTeam = "central_team"
    }

    public enum Phase: String, Sendable, Codable, CaseIterable {
        case nursery, primary, secondary, allThrough = "all_through", special
        case alternativeProvision = "alternative_provision", sixteenPlus = "sixteen_plus"
    }

    public var id: UUID
    public var trustId: UUID
    public var name: String
    public var kind: Kind
    public var urn: String?
    public var phase: Phase?
    public var externalId: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, input: UnitInput, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.trustId = trustId
        self.name = input.name
        self.kind = input.kind
        self.urn = input.urn
        self.phase = input.phase
        self.externalId = input.externalId
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var input: UnitInput {
        UnitInput(name: name, kind: kind, urn: urn, phase: phase, externalId: externalId)
    }
}

public struct UnitInput: Sendable, Equatable, Codable, ValidatedInput {
    public var name: String
    public var kind: OrganisationUnit.Kind
    public var urn: String?
    public var phase: OrganisationUnit.Phase?
    public var externalId: String?

    public static let fields: Set<String> = ["name", "kind", "urn", "phase", "external_id"]

    public init(name: String, kind: OrganisationUnit.Kind, urn: String? = nil, phase: OrganisationUnit.Phase? = nil, externalId: String? = nil) {
        self.name = name
        self.kind = kind
        self.urn = urn
        self.phase = phase
        self.externalId = externalId
    }

    public func validate() throws {
        var check = Validator()
        check.text(name, "name", max: 200)
        check.optionalText(externalId, "external_id", max: 100)
        switch kind {
        case .school:
            // A school is identified by its DfE Unique Reference Number: six digits.
            if let urn {
                check.check(urn.count == 6 && urn.allSatisfy { $0.isASCII && $0.isNumber },
                            "urn", "pattern", "must be a six-digit DfE URN")
            } else {
                check.fail("urn", "required", "is required for a school")
            }
        case .centralTeam:
            check.check(urn == nil, "urn", "forbidden", "must be absent for a central team")
            check.check(phase == nil, "phase", "forbidden", "must be absent for a central team")
        }
        try check.result()
    }
}
