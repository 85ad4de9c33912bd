import Crypto
import _CryptoExtras
import Foundation
@testable import HTTPAPI
import Testing
import TestSupport

/// Single sign-on with a key pair and JWKS document made here, as Entra ID or Google would.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct OpenIDConnectTests {
    let api = TestAPI()
    static let rsa = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let ec = P256.Signing.PrivateKey()

    static func b64(_ data: Data) -> String { base64URL(data) }

    static var jwks: String {
        let primitives = try! rsa.publicKey.getKeyPrimitives()
        let ecRaw = ec.publicKey.rawRepresentation
        return """
            {"keys": [
              {"kty": "RSA", "kid": "rsa-1", "alg": "RS256", "use": "sig", "n": "\(b64(primitives.modulus))", "e": "\(b64(primitives.publicExponent))", "x5t": "ignored"},
              {"kty": "EC", "kid": "ec-1", "crv": "P-256", "x": "\(b64(ecRaw.prefix(32)))", "y": "\(b64(ecRaw.suffix(32)))"}
            ]}
            """
    }

    static func token(alg: String = "RS256", kid: String = "rsa-1", claims: [String: Any]) throws -> String {
        let header = b64(try JSONSerialization.data(withJSONObject: ["alg": alg, "kid": kid, "typ": "JWT"]))
        let payload = b64(try JSONSerialization.data(withJSONObject: claims))
        let input = Data("\(header).\(payload)".utf8)
        let signature: Data = switch alg {
        case "RS256": try rsa.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation
        case "ES256": try ec.signature(for: input).rawRepresentation
        default: Data()
        }
        return "\(header).\(payload).\(b64(signature))"
    }

    func setUp(matchBy: String = "email") async throws -> (trust: UUID, issuer: String, person: UUID, email: String) {
        let trust = try await api.makeTrust()
        let issuer = "https://login.example.org/\(UUID())/v2.0"
        let email = "sso-\(UUID())@school.example"
        let person = try await api.create("/v1/people", #"{"given_name": "Sol", "family_name": "O", "email": "\#(email)", "external_id": "sub-\#(email)"}"#, trust: trust)
        let created = await api.send("POST", "/v1/identity-providers", json: """
            {"issuer": "\(issuer)", "audience": "appraise-client", "match_by": "\(matchBy)", "jwks": \(Self.jwks)}
            """, trust: trust)
        #expect(created.status == 201, "\(created.text)")
        return (trust, issuer, person, email)
    }

    func claims(_ issuer: String, email: String, audience: Any = "appraise-client", expires: TimeInterval = 600,
                notBefore: TimeInterval? = nil) -> [String: Any] {
        let now = Date().timeIntervalSince1970
        var claims: [String: Any] = ["iss": issuer, "sub": "sub-\(email)", "aud": audience, "email": email,
                                     "iat": Int(now), "exp": Int(now + expires)]
        if let notBefore { claims["nbf"] = Int(now + notBefore) }
        return claims
    }

    func me(_ token: String) async -> TestResponse {
        await api.send("GET", "/v1/me", headers: [("Authorization", "Bearer \(token)")], authorised: false)
    }

    @Test func rs256AndES256TokensSignThePersonIn() async throws {
        let (trust, issuer, person, email) = try await setUp()
        _ = try await api.create("/v1/grants", #"{"person_id": "\#(person)", "role": "hr"}"#, trust: trust)
        for (alg, kid) in [("RS256", "rsa-1"), ("ES256", "ec-1")] {
            let response = await me(try Self.token(alg: alg, kid: kid, claims: claims(issuer, email: email.uppercased())))
            #expect(response.status == 200, "\(alg): \(response.text)")
            #expect(response.json["person_id"] as? String == person.uuidString.lowercased())
            #expect(response.json["roles"] as? [String] == ["hr"])
        }
        let withArray = await me(try Self.token(claims: claims(issuer, email: email, audience: ["other", "appraise-client"])))
        #expect(withArray.status == 200)
        let units = await api.send("GET", "/v1/units", headers: [("Authorization", "Bearer \(try Self.token(claims: claims(issuer, email: email)))")], authorised: false)
        #expect(units.status == 200) // HR may read staff records
    }

    @Test func subjectMatchingUsesTheExternalId() async throws {
        let (_, issuer, person, email) = try await setUp(matchBy: "subject")
        let response = await me(try Self.token(claims: claims(issuer, email: "someone-else@school.example").merging(["sub": "sub-\(email)"]) { $1 }))
        #expect(response.json["person_id"] as? String == person.uuidString.lowercased())
    }

    @Test func everyBadTokenIs401() async throws {
        let (_, issuer, _, email) = try await setUp()
        let good = claims(issuer, email: email)
        let otherKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let header = Self.b64(try JSONSerialization.data(withJSONObject: ["alg": "RS256", "kid": "rsa-1"]))
        let payload = Self.b64(try JSONSerialization.data(withJSONObject: good))
        let foreignSignature = Self.b64(try otherKey.signature(for: Data("\(header).\(payload)".utf8), padding: .insecurePKCS1v1_5).rawRepresentation)
        let noneHeader = Self.b64(try JSONSerialization.data(withJSONObject: ["alg": "none", "kid": "rsa-1"]))
        let bad: [(String, String)] = [
            ("wrong audience", try Self.token(claims: claims(issuer, email: email, audience: "someone-else"))),
            ("expired", try Self.token(claims: claims(issuer, email: email, expires: -3600))),
            ("not yet valid", try Self.token(claims: claims(issuer, email: email, notBefore: 3600))),
            ("unknown issuer", try Self.token(claims: claims("https://evil.example", email: email))),
            ("unknown kid", try Self.token(kid: "rsa-9", claims: good)),
            ("alg none", "\(noneHeader).\(payload)."),
            ("alg mismatch", try Self.token(alg: "ES256", kid: "rsa-1", claims: good)),
            ("other key", "\(header).\(payload).\(foreignSignature)"),
            ("unknown person", try Self.token(claims: claims(issuer, email: "nobody@school.example"))),
        ]
        for (name, token) in bad {
            #expect(await me(token).status == 401, "\(name)")
        }
    }

    @Test func providerInputIsValidated() async throws {
        let trust = try await api.makeTrust()
        let insecure = await api.send("POST", "/v1/identity-providers", json: #"{"issuer": "http://login.example", "audience": "a", "match_by": "email", "jwks": {"keys": [{"kty": "RSA", "kid": "k", "n": "AQAB", "e": "AQAB"}]}}"#, trust: trust)
        #expect(insecure.errorFields == ["issuer"])
        let empty = await api.send("POST", "/v1/identity-providers", json: #"{"issuer": "https://login.example", "audience": "a", "match_by": "email", "jwks": {"keys": []}}"#, trust: trust)
        #expect(empty.errorFields == ["jwks.keys"])
        let octet = await api.send("POST", "/v1/identity-providers", json: #"{"issuer": "https://login.example", "audience": "a", "match_by": "email", "jwks": {"keys": [{"kty": "oct", "kid": "k"}]}}"#, trust: trust)
        #expect(octet.errorFields == ["jwks.keys[0].kty"])
    }

    /// Issue 10 item 21: a shared issuer (a public identity provider) is registered by each
    /// trust that uses it; a token signs into the trust whose audience it carries.
    @Test func aSharedIssuerServesEveryTrustThatRegistersIt() async throws {
        let issuer = "https://login.shared.example/\(UUID())/v2.0"
        var people: [UUID: (trust: UUID, email: String)] = [:]
        for audience in ["client-of-first", "client-of-second"] {
            let trust = try await api.makeTrust()
            let email = "sso-\(UUID())@school.example"
            let body = #"{"given_name": "Sam", "family_name": "S", "email": "\#(email)"}"#
            let person = try await api.create("/v1/people", body,
                                               trust: trust)
            let created = await api.send("POST", "/v1/identity-providers", json: """
                {"issuer": "\(issuer)", "audience": "\(audience)", "match_by": "email", "jwks": \(Self.jwks)}
                """, trust: trust)
            #expect(created.status == 201, "\(created.text)")
            people[person] = (trust, email)
            let signedIn = await me(try Self.token(claims: claims(issuer, email: email, audience: audience)))
            #expect(signedIn.json["person_id"] as? String == person.uuidString.lowercased(), "\(signedIn.text)")
        }
        // Registering it twice in one trust is still a conflict, named for that trust.
        let (trust, _) = people.values.first!
        let again = await api.send("POST", "/v1/identity-providers", json: """
            {"issuer": "\(issuer)", "audience": "another", "match_by": "email", "jwks": \(Self.jwks)}
            """, trust: trust)
        #expect(again.status == 409 && again.errorFields == ["issuer"])
    }
}
