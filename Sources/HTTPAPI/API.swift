import App
import Crypto
import Domain
import Foundation
import HTTPCore
import Logging

public struct APIConfiguration: Sendable {
    /// The break-glass administrator token (platform scope). Until accounts land it is the
    /// only credential; every route but the health checks and the contract needs it.
    public var adminToken: String
    /// Signs users' access tokens.
    public var tokenSecret: String
    public var corsAllowedOrigins: [String]
    public var authFailureLimit: Int
    /// Proxies whose `X-Forwarded-For` names the client (none: the connection's peer is).
    public var trustedProxies: TrustedProxies
    /// The contract, served at /openapi.yaml.
    public var openAPIDocument: Data
    /// Swagger UI's files for /docs, read at start (issue 16 §6).
    public var referenceDocs = ReferenceDocs.absent
    /// Highest migration this build expects (readiness).
    public var expectedMigration: Int
    /// Whether webhook subscriptions may name http:// URLs (tests only; issue 16 §4).
    public var webhookAllowHTTP = false
    /// Requests a minute per credential unless an API key sets its own (issue 16 §7).
    public var rateLimitPerMinute = 1_200

    public init(adminToken: String, tokenSecret: String = "", corsAllowedOrigins: [String] = [], authFailureLimit: Int = 20,
                trustedProxies: TrustedProxies = .none, openAPIDocument: Data = Data(), expectedMigration: Int = 0,
                webhookAllowHTTP: Bool = false, rateLimitPerMinute: Int = 1_200,
                referenceDocs: ReferenceDocs = .absent) {
        self.referenceDocs = referenceDocs
        self.webhookAllowHTTP = webhookAllowHTTP
        self.rateLimitPerMinute = rateLimitPerMinute
        self.trustedProxies = trustedProxies
        self.adminToken = adminToken
        self.tokenSecret = tokenSecret
        self.corsAllowedOrigins = corsAllowedOrigins
        self.authFailureLimit = authFailureLimit
        self.openAPIDocument = openAPIDocument
        self.expectedMigration = expectedMigration
    }
}

/// The HTTP API: routing, content negotiation, authentication, CORS and error mapping around
/// the route handlers in `Routes/`. `handle` never throws: every failure is problem+json.
public final class API: Sendable {
    let environment: AppEnvironment
    let configuration: APIConfiguration
    let logger: Logger
    let metrics = Metrics()
    let failures: FailureLimiter
    let keyCache = KeyCache()
    let rateLimiter = RateLimiter()
    let sessions = SessionCache()
    let verifiedTokens = VerifiedTokens()
    let signedIn = SignedInCache()
    let accessTokens: AccessToken
    /// Failed logins per account (email): brute force on one account gets 429 even when
    /// spread over many addresses.
    let loginFailures = FailureLimiter(limit: 5, window: 300)
    private let adminTokenDigest: Data
    let router: Router

    public init(environment: AppEnvironment, configuration: APIConfiguration, logger: Logger) {
        self.environment = environment
        self.configuration = configuration
        self.logger = logger
        self.failures = FailureLimiter(limit: configuration.authFailureLimit)
        self.accessTokens = AccessToken(secret: configuration.tokenSecret)
        self.adminTokenDigest = Data(SHA256.hash(data: Data(configuration.adminToken.utf8)))
        var router = Router()
        Self.registerRoutes(&router)
        self.router = router
    }

    /// `METHOD /template` for every route, for the contract test.
    public var routeTable: [String] { router.routes.map { "\($0.method) \($0.template)" } }

    /// `METHOD /template  permission` for every route: who may call what, in one table.
    public var permissionTable: [String] { router.routes.map { "\($0.method) \($0.template)  \($0.permission.rawValue)" } }

    public func observe(_ request: Request, _ response: Response, _ elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.record(method: request.method, route: response.route ?? "unmatched", status: response.status, seconds: seconds)
    }

