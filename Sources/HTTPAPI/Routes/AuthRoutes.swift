import App
import Domain
import Foundation
import HTTPCore

/// Logging in with email and password, refreshing, logging out (issue 3 §1).
extension API {
    struct LoginInput: ValidatedInput {
        var email: String
        var password: String
        /// Only when the email's password opens accounts in several trusts.
        var trustId: UUID?
        static let fields: Set<String> = ["email", "password", "trust_id"]
        func validate() throws {
            var check = Validator()
            check.check(!email.isEmpty && email.unicodeScalars.count <= 254, "email", "required", "must be 1 to 254 characters")
            check.check(!password.isEmpty && password.unicodeScalars.count <= 128, "password", "required", "must be 1 to 128 characters")
            try check.result()
        }
    }

    struct RefreshInput: ValidatedInput {
        var refreshToken: String
        static let fields: Set<String> = ["refresh_token"]
        func validate() throws {
            var check = Validator()
            check.check(!refreshToken.isEmpty && refreshToken.utf8.count <= 200
                            && refreshToken.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E },
                        "refresh_token", "format", "must be 1 to 200 visible ASCII characters")
            try check.result()
        }
    }

    struct TokenResponse: ResponseBody {
        let accessToken: String
        let tokenType = "Bearer"
        let expiresIn = Int(AccessToken.lifetime)
        let refreshToken: String
    }

    static let invalidCredentials = Problem(
        status: 401, type: "invalid-credentials", title: "Invalid credentials",
        detail: "The email and password, or the refresh token, were not accepted.",
        headers: [("WWW-Authenticate", "Bearer realm=\"appraise\"")])

    func tokens(for login: AuthService.Login) async throws -> Response {
        let now = environment.clock.now()
        let claims = AccessToken.Claims(
            iss: AccessToken.issuer, sub: login.accountId.uuidString.lowercased(), tid: login.trustId.uuidString.lowercased(),
            pid: login.personId.uuidString.lowercased(), sid: login.sessionId.uuidString.lowercased(),
            iat: Int(now.timeIntervalSince1970), exp: Int(now.timeIntervalSince1970 + AccessToken.lifetime))
        let token = try await accessTokens.sign(claims)
        return Reply.json(TokenResponse(accessToken: token, refreshToken: login.refreshToken))
    }

    /// 429 while the address, or for a login the account, has failed too often.
    func throttle(_ context: Context, account: String?) throws {
        let now = environment.clock.now()
        if let wait = failures.retryAfter(context.request.remoteAddress ?? "unknown", now: now)
            ?? account.flatMap({ loginFailures.retryAfter($0, now: now) }) {
            throw Problem.tooManyRequests(retryAfter: wait)
        }
    }

    func recordFailure(_ context: Context, account: String?) {
        let now = environment.clock.now()
        failures.recordFailure(context.request.remoteAddress ?? "unknown", now: now)
        if let account { loginFailures.recordFailure(account, now: now) }
    }

    static func registerAuth(_ router: inout Router) {
        router.add("POST", "/v1/auth/token", .anyone, login)
        router.add("POST", "/v1/auth/refresh", .anyone, refreshTokens)
        router.add("POST", "/v1/auth/logout", .anyone, logout)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // POST /v1/auth/token
    /// Log in with email and password; answers a 15-minute access token and a one-use refresh token.
    @Sendable static func login(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(LoginInput.self, from: try Body.object(context.request, allowed: LoginInput.fields))
        try input.validate()
        let account = input.email.lowercased()
        try api.throttle(context, account: account)
        do {
            return try await api.tokens(for: try await AuthService(api.environment).login(
                email: input.email, password: input.password, trust: input.trustId, request: context.audit))
        } catch is AuthService.TrustNeeded {
            throw Problem.invalid(field: "trust_id", rule: "ambiguous",
                                  message: "is required: these credentials open accounts in more than one trust")
        } catch is AuthService.Refused {
            api.recordFailure(context, account: account)
            throw invalidCredentials
        }
    }

    // POST /v1/auth/refresh
    /// Exchange a refresh token for new tokens. Each refresh token works once; presenting a used one ends
    /// the session.
    @Sendable static func refreshTokens(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(RefreshInput.self, from: try Body.object(context.request,
                                                                             allowed: RefreshInput.fields))
        try input.validate()
        try api.throttle(context, account: nil)
        do {
            let login = try await AuthService(api.environment).refresh(input.refreshToken, request: context.audit)
            return try await api.tokens(for: login)
        } catch let refused as AuthService.Refused {
            // Reuse ended the session: this instance refuses its access tokens at once (others within 30 s).
            if refused.endedSession { api.sessions.forgetAll() }
            api.recordFailure(context, account: nil)
            throw invalidCredentials
        }
    }

    // POST /v1/auth/logout
    /// End the session of a refresh token; its access tokens are refused within 30 seconds (at once by this
    /// instance).
    @Sendable static func logout(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(RefreshInput.self, from: try Body.object(context.request,
                                                                             allowed: RefreshInput.fields))
        try input.validate()
        try await AuthService(api.environment).logout(input.refreshToken, request: context.audit)
        api.sessions.forgetAll() // this instance refuses the session's access tokens at once
        return Reply.noContent()
    }
}
