import Foundation
import Testing
import TestSupport

/// Issue 16 §7: per-credential fair use, set per API key, weighted for bulk calls.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct RateLimitTests {
    func key(_ api: TestAPI, _ trust: UUID, limit: Int?) async throws -> String {
        let own = limit.map { #", "rate_limit_per_minute": \#($0)"# } ?? ""
        let made = await api.send("POST", "/v1/api-keys", json: #"{"name": "MIS", "scopes": ["staff:write"]\#(own)}"#,
                                  trust: trust)
        #expect(made.status == 201, "\(made.text)")
        return try #require(made.json["key"] as? String)
    }

    func get(_ api: TestAPI, _ key: String, _ path: String = "/v1/units") async -> TestResponse {
        await api.send("GET", path, headers: [("Authorization", "Bearer \(key)")], authorised: false)
    }

    @Test func aKeyHasItsOwnQuotaAndIsToldWhereItStands() async throws {
        let api = TestAPI(rateLimitPerMinute: 100)
        let trust = try await api.makeTrust()
        let small = try await key(api, trust, limit: 3)
        let other = try await key(api, trust, limit: nil)
        var remaining: [String] = []
        for _ in 0..<3 {
            let answer = await get(api, small)
            #expect(answer.status == 200)
            #expect(answer.headers["RateLimit-Policy"] == "\"credential\";q=3;w=60")
            remaining.append(answer.headers["RateLimit"]?.components(separatedBy: ";")[1] ?? "")
        }
        #expect(remaining == ["r=2", "r=1", "r=0"])
        let refused = await get(api, small)
        #expect(refused.status == 429)
        #expect(Int(refused.headers["Retry-After"] ?? "") ?? 0 >= 1)
        #expect(refused.headers["RateLimit"]?.hasPrefix("\"credential\";r=0;") == true)
        // Another key of the same trust is not slowed by its neighbour; it has the default.
        let neighbour = await get(api, other)
        #expect(neighbour.status == 200)
        #expect(neighbour.headers["RateLimit-Policy"] == "\"credential\";q=100;w=60")
        #expect(await api.send("GET", "/v1/units", trust: trust).headers["RateLimit"] == nil) // break-glass
    }

    @Test func aBulkSyncCountsByItsSize() async throws {
        let api = TestAPI(rateLimitPerMinute: 100)
        let trust = try await api.makeTrust()
        let hr = try await key(api, trust, limit: 10)
        let people = (0..<1_500).map { #"{"external_id": "P\#($0)", "given_name": "G", "family_name": "F\#($0)"}"# }
        let body = #"{"people": [\#(people.joined(separator: ","))], "dry_run": true}"#
        let weight = 1 + body.utf8.count / 65_536
        #expect(weight > 1)
        let synced = await api.send("POST", "/v1/staff-sync", json: body,
                                    headers: [("Authorization", "Bearer \(hr)")], authorised: false)
        #expect(synced.status == 200)
        #expect(synced.headers["RateLimit"]?.hasPrefix("\"credential\";r=\(10 - weight);") == true,
                "\(synced.headers["RateLimit"] ?? "")")
    }

    @Test func aKeysLimitIsChangedInPlaceAndItsScopesAreNot() async throws {
        let api = TestAPI(rateLimitPerMinute: 100)
        let trust = try await api.makeTrust()
        let made = await api.send("POST", "/v1/api-keys",
                                  json: #"{"name": "MIS", "scopes": ["staff:read"], "rate_limit_per_minute": 1}"#,
                                  trust: trust)
        let id = try #require(made.json["id"] as? String)
        let secret = try #require(made.json["key"] as? String)
        #expect(await get(api, secret).status == 200)
        #expect(await get(api, secret).status == 429)
        func change(_ json: String, version: Int) async -> TestResponse {
            await api.send("PATCH", "/v1/api-keys/\(id)", json: json, trust: trust,
                           headers: [("If-Match", "\"\(version)\"")], contentType: "application/merge-patch+json")
        }
        #expect(await change(#"{"scopes": ["staff:write"]}"#, version: 1).status == 422)
        #expect(await change(#"{"rate_limit_per_minute": 0}"#, version: 1).status == 422)
        let raised = await change(#"{"rate_limit_per_minute": 50, "name": "MIS nightly"}"#, version: 1)
        #expect(raised.status == 200 && raised.json["rate_limit_per_minute"] as? Int == 50, "\(raised.text)")
        #expect(raised.json["scopes"] as? [String] == ["staff:read"])
        // This instance applies it at once; the bucket keeps what was spent.
        let allowed = await get(api, secret)
        #expect(allowed.status == 200 && allowed.headers["RateLimit-Policy"] == "\"credential\";q=50;w=60")
        #expect(await change(#"{"rate_limit_per_minute": null}"#, version: 1).status == 412)
        let back = await change(#"{"rate_limit_per_minute": null}"#, version: 2)
        #expect(back.status == 200 && back.json["rate_limit_per_minute"] == nil, "\(back.text)")
        let audited = await api.send("GET", "/v1/audit-events?resource_type=api_key&action=update", trust: trust)
        #expect(audited.items.count == 2)
        #expect(await api.send("DELETE", "/v1/api-keys/\(id)", trust: trust,
                               headers: [("If-Match", "\"3\"")]).status == 204)
        #expect(await change(#"{"name": "gone"}"#, version: 4).status == 404)
    }
}