    public func handle(_ request: Request) async -> Response {
        var request = request
        // Behind a configured proxy the client is who X-Forwarded-For names: audit events and
        // the failed-authentication limit are then per client, not per proxy.
        if !configuration.trustedProxies.isEmpty {
            let forwarded = request.headers.values("X-Forwarded-For")
            let proxies = configuration.trustedProxies
            request.remoteAddress = proxies.client(peer: request.remoteAddress, forwardedFor: forwarded)
        }
        var response: Response
        var route: String?
        var quota: RateLimiter.Decision?
        do {
            let query = try Context.parseQuery(request.rawQuery)
            switch router.match(method: request.method, path: request.path) {
            case .badPath:
                throw Problem.badRequest("The path is not valid percent-encoded UTF-8.")
            case .notFound:
                throw Problem.notFound()
            case .methodNotAllowed(let template, let allow):
                route = template
                if request.method == "OPTIONS" {
                    response = preflight(request, allow: allow)
                    response.route = template
                    return withCORS(response, request)
                }
                throw Problem.methodNotAllowed(allow: allow)
            case .found(let matched, let parameters):
                route = matched.template
                var context = Context(request: request, route: matched.template, parameters: parameters, query: query)
                try negotiate(request, produces: matched.produces)
                if matched.permission != .anyone {
                    let actor = try await authenticate(request)
                    context.actor = actor
                    quota = try spend(actor, route: matched.template, request: request, query: query)
                    try await authorize(actor, matched, context)
                }
                response = try await matched.handler(self, context)
            }
        } catch {
            response = ErrorMapping.problem(for: error, logger: logger, requestID: request.requestID)
                .response(requestID: request.requestID)
        }
        // Every answer to a limited credential says where its quota stands.
        for (name, value) in quota.map(RateLimiter.headers) ?? [] { response.headers.set(name, value) }
        response.route = route
        return withCORS(response, request)
    }

    // MARK: - Fair use, negotiation, authentication, CORS

    /// Takes the request's weight from its credential's quota (issue 16 §7): an API key's own
    /// limit, else the server's; the break-glass administrator is not limited. Over it: 429
    /// with `Retry-After` and the `RateLimit` fields.
    private func spend(_ actor: Actor, route: String, request: Request,
                       query: [(name: String, value: String)]) throws -> RateLimiter.Decision? {
        guard actor != .bootstrapAdministrator else { return nil }
        var limit = configuration.rateLimitPerMinute
        if case .apiKey(let id, _, _) = actor, let own = keyCache.rateLimit(of: id) { limit = own }
        let weight = RateLimiter.weight(route: route, body: request.body.count, query: query)
        let decision = rateLimiter.take(actor.credentialName, weight: weight, limit: limit,
                                        now: environment.clock.now())
        guard decision.allowed else {
            var problem = Problem.tooManyRequests(retryAfter: decision.reset)
            problem.headers += RateLimiter.headers(decision)
            throw problem
        }
        return decision
    }

    // MARK: - Negotiation, authentication, CORS

