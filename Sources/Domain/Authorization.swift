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
    /// Read what is not confidential: the trust's policy, presets, school calendars, bank
    /// holidays. Any credential of the trust.
    case trustRead
    /// Set the trust's policy and its units' school calendars.
    case configurationWrite
    /// Read cycles, their enrolment and reviewer load. Trust-wide readers see all; a head sees
    /// their units' (004 §5.2: the head monitors each appraiser's load).
    case cycleRead
    /// Create cycles and move them through their states.
    case cycleWrite
    /// Read appraisals: trust-wide readers all; a user those related to them (reviewee,
    /// reviewer, line manager, head of the unit: 000 §9.2, 001 "Confidentiality", 003 §1.8).
    case appraisalRead
    /// Appoint a reviewer. Whether this caller may is the policy's rule (422 when it is not):
    /// 000 §3.1, 001, 002 §2.2.2, 003 §3, 004 §5.
    case appoint
    /// Write an appraisal's record: objectives, observations, conversations, meetings. Whether
    /// this caller may is their part in the review (reviewee, reviewer, …), decided per record
    /// (403 otherwise); keys never write it.
    case appraisalRecordWrite
    /// Read the trust's change feed (issue 16 §3): keys with `events:read`, the trust
    /// administrator and HR. Which events each reads is `ChangeFeed.topics(readBy:)`.
    case eventsRead
    /// Subscribe URLs to the feed and read their delivery logs (issue 16 §4):
    /// `ChangeFeed.managesWebhooks` — the trust administrator and HR, never a key.
    case webhooksManage
    /// Read the reports (issue 17 §1): any person, decided per report and unit by
    /// `ReportAccess` (trust roles, heads, and anonymised the board and governors); keys with
    /// `reports:read`, anonymised.
    case reportsRead
    /// Place, read and release legal holds that stop records' destruction (issue 17 §7): HR
    /// and the trust administrator; never a key.
    case legalHoldsManage
    /// Export everything held about a person for their subject access request (issue 17 §8):
    /// HR, who answers such requests; never a key.
    case subjectAccessExport
    /// Anonymised statement samples (issue 17 §2, 003 §1.8): any person, decided per unit by
    /// `StatementSampleAccess` (the head prepares, governors read released ones); never a key.
    case statementSamples
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
        .configurationWrite: [.trustAdmin, .hr],
        .cycleRead: [.trustAdmin, .hr, .ceo, .operationsDirector],
        .cycleWrite: [.trustAdmin, .hr, .ceo],
        .appraisalRead: [.trustAdmin, .hr, .ceo, .operationsDirector],
        .legalHoldsManage: [.trustAdmin, .hr],
        .subjectAccessExport: [.hr],
    ]

    /// Whether a caller reads every appraisal and cycle of the trust without narrowing.
    public static func readsAllAppraisals(_ caller: Caller) -> Bool {
        switch caller {
        case .platformAdministrator: return true
        case .apiKey(_, _, let scopes): return scopes.contains(.appraisalsRead)
        case .user(_, _, _, let roles): return !roles.isDisjoint(with: rolesFor[.appraisalRead] ?? [])
        }
    }

    public static func decide(_ caller: Caller, _ permission: Permission) -> Decision {
        switch (caller, permission) {
        case (_, .anyone), (_, .authenticated), (.platformAdministrator, _):
            return .allow
        case (.user, .relatedStaffRead), (.user, .cycleRead), (.user, .appraisalRead), (.user, .appoint), (.user, .appraisalRecordWrite),
             (.user, .reportsRead), (.user, .statementSamples), (_, .trustRead):
            return .allow // narrowed per record by the relationships, or decided by the policy
        case (_, .relatedStaffRead):
            return decide(caller, .staffRead)
        case (_, .eventsRead):
            return ChangeFeed.readsFeed(caller)
        case (_, .webhooksManage):
            return ChangeFeed.managesWebhooks(caller)
        case (.apiKey(_, _, let scopes), .staffRead):
            return scopes.contains(.staffRead) || scopes.contains(.staffWrite) ? .allow : .deny(reason: "needs scope staff:read")
        case (.apiKey(_, _, let scopes), .staffWrite):
            return scopes.contains(.staffWrite) ? .allow : .deny(reason: "needs scope staff:write")
        case (.apiKey(_, _, let scopes), .cycleRead), (.apiKey(_, _, let scopes), .appraisalRead):
            return scopes.contains(.appraisalsRead) ? .allow : .deny(reason: "needs scope appraisals:read")
        case (.apiKey(_, _, let scopes), .reportsRead):
            return scopes.contains(.reportsRead) ? .allow : .deny(reason: "needs scope reports:read")
        case (.apiKey, _):
            return .deny(reason: "API keys cannot manage trusts, accounts, keys, grants, policies or cycles, nor read the audit log")
        case (.user, .platform):
            return .deny(reason: "only the platform administrator manages trusts")
        case (.user(_, _, _, let roles), _):
            let holders = rolesFor[permission] ?? []
            if !roles.isDisjoint(with: holders) { return .allow }
            return .deny(reason: "needs one of the roles \(holders.map(\.rawValue).sorted().joined(separator: ", "))")
        }
    }
}
