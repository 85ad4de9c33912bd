import Foundation
import Testing
import TestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct GrantTests {
    let api = TestAPI()
    let password = "grant test password 42"

    func user(_ trust: UUID) async throws -> (person: UUID, token: () async throws -> String) {
        let person = try await api.create("/v1/people", #"{"given_name": "Hana", "family_name": "Rowe"}"#, trust: trust)
        let email = "grants-\(UUID())@school.example"
        _ = try await api.create("/v1/accounts", #"{"person_id": "\#(person)", "email": "\#(email)", "password": "\#(password)"}"#, trust: trust)
        return (person, {
            let login = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, authorised: false)
            return try #require(login.json["access_token"] as? String)
        })
    }

    @Test func aGrantedRoleOpensWhatItCoversAndRevokingClosesItAtOnce() async throws {
        let trust = try await api.makeTrust()
        let (person, token) = try await user(trust)
        let access = try await token()
        let auth = [("Authorization", "Bearer \(access)")]
        #expect(await api.send("GET", "/v1/units", headers: auth, authorised: false).status == 403)

        let granted = await api.send("POST", "/v1/grants", json: #"{"person_id": "\#(person)", "role": "hr"}"#, trust: trust)
        #expect(granted.status == 201)
        let grant = try #require(granted.json["id"] as? String)
        #expect(await api.send("GET", "/v1/units", headers: auth, authorised: false).status == 200)
        #expect(await api.send("POST", "/v1/units", json: #"{"name": "Central", "kind": "central_team"}"#, headers: auth, authorised: false).status == 201)
        #expect(await api.send("GET", "/v1/audit-events", headers: auth, authorised: false).status == 200)
        #expect(await api.send("GET", "/v1/accounts", headers: auth, authorised: false).status == 403) // HR is not trust admin
        let me = await api.send("GET", "/v1/me", headers: auth, authorised: false)
        #expect(me.json["roles"] as? [String] == ["hr"])

        #expect(await api.send("DELETE", "/v1/grants/\(grant)", trust: trust, headers: [("If-Match", "\"1\"")]).status == 204)
        #expect(await api.send("GET", "/v1/units", headers: auth, authorised: false).status == 403)
        let log = await api.send("GET", "/v1/audit-events?subject=\(person)", trust: trust)
        let actions = log.items.compactMap { $0["action"] as? String }
        #expect(actions.contains("grant") && actions.contains("revoke"))
    }

    @Test func unitRolesNeedAUnitAndGiveNoTrustWideAccess() async throws {
        let trust = try await api.makeTrust()
        let (person, token) = try await user(trust)
        #expect(await api.send("POST", "/v1/grants", json: #"{"person_id": "\#(person)", "role": "headteacher"}"#, trust: trust).errorFields == ["unit_id"])
        let school = try await api.create("/v1/units", #"{"name": "School", "kind": "school", "urn": "515151"}"#, trust: trust)
        #expect(await api.send("POST", "/v1/grants", json: #"{"person_id": "\#(person)", "role": "hr", "unit_id": "\#(school)"}"#, trust: trust).errorFields == ["unit_id"])
        #expect(await api.send("POST", "/v1/grants", json: #"{"person_id": "\#(person)", "role": "headteacher", "unit_id": "\#(school)"}"#, trust: trust).status == 201)
        let duplicate = await api.send("POST", "/v1/grants", json: #"{"person_id": "\#(person)", "role": "headteacher", "unit_id": "\#(school)"}"#, trust: trust)
        #expect(duplicate.status == 409)
        #expect(duplicate.errorFields == ["role"])
        let access = try await token()
        #expect(await api.send("GET", "/v1/units", headers: [("Authorization", "Bearer \(access)")], authorised: false).status == 403)
        #expect(await api.send("GET", "/v1/grants?person_id=\(person)", trust: trust).items.count == 1)
    }

    @Test func aUserActsOnlyInTheirOwnTrust() async throws {
        let mine = try await api.makeTrust()
        let theirs = try await api.makeTrust()
        let (person, token) = try await user(mine)
        _ = try await api.create("/v1/grants", #"{"person_id": "\#(person)", "role": "trust_admin"}"#, trust: mine)
        let auth = [("Authorization", "Bearer \(try await token())")]
        let foreign = try await api.create("/v1/units", #"{"name": "Theirs", "kind": "central_team"}"#, trust: theirs)
        #expect(await api.send("GET", "/v1/units/\(foreign)", headers: auth, authorised: false).status == 404)
        #expect(await api.send("GET", "/v1/units", trust: theirs, headers: auth, authorised: false).status == 403)
        #expect(await api.send("GET", "/v1/trusts", headers: auth, authorised: false).status == 403)
    }
}