    /// `Accept` against what the route declared it produces (`Router.add(produces:)`).
    private func negotiate(_ request: Request, produces: [String]) throws {
        guard let accept = request.headers["Accept"], !accept.isEmpty else { return }
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let mediaRange = parts.first else { continue }
            if parts.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && !$0.contains(where: { "123456789".contains($0) }) }) {
                continue // q=0 means "not acceptable"
            }
            if mediaRange == "*/*" { return }
            for type in produces {
                if mediaRange == type { return }
                if mediaRange.hasSuffix("/*"), type.hasPrefix(mediaRange.dropLast()) { return }
            }
        }
        throw Problem.notAcceptable
    }

    private func authenticate(_ request: Request) async throws -> Actor {
        let address = request.remoteAddress ?? "unknown"
        let now = environment.clock.now()
        // The failure limit slows down whoever keeps presenting bad credentials; it never
        // refuses a valid one (a neighbour's failures must not lock anyone else out).
        func refuse() -> Problem {
            let wait = failures.retryAfter(address, now: now)
            failures.recordFailure(address, now: now)
            return wait.map { Problem.tooManyRequests(retryAfter: $0) } ?? Problem.unauthenticated
        }
        guard let header = request.headers["Authorization"], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else {
            throw refuse()
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        // Compare digests, not strings: constant time whatever the token's length.
        let digest = Data(SHA256.hash(data: Data(token.utf8)))
        if digest == adminTokenDigest { return .bootstrapAdministrator }
        let digestHex = Hex.lowercase(digest)
        if !configuration.tokenSecret.isEmpty, token.utf8.count > 40,
           let claims = await verifiedClaims(token, digest: digestHex, now: now),
           let account = UUID(uuidString: claims.sub), let trust = UUID(uuidString: claims.tid),
           let person = UUID(uuidString: claims.pid), let session = UUID(uuidString: claims.sid) {
            // The token is valid until it expires; the session behind it is re-checked every 30 s,
            // so a logout or a disabled account is refused within 30 s.
            let state: AuthService.SessionState
            if let cached = sessions.cached(session, now: now) {
                state = cached
            } else {
                state = try await AuthService(environment).sessionState(session, person: person, trust: trust)
                sessions.remember(session, state, now: now)
            }
            if state.live { return .user(account: account, person: person, trust: trust, session: session, roles: state.roles) }
        }
        if let issuer = OpenIDToken.unverifiedIssuer(token) {
            if let actor = signedIn.actor(for: digestHex, now: now) { return actor }
            // Every trust that registered the issuer and whose audience and keys verify the
            // token; it signs in only if exactly one of them knows the person it names.
            var matches: [(Actor, Date)] = []
            let providers = IdentityProviderService(environment)
            for provider in try await providers.providers(issuer: issuer) {
                guard let (value, expires) = await OpenIDToken.verify(token, provider: provider, now: now),
                      let person = try await providers.signIn(provider, claim: value) else { continue }
                let actor = Actor.sso(provider: provider.id, person: person.person, trust: provider.trustId,
                                      roles: person.roles)
                matches.append((actor, expires))
            }
            if matches.count == 1, let (actor, expires) = matches.first {
                // Kept until the token expires, but roles and the provider are looked at again within 30 s.
                signedIn.remember(actor, for: digestHex, until: min(expires, now.addingTimeInterval(30)))
                return actor
            }
        }
        if token.hasPrefix("apk_") {
            let cacheKey = digestHex
            if let credential = keyCache.credential(for: cacheKey, now: now) {
                return .apiKey(id: credential.id, trust: credential.trustId, scopes: credential.scopes)
            }
            if let credential = try await APIKeyService(environment).authenticate(token) {
                keyCache.remember(credential, for: cacheKey, now: now)
                return .apiKey(id: credential.id, trust: credential.trustId, scopes: credential.scopes)
            }
        }
        throw refuse()
    }

    private func verifiedClaims(_ token: String, digest: String, now: Date) async -> AccessToken.Claims? {
        if let claims = verifiedTokens.claims(for: digest, now: now) { return claims }
        guard let claims = await accessTokens.verify(token, now: now) else { return nil }
        verifiedTokens.remember(claims, for: digest)
        return claims
    }

    /// Deny by default: the route's permission must be held (Domain/Authorization.swift). A
    /// refusal is audited in the trust the caller belongs to.
    private func authorize(_ actor: Actor, _ route: Router.Route, _ context: Context) async throws {
        let trust: UUID? = switch actor {
        case .apiKey(_, let trust, _), .user(_, _, let trust, _, _), .sso(_, _, let trust, _): trust
        case .bootstrapAdministrator: nil
        }
        // A tenant credential acts in its own trust on every route: naming another one in
        // `Appraise-Trust-Id` is refused and audited, so a stolen key cannot probe other
        // trusts without a trace (issue 10 item 19).
        func audited(_ reason: String) async throws {
            guard let trust else { return }
            let reads = context.request.method == "GET" || context.request.method == "HEAD"
            try await AuditLogService(environment).recordDenial(in: trust, action: reads ? "read" : "write",
                                                                resourceType: route.template, reason: reason,
                                                                audit: context.audit)
        }
        if let trust, let named = try Self.namedTrust(context.request), named != trust {
            try await audited("names another trust")
            throw Problem.forbidden("This credential belongs to another trust.")
        }
        guard case .deny(let reason) = Authorization.decide(actor.caller, route.permission) else { return }
        try await audited(reason)
        throw Problem.forbidden("This credential may not do this: \(reason).")
    }

    /// The trust `Appraise-Trust-Id` names, if sent (400 when it is not a UUID).
    static func namedTrust(_ request: Request) throws -> UUID? {
        try request.headers["Appraise-Trust-Id"].map { text in
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                throw Problem.invalidParameter("Appraise-Trust-Id", "must be a UUID")
            }
            return id
        }
    }

    private func allowedOrigin(_ request: Request) -> String? {
        guard let origin = request.headers["Origin"] else { return nil }
        return configuration.corsAllowedOrigins.contains(origin) ? origin : nil
    }

    private func preflight(_ request: Request, allow: [String]) -> Response {
        var headers = Headers([("Allow", allow.joined(separator: ", "))])
        if allowedOrigin(request) != nil, request.headers["Access-Control-Request-Method"] != nil {
            headers.add("Access-Control-Allow-Methods", allow.joined(separator: ", "))
            headers.add("Access-Control-Allow-Headers",
                        "Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id, Appraise-Trust-Id")
            headers.add("Access-Control-Max-Age", "600")
        }
        return Response(status: 204, headers: headers)
    }

    private func withCORS(_ response: Response, _ request: Request) -> Response {
        guard let origin = allowedOrigin(request) else { return response }
        var response = response
        response.headers.set("Access-Control-Allow-Origin", origin)
        response.headers.add("Vary", "Origin")
        response.headers.set("Access-Control-Expose-Headers", "ETag, Location, X-Request-Id, Retry-After, "
                             + "Idempotent-Replayed, RateLimit, RateLimit-Policy")
        return response
    }
}
