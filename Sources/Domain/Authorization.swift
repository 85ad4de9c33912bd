import Foundation

/// Deny-by-default authorisation, one pure function (DESIGN §6). Each route declares the
/// permission it needs; `decide` says whether an actor holds it.
///
/// So far there are two kinds of caller: the break-glass platform administrator (every
/// permission), and API keys, which hold only their scopes and only in their own trust.
/// Roles and relationships (reviewer, line manager, head, …) extend this in issue 3.
public enum Permission: String, Sendable, CaseIterable {
    /// Liveness, readiness, the contract: no credential needed.
    case anyone
    /// Any valid credential: the caller's own description (`/v1/me`).
    case authenticated
    /// Trusts, API keys, the audit log, metrics: the platform administrator only, for now.
    case platform
    /// Read units, people, employments.
    case staffRead
    /// Create, change, delete units, people, employments.
    case staffWrite
}

public enum Caller: Sendable, Equatable {
    case platformAdministrator
    case apiKey(id: UUID, trust: UUID, scopes: Set<APIScope>)
    /// A person logged in with their account. Roles (HR, head, reviewer, …) arrive with
    /// issue 3's grants; until then a user may only describe themselves.
    case user(account: UUID, person: UUID, trust: UUID)
}

public enum Decision: Sendable, Equatable {
    case allow
    case deny(reason: String)
}

public enum Authorization {
    public static func decide(_ caller: Caller, _ permission: Permission) -> Decision {
        switch (caller, permission) {
        case (_, .anyone), (_, .authenticated), (.platformAdministrator, _):
            return .allow
        case (.apiKey(_, _, let scopes), .staffRead):
            return scopes.contains(.staffRead) || scopes.contains(.staffWrite) ? .allow : .deny(reason: "needs scope staff:read")
        case (.apiKey(_, _, let scopes), .staffWrite):
            return scopes.contains(.staffWrite) ? .allow : .deny(reason: "needs scope staff:write")
        case (.apiKey, .platform):
            return .deny(reason: "API keys cannot manage trusts, keys or the audit log")
        case (.user, .platform), (.user, .staffRead), (.user, .staffWrite):
            return .deny(reason: "no role granted to this person allows it")
        }
    }
}
