import Domain
import Foundation
import Postgres
import Store

/// Runs slow, blocking work (password hashing) on a dispatch queue, never on Swift's cooperative pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Accounts, managed by an administrator (issue 3 §1).
public struct AccountService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: AccountInput, in trust: UUID, audit: AuditContext) async throws -> Account {
        try input.validate()
        let rounds = environment.passwordRounds
        let hash = try await offPool { try Secrets.hashPassword(input.password, rounds: rounds) }
        let now = environment.clock.now()
        let account = Account(id: environment.newID(), trustId: trust, personId: input.personId, email: input.email,
                              disabledAt: nil, version: 1, createdAt: now, updatedAt: now)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try AccountStore.insert(account, passwordHash: hash, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "account", resourceId: account.id,
                                        subjectPersonId: account.personId, changedFields: ["email", "password", "person_id"]),
                                  audit, at: now, on: db)
            return account
        }
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> Account? {
        try await environment.pool.read(trustID: trust, AccountStore.findQuery(id), AccountStore.decode).first
    }

    public func list(page: PageRequest, in trust: UUID) async throws -> Page<Account> {
        let accounts = try await environment.pool.read(trustID: trust, AccountStore.listQuery(page: page), AccountStore.decode)
        return makePage(accounts, limit: page.limit, id: \.id)
    }

    /// Disabling ends every session of the account at once.
    public func change(_ id: UUID, _ change: AccountChange, in trust: UUID, expectedVersion: Int,
                       audit: AuditContext) async throws -> VersionedUpdate<Account> {
        try change.validate()
        let rounds = environment.passwordRounds
        var hash: String?
        if let password = change.password {
            hash = try await offPool { try Secrets.hashPassword(password, rounds: rounds) }
        }
        let newHash = hash
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let current = try AccountStore.find(id, on: db) else { return .notFound }
            guard current.version == expectedVersion else { return .stale(current: current) }
            let disabledAt = change.disabled.map { $0 ? (current.disabledAt ?? now) : nil } ?? current.disabledAt
            let result = try AccountStore.update(id, disabledAt: disabledAt, passwordHash: newHash,
                                                 expectedVersion: expectedVersion, at: now, on: db)
            if disabledAt != nil || newHash != nil {
                try AccountStore.endSessions(ofAccount: id, reason: disabledAt != nil ? "account_disabled" : "password_changed",
                                             at: now, on: db)
            }
            var fields: [String] = []
            if change.disabled != nil { fields.append("disabled_at") }
            if newHash != nil { fields.append("password") }
            try environment.audit(.init(trustId: trust, action: "update", resourceType: "account", resourceId: id,
                                        subjectPersonId: current.personId, changedFields: fields), audit, at: now, on: db)
            return result
        }
    }
}

/// Logging in, refreshing and logging out (issue 3 §1). Every failure looks the same to the
/// caller; the reason goes to the audit log when the account is known.
public struct AuthService: Sendable {
    public struct Login: Sendable, Equatable {
        public var sessionId: UUID
        public var trustId: UUID
        public var accountId: UUID
        public var personId: UUID
        public var refreshToken: String
    }

    public struct Refused: Error, Sendable, Equatable {
        /// The refusal ended the session (a refresh token presented twice): its access tokens
        /// must stop working at once, as after a logout.
        public var endedSession = false
        public init(endedSession: Bool = false) { self.endedSession = endedSession }
    }

    /// A session lasts 30 days from login; each refresh token is good for one use.
    public static let sessionLifetime: TimeInterval = 30 * 24 * 3600

    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// The same email may hold accounts in several trusts (a governor of two schools, an
    /// adviser): the password picks the account; if it opens more than one, the caller names
    /// the trust.
    public struct TrustNeeded: Error, Sendable {}

