import Foundation

/// Deny-by-default authorisation, one pure function (DESIGN §6). Each route declares the
/// permission it needs; `decide` says whether a caller holds it. The whole table, readable by
/// anyone, is authorization/matrix.md; the tests exercise every cell of it over HTTP.
public enum Permission: String, Sendable, CaseIterable {
    /// Liveness, readiness, the contract, logging in: no credential needed.
    case anyone
    /// Any valid credential: the caller's own description (`/v1/me`).
    case authenticated
    /// Trusts themselves and metrics: the platform administrator only.
    case platform
    /// A trust's accounts, API keys and role grants.
    case trustAdministration
    /// A trust's audit log (issue 3 §4: HR, the CEO and the trust administrator).
    case auditRead
    /// Read units, people, employments.
    case staffRead
    /// Read the staff records related to the caller: their own, those they line-manage, those
    /// of the unit they head (`decide(_:readingStaffRecordWith:)` decides per record). Anyone
    /// with `staffRead` reads them all.
    case relatedStaffRead
    /// Create, change, delete units, people, employments.
    case staffWrite
}

public enum Caller: Sendable, Equatable {
    case platformAdministrator
    case apiKey(id: UUID, trust: UUID, scopes: Set<APIScope>)
    /// A person logged in with their account, with the roles granted to them trust-wide.
    /// Roles held in one unit (head, governor, …) give nothing yet: they need the
    /// relationship checks (same unit, line manager, reviewer) of the rest of issue 3.
    case user(account: UUID, person: UUID, trust: UUID, roles: Set<Role>)
}

public enum Decision: Sendable, Equatable {
    case allow
    case deny(reason: String)
}

public enum Authorization {
    /// Which trust-wide roles hold each permission.
    static let rolesFor: [Permission: Set<Role>] = [
        .trustAdministration: [.trustAdmin],
        .auditRead: [.trustAdmin, .hr, .ceo],
        .staffRead: [.trustAdmin, .hr, .ceo, .operationsDirector],
        .staffWrite: [.trustAdmin, .hr],
    ]

    public static func decide(_ caller: Caller, _ permission: Permission) -> Decision {
        switch (caller, permission) {
        case (_, .anyone), (_, .authenticated), (.platformAdministrator, _):
            return .allow
        case (.user, .relatedStaffRead):
            return .allow // narrowed per record by the relationships
        case (_, .relatedStaffRead):
            return decide(caller, .staffRead)
        case (.apiKey(_, _, let scopes), .staffRead):
            return scopes.contains(.staffRead) || scopes.contains(.staffWrite) ? .allow : .deny(reason: "needs scope staff:read")
        case (.apiKey(_, _, let scopes), .staffWrite):
            return scopes.contains(.staffWrite) ? .allow : .deny(reason: "needs scope staff:write")
        case (.apiKey, _):
            return .deny(reason: "API keys cannot manage trusts, accounts, keys or grants, nor read the audit log")
        case (.user, .platform):
            return .deny(reason: "only the platform administrator manages trusts")
        case (.user(_, _, _, let roles), _):
            let holders = rolesFor[permission] ?? []
            if !roles.isDisjoint(with: holders) { return .allow }
            return .deny(reason: "needs one of the roles \(holders.map(\.rawValue).sorted().joined(separator: ", "))")
        }
    }
}
