import Foundation
@testable import HTTPAPI
import Testing
import TestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct AccountTests {
    let api = TestAPI()
    let password = "correct horse battery staple"

    func makeAccount(_ trust: UUID, email: String = "user-\(UUID())@school.example") async throws -> (account: String, person: UUID, email: String) {
        let person = try await api.create("/v1/people", #"{"given_name": "Ada", "family_name": "Lovelace"}"#, trust: trust)
        let response = await api.send("POST", "/v1/accounts", json: """
            {"person_id": "\(person)", "email": "\(email)", "password": "\(password)"}
            """, trust: trust)
        #expect(response.status == 201, "\(response.text)")
        #expect(response.json["password"] == nil)
        return (try #require(response.json["id"] as? String), person, email)
    }

    func login(_ email: String, _ password: String, address: String = "10.0.0.1") async -> TestResponse {
        await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, authorised: false)
    }

    func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    @Test func loginGivesTokensThatIdentifyThePerson() async throws {
        let trust = try await api.makeTrust()
        let (account, person, email) = try await makeAccount(trust)
        let response = await login(email.uppercased(), password) // emails are case-insensitive
        #expect(response.status == 200, "\(response.text)")
        #expect(response.json["token_type"] as? String == "Bearer")
        #expect(response.json["expires_in"] as? Int == 900)
        let access = try #require(response.json["access_token"] as? String)
        let me = await api.send("GET", "/v1/me", headers: bearer(access), authorised: false)
        #expect(me.json["kind"] as? String == "user")
        #expect(me.json["account_id"] as? String == account)
        #expect(me.json["person_id"] as? String == person.uuidString.lowercased())
        #expect(me.json["trust_id"] as? String == trust.uuidString.lowercased())
        #expect(me.json["permissions"] as? [String] == [
            "anyone", "authenticated", "relatedStaffRead", "trustRead", "cycleRead", "appraisalRead", "appoint",
            "appraisalRecordWrite", "reportsRead", "statementSamples",
        ])
        // No role is granted yet: staff data stays closed, and the refusal is explained.
        #expect(await api.send("GET", "/v1/units", headers: bearer(access), authorised: false).status == 403)
        let log = await api.send("GET", "/v1/audit-events?action=login", trust: trust)
        #expect(log.items.count == 1)
        #expect(log.items.first?["subject_person_id"] as? String == person.uuidString.lowercased())
    }

    @Test func wrongPasswordsAndUnknownEmailsLookTheSame() async throws {
        let trust = try await api.makeTrust()
        let (_, _, email) = try await makeAccount(trust)
        let wrong = await login(email, "not the password at all")
        let unknown = await login("nobody-\(UUID())@school.example", password)
        #expect(wrong.status == 401)
        #expect(unknown.status == 401)
        #expect(wrong.problemType == "invalid-credentials")
        #expect(wrong.json["detail"] as? String == unknown.json["detail"] as? String)
        let denied = await api.send("GET", "/v1/audit-events?action=login", trust: trust)
        #expect(denied.items.first?["outcome"] as? String == "denied")
        #expect(denied.items.first?["reason"] as? String == "wrong password")
    }

    @Test func bruteForceOnOneAccountGets429() async throws {
        let trust = try await api.makeTrust()
        let (_, _, email) = try await makeAccount(trust)
        for _ in 0..<5 { #expect(await login(email, "guess guess guess").status == 401) }
        let limited = await login(email, password) // even the right password waits
        #expect(limited.status == 429)
        #expect(Int(limited.headers["Retry-After"] ?? "") ?? 0 > 0)
    }

    @Test func refreshTokensRotateAndAReusedOneEndsTheSession() async throws {
        let trust = try await api.makeTrust()
        let (_, _, email) = try await makeAccount(trust)
        let first = await login(email, password)
        let refresh1 = try #require(first.json["refresh_token"] as? String)
        let second = await api.send("POST", "/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh1)"}"#, authorised: false)
        #expect(second.status == 200)
        let refresh2 = try #require(second.json["refresh_token"] as? String)
        #expect(refresh2 != refresh1)
        let newest = try #require(second.json["access_token"] as? String)
        #expect(await api.send("GET", "/v1/me", headers: bearer(newest), authorised: false).status == 200)
        // The first token again: someone copied it. The whole session ends — its newest access
        // token with it, at once, as after a logout (issue 10 item 22).
        #expect(await api.send("POST", "/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh1)"}"#, authorised: false).status == 401)
        #expect(await api.send("GET", "/v1/me", headers: bearer(newest), authorised: false).status == 401)
        #expect(await api.send("POST", "/v1/auth/refresh", json: #"{"refresh_token": "\#(refresh2)"}"#, authorised: false).status == 401)
    }

    @Test func logoutAndDisablingRefuseTokensAtOnce() async throws {
        let trust = try await api.makeTrust()
        let (account, _, email) = try await makeAccount(trust)
        let session = await login(email, password)
        let access = try #require(session.json["access_token"] as? String)
        let refresh = try #require(session.json["refresh_token"] as? String)
        #expect(await api.send("GET", "/v1/me", headers: bearer(access), authorised: false).status == 200)
        #expect(await api.send("POST", "/v1/auth/logout", json: #"{"refresh_token": "\#(refresh)"}"#, authorised: false).status == 204)
        #expect(await api.send("GET", "/v1/me", headers: bearer(access), authorised: false).status == 401)

        let again = try #require(await login(email, password).json["access_token"] as? String)
        #expect(await api.send("GET", "/v1/me", headers: bearer(again), authorised: false).status == 200)
        let disabled = await api.send("PATCH", "/v1/accounts/\(account)", json: #"{"disabled": true}"#, trust: trust,
                                      headers: [("If-Match", "\"1\"")])
        #expect(disabled.status == 200)
        #expect(disabled.json["disabled_at"] != nil)
        #expect(await api.send("GET", "/v1/me", headers: bearer(again), authorised: false).status == 401)
        #expect(await login(email, password).status == 401)
    }

    @Test func forgedExpiredAndAlgNoneTokensAre401() async throws {
        let trust = try await api.makeTrust()
        let (_, _, email) = try await makeAccount(trust)
        let access = try #require(await login(email, password).json["access_token"] as? String)
        let parts = access.split(separator: ".").map(String.init)
        let noneHeader = base64URL(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
        let forged = [noneHeader + "." + parts[1] + ".", parts[0] + "." + parts[1] + "." + String(parts[2].reversed()),
                      parts[0] + "." + base64URL(Data(#"{"iss":"appraise"}"#.utf8)) + "." + parts[2], "a.b.c", "..."]
        for token in forged {
            #expect(await api.send("GET", "/v1/me", headers: bearer(token), authorised: false).status == 401, "\(token)")
        }
        let signer = AccessToken(secret: TestAPI.tokenSecret)
        var claims = try #require(await signer.verify(access, now: Date()))
        claims.exp = Int(Date().timeIntervalSince1970) - 1
        let expired = try await signer.sign(claims)
        #expect(await api.send("GET", "/v1/me", headers: bearer(expired), authorised: false).status == 401)
        let otherKey = AccessToken(secret: "another-secret-0123456789abcdefghijklmnop")
        claims.exp += 3600
        let foreign = try await otherKey.sign(claims)
        #expect(await api.send("GET", "/v1/me", headers: bearer(foreign), authorised: false).status == 401)
        let valid = try await signer.sign(claims)
        #expect(await api.send("GET", "/v1/me", headers: bearer(valid), authorised: false).status == 200)
    }

    @Test func accountInputIsValidated() async throws {
        let trust = try await api.makeTrust()
        let (_, person, email) = try await makeAccount(trust)
        let short = await api.send("POST", "/v1/accounts", json: #"{"person_id": "\#(person)", "email": "x@y.example", "password": "short"}"#, trust: trust)
        #expect(short.errorFields == ["password"])
        let duplicate = try await api.create("/v1/people", #"{"given_name": "B", "family_name": "C"}"#, trust: trust)
        let taken = await api.send("POST", "/v1/accounts", json: #"{"person_id": "\#(duplicate)", "email": "\#(email.uppercased())", "password": "\#(password)"}"#, trust: trust)
        #expect(taken.status == 409)
        #expect(taken.errorFields == ["email"])
        let twice = await api.send("POST", "/v1/accounts", json: #"{"person_id": "\#(person)", "email": "second@y.example", "password": "\#(password)"}"#, trust: trust)
        #expect(twice.errorFields == ["person_id"])
        let stranger = await api.send("POST", "/v1/accounts", json: #"{"person_id": "\#(UUID())", "email": "z@y.example", "password": "\#(password)"}"#, trust: trust)
        #expect(stranger.status == 422)
    }

    /// Issue 10 item 21: an email is unique within a trust, not across the service — a conflict
    /// never tells one trust about another's accounts — and the password picks the account.
    @Test func oneEmailInTwoTrusts() async throws {
        let first = try await api.makeTrust(), second = try await api.makeTrust()
        let email = "governor-\(UUID())@two-schools.example"
        let (_, personInFirst, _) = try await makeAccount(first, email: email)
        let (_, personInSecond, _) = try await makeAccount(second, email: email)
        // The same password opens both: the trust must be named, and then picks the account.
        let ambiguous = await login(email, password)
        #expect(ambiguous.status == 422 && ambiguous.errorFields == ["trust_id"], "\(ambiguous.text)")
        func loginNaming(_ trust: UUID) async -> TestResponse {
            let body = #"{"email": "\#(email)", "password": "\#(password)", "trust_id": "\#(trust)"}"#
            return await api.send("POST", "/v1/auth/token", json: body, authorised: false)
        }
        let named = await loginNaming(second)
        let token = try #require(named.json["access_token"] as? String)
        let me = await api.send("GET", "/v1/me", headers: bearer(token), authorised: false)
        #expect(me.json["person_id"] as? String == personInSecond.uuidString.lowercased(), "\(me.text)")
        #expect(personInFirst != personInSecond)
        // A wrong password opens neither; a third trust is as if the email were unknown.
        #expect(await login(email, "wrong password entirely").status == 401)
        let third = try await api.makeTrust()
        #expect(await loginNaming(third).status == 401)
    }
}