    public func login(email: String, password: String, trust: UUID? = nil,
                      request: AuditContext) async throws -> Login {
        let rows = try await environment.pool.read(settings: [("app.login_email", email)], AccountStore.loginQuery(email: email)) {
            (try AccountStore.decode($0), try $0.decode(String.self, "password_hash"))
        }.filter { trust == nil || $0.0.trustId == trust }
        guard !rows.isEmpty else {
            // Spend the same time as a real check, so timing does not reveal which emails exist.
            let rounds = environment.passwordRounds
            _ = try await offPool { try Secrets.hashPassword(password, rounds: rounds) }
            throw Refused()
        }
        let verdicts = try await offPool { rows.map { Secrets.verifyPassword(password, against: $0.1) } }
        let opened = zip(rows, verdicts).filter { $0.1 }.map { $0.0.0 }
        guard opened.count <= 1 else { throw TrustNeeded() }
        let now = environment.clock.now()
        func actor(_ account: Account) -> AuditContext {
            AuditContext(actor: AuditActor(kind: .user, id: account.id.uuidString.lowercased(), authMethod: "password",
                                           effectiveRole: nil),
                         requestID: request.requestID, clientAddress: request.clientAddress)
        }
        guard let account = opened.first, account.disabledAt == nil else {
            // Each refused account's trust hears of it.
            for (account, _) in rows {
                try await AuditLogService(environment).recordDenial(
                    in: account.trustId, action: "login", resourceType: "session",
                    reason: opened.first?.id == account.id ? "account disabled" : "wrong password",
                    audit: actor(account))
            }
            throw Refused()
        }
        let actor = actor(account)
        let token = Secrets.randomToken()
        let session = environment.newID()
        try await environment.transaction(.trust(account.trustId)) { [environment] db in
            try AccountStore.insertSession(id: session, trust: account.trustId, account: account.id,
                                           refreshHash: Secrets.sha256Hex(token), at: now,
                                           expires: now.addingTimeInterval(Self.sessionLifetime), on: db)
            try environment.audit(.init(trustId: account.trustId, action: "login", resourceType: "session", resourceId: session,
                                        subjectPersonId: account.personId), actor, at: now, on: db)
        }
        return Login(sessionId: session, trustId: account.trustId, accountId: account.id, personId: account.personId,
                     refreshToken: token)
    }

    /// Exchanges a refresh token for a new one. Presenting a token already exchanged ends the
    /// session: someone else has it.
    public func refresh(_ token: String, request: AuditContext) async throws -> Login {
        let hash = Secrets.sha256Hex(token)
        guard let session = try await findSession(hash) else { throw Refused() }
        let now = environment.clock.now()
        let next = Secrets.randomToken()
        let actor = userContext(session.accountId, method: "refresh_token", request)
        // Decided and written in one transaction in the session's trust, so the refusal and its
        // audit event land together.
        let (personId, ended) = try await environment.transaction(.trust(session.trustId)) {
            [environment] db -> (UUID?, Bool) in
            let account = try AccountStore.find(session.accountId, on: db)
            var refusal: String?
            if session.presentedPrevious {
                refusal = "refresh token reused"
                try AccountStore.endSession(session.id, reason: "refresh_token_reuse", at: now, on: db)
            } else if session.ended || session.expiresAt <= now || account?.disabledAt != nil {
                refusal = "session no longer valid"
            } else if try !AccountStore.rotate(session: session.id, from: hash, to: Secrets.sha256Hex(next), at: now, on: db) {
                refusal = "refresh token already used" // a concurrent refresh won
            }
            try environment.audit(.init(trustId: session.trustId, action: "refresh", resourceType: "session", resourceId: session.id,
                                        subjectPersonId: account?.personId, outcome: refusal == nil ? .allowed : .denied,
                                        reason: refusal), actor, at: now, on: db)
            return (refusal == nil ? account?.personId : nil, session.presentedPrevious)
        }
        guard let personId else { throw Refused(endedSession: ended) }
        return Login(sessionId: session.id, trustId: session.trustId, accountId: session.accountId, personId: personId,
                     refreshToken: next)
    }

    /// Ends the session the refresh token belongs to. Unknown tokens are ignored (no oracle).
    public func logout(_ token: String, request: AuditContext) async throws {
        guard let session = try await findSession(Secrets.sha256Hex(token)), !session.ended else { return }
        let now = environment.clock.now()
        let actor = userContext(session.accountId, method: "refresh_token", request)
        try await environment.transaction(.trust(session.trustId)) { [environment] db in
            let account = try AccountStore.find(session.accountId, on: db)
            try AccountStore.endSession(session.id, reason: "logout", at: now, on: db)
            try environment.audit(.init(trustId: session.trustId, action: "logout", resourceType: "session",
                                        resourceId: session.id, subjectPersonId: account?.personId), actor, at: now, on: db)
        }
    }

    private func findSession(_ hash: String) async throws -> AccountStore.Session? {
        try await environment.pool.read(settings: [("app.refresh_hash", hash)], AccountStore.sessionQuery(refreshHash: hash),
                                        AccountStore.decodeSession).first
    }

    private func userContext(_ account: UUID, method: String, _ request: AuditContext) -> AuditContext {
        AuditContext(actor: AuditActor(kind: .user, id: account.uuidString.lowercased(), authMethod: method, effectiveRole: nil),
                     requestID: request.requestID, clientAddress: request.clientAddress)
    }

}
