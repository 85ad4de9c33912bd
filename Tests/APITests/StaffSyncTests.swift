import App
import Foundation
import Testing
import TestSupport

/// Issue 16 §1–3: an HR system syncs its staff in one request, pulls what changed, and reads
/// the change feed.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct StaffSyncTests {
    let api = TestAPI()

    func key(_ trust: UUID, _ scopes: [String]) async throws -> String {
        let list = scopes.map { "\"\($0)\"" }.joined(separator: ",")
        let made = await api.send("POST", "/v1/api-keys", json: #"{"name": "MIS", "scopes": [\#(list)]}"#, trust: trust)
        return try #require(made.json["key"] as? String)
    }

    func send(_ key: String, _ method: String, _ path: String, _ body: Any? = nil,
              headers: [(String, String)] = []) async throws -> TestResponse {
        let json = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        return await api.send(method, path, json: json, headers: [("Authorization", "Bearer \(key)")] + headers,
                              authorised: false)
    }

    /// A school of `count` staff in the MIS's shape: every fifth reports to the first; rows
    /// listed last-first, so line managers come after their reports.
    func estate(_ count: Int, jobTitle: (Int) -> String = { _ in "Teacher" }) -> [String: Any] {
        let units: [[String: Any]] = [
            ["external_id": "U1", "name": "Castle Primary", "kind": "school", "urn": "149001"],
            ["external_id": "U2", "name": "Central", "kind": "central_team"],
        ]
        let people = (0..<count).map { i -> [String: Any] in
            ["external_id": "P\(i)", "given_name": "Given\(i)", "family_name": "Family\(i)",
             "email": "s\(i)@castle.example"]
        }
        let employments = (0..<count).reversed().map { i -> [String: Any] in
            var row: [String: Any] = ["external_id": "E\(i)", "person_external_id": "P\(i)",
                                      "unit_external_id": i % 2 == 0 ? "U1" : "U2",
                                      "staff_group": i % 2 == 0 ? "teacher" : "central", "job_title": jobTitle(i),
                                      "start_date": "2031-09-01", "qts": i % 2 == 0]
            if i > 0 && i % 5 == 0 { row["line_manager_external_id"] = "E0" }
            return row
        }
        return ["units": units, "people": people, "employments": employments]
    }

    func count(_ table: String, _ trust: UUID, where condition: String = "true") async throws -> Int {
        try await TestDatabase.pool.transaction(trustID: trust) { db in
            try db.query("SELECT count(*)::int AS n FROM \(unsafeSQL: table) WHERE \(unsafeSQL: condition)")[0]
                .decode(Int.self, "n")
        }
    }

    /// Audited writes of staff records.
    static let staffWrites = "action IN ('create', 'update') AND resource_type IN ('unit', 'person', 'employment')"

    func summary(_ response: TestResponse) -> [String: Int] {
        (response.json["summary"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
    }

    @Test func fiveHundredStaffSyncThenResyncUnchangedThenChangesAndLeavers() async throws {
        let trust = try await api.makeTrust()
        let hr = try await key(trust, ["staff:write"])
        let first = try await send(hr, "POST", "/v1/staff-sync", estate(500))
        #expect(first.status == 200, "\(first.text.prefix(500))")
        #expect(summary(first) == ["created": 1_002, "updated": 0, "unchanged": 0, "failed": 0, "left": 0])
        #expect(try await count("employments", trust, where: "line_manager_id IS NOT NULL") == 99)
        let audited = try await count("audit_events", trust, where: Self.staffWrites)
        #expect(audited == 1_002)
        // So many events take the bulk path (COPY into a scratch table): the chain they extend
        // still verifies, and the feed holds one event per record, in the audit's order.
        #expect(try await AuditVerifier(pool: TestDatabase.ownerPool).verify(trust: trust) == nil)
        #expect(try await count("change_events", trust) == 1_002)
        let feedOrder = """
            (SELECT row_number() OVER (ORDER BY c.position) AS feed, row_number() OVER (ORDER BY a.sequence) AS chain
             FROM change_events c JOIN audit_events a ON a.id = c.id) o
            """
        #expect(try await count(feedOrder, trust, where: "feed <> chain") == 0)

        // The same rows again: nothing is written, nothing audited.
        let again = try await send(hr, "POST", "/v1/staff-sync", estate(500))
        #expect(summary(again)["unchanged"] == 1_002)
        #expect(try await count("audit_events", trust, where: Self.staffWrites) == audited)

        // A dry run reports the change and writes nothing.
        var changed = estate(495) { $0 < 20 ? "Head of Year" : "Teacher" }
        changed["full"] = true
        changed["dry_run"] = true
        let dry = try await send(hr, "POST", "/v1/staff-sync", changed)
        #expect(summary(dry) == ["created": 0, "updated": 20, "unchanged": 972, "failed": 0, "left": 5])
        #expect(dry.json["written"] as? Bool == false)
        #expect(try await count("employments", trust, where: "job_title = 'Head of Year'") == 0)
        #expect(try await count("audit_events", trust, where: Self.staffWrites) == audited)

        changed["dry_run"] = false
        changed["leaving_on"] = "2032-07-31"
        let third = try await send(hr, "POST", "/v1/staff-sync", changed)
        #expect(summary(third) == ["created": 0, "updated": 20, "unchanged": 972, "failed": 0, "left": 5])
        #expect(try await count("employments", trust, where: "end_date = '2032-07-31'") == 5)
        #expect(try await count("audit_events", trust, where: Self.staffWrites) == audited + 25)
        let left = (third.json["results"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String == "left" }
        #expect(Set(left.compactMap { $0["external_id"] as? String }) == ["E495", "E496", "E497", "E498", "E499"])
    }

    @Test func rowsFailOnTheirOwnFieldsUnlessAllOrNothing() async throws {
        let trust = try await api.makeTrust()
        let hr = try await key(trust, ["staff:write"])
        var batch = estate(3)
        var employments = batch["employments"] as! [[String: Any]]
        employments[0]["fte"] = 2                                 // E2: out of range
        employments[1]["person_external_id"] = "P-unknown"        // E1: names nobody
        employments[2]["line_manager_external_id"] = "E1"         // E0: its manager's row failed
        batch["employments"] = employments + [["external_id": "E9", "colour": "blue"]]
        batch["mode"] = "all_or_nothing"
        let refused = try await send(hr, "POST", "/v1/staff-sync", batch)
        #expect(refused.status == 422)
        let fields = Set((refused.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
        #expect(fields.isSuperset(of: ["employments[0].fte", "employments[1].person_external_id",
                                       "employments[2].line_manager_external_id", "employments[3].colour"]))
        #expect(try await count("people", trust) == 0)

        batch["mode"] = "partial"
        let partial = try await send(hr, "POST", "/v1/staff-sync", batch)
        #expect(partial.status == 200)
        #expect(summary(partial)["failed"] == 4)
        #expect(summary(partial)["created"] == 5) // two units, three people
        let rules = (partial.json["results"] as? [[String: Any]] ?? []).compactMap { result -> String? in
            ((result["errors"] as? [[String: Any]])?.first).map { "\($0["field"]!):\($0["rule"]!)" }
        }
        #expect(rules == ["fte:range", "person_external_id:unknown_reference",
                          "line_manager_external_id:failed_in_batch", "colour:unknown_field"])
    }

    @Test func theFeedListsChangesInOrderToKeysWhoseScopesCoverThem() async throws {
        let trust = try await api.makeTrust()
        let hr = try await key(trust, ["staff:write"])
        let feed = try await key(trust, ["events:read", "staff:read"])
        let blind = try await key(trust, ["events:read"])
        let before = try await send(feed, "GET", "/v1/events")
        let start = before.json["next_after"] as? Int ?? 0
        _ = try await send(hr, "POST", "/v1/staff-sync", estate(60))
        var after = start
        var types: [String] = []
        var positions: [Int] = []
        repeat {
            let page = try await send(feed, "GET", "/v1/events?after=\(after)&limit=50")
            #expect(page.status == 200)
            types += page.items.compactMap { $0["type"] as? String }
            positions += page.items.compactMap { $0["position"] as? Int }
            after = page.json["next_after"] as? Int ?? after
            if page.json["has_more"] as? Bool != true { break }
        } while true
        #expect(types.filter { $0 == "employment.create" }.count == 60)
        #expect(types.filter { $0 == "person.create" }.count == 60)
        #expect(positions == positions.sorted())
        let nothing = try await send(blind, "GET", "/v1/events")
        #expect(nothing.status == 200 && nothing.items.isEmpty)
        #expect(try await send(hr, "GET", "/v1/events").status == 403)
        let filtered = try await send(feed, "GET", "/v1/events?type=unit.create&limit=200")
        #expect(filtered.items.count == 2)
        #expect(try await send(feed, "GET", "/v1/events?type=Unit").status == 400)

        // A nightly pull: only what changed since the last one.
        let since = try #require(RFC3339Text.now())
        try await Task.sleep(for: .milliseconds(20))
        var changed = estate(60) { $0 == 7 ? "Deputy Head" : "Teacher" }
        changed.removeValue(forKey: "units")
        _ = try await send(hr, "POST", "/v1/staff-sync", changed)
        let pulled = try await send(feed, "GET", "/v1/employments?updated_since=\(since)")
        #expect(pulled.items.compactMap { $0["external_id"] as? String } == ["E7"])
    }
}

extension StaffSyncTests {
    /// A full sync's leaver: the employment ends, its appraisal in the open cycle is withdrawn
    /// (kept), and both changes are on the feed.
    @Test func aLeaversAppraisalIsWithdrawnAndPublished() async throws {
        let trust = try await api.makeTrust()
        let hr = try await key(trust, ["staff:write"])
        let feed = try await key(trust, ["events:read", "appraisals:read", "staff:read"])
        func rows(_ keys: [Int]) -> [String: Any] {
            ["units": [["external_id": "C", "name": "Central", "kind": "central_team"]],
             "people": keys.map { ["external_id": "P\($0)", "given_name": "G", "family_name": "F\($0)"] },
             "employments": keys.map {
                 ["external_id": "E\($0)", "person_external_id": "P\($0)", "unit_external_id": "C",
                  "staff_group": "central", "job_title": "Officer", "start_date": "2024-09-01"]
             }, "full": true]
        }
        let synced = try await send(hr, "POST", "/v1/staff-sync", rows([1, 2, 3]))
        #expect(summary(synced)["created"] == 7)
        _ = await api.send("PUT", "/v1/policy", json: #"{"preset_id": "000-alpha-trust"}"#, trust: trust)
        let units = await api.send("GET", "/v1/units?external_id=C", trust: trust)
        let unit = try #require(units.items.first?["id"] as? String)
        let cycle = try await api.create("/v1/cycles", #"{"name": "Year", "year": 2026, "unit_id": "\#(unit)"}"#,
                                         trust: trust)
        let opened = await api.send("POST", "/v1/cycles/\(cycle)/transitions", json: #"{"to": "open"}"#, trust: trust,
                                    headers: [("If-Match", "\"1\"")])
        #expect(opened.status == 200, "\(opened.text)")
        let start = try await send(feed, "GET", "/v1/events?type=appraisal.withdraw").json["next_after"] as? Int ?? 0

        let left = try await send(hr, "POST", "/v1/staff-sync", rows([1, 2]))
        #expect(summary(left)["left"] == 1)
        let leaver = try #require((left.json["results"] as? [[String: Any]])?.last?["id"] as? String)
        let appraisals = await api.send("GET", "/v1/appraisals?employment_id=\(leaver)", trust: trust)
        #expect(appraisals.items.map { $0["state"] as? String } == ["withdrawn"])
        let employment = await api.send("GET", "/v1/employments/\(leaver)", trust: trust)
        #expect(employment.json["end_date"] as? String != nil)
        let events = try await send(feed, "GET", "/v1/events?after=\(start)&type=appraisal.withdraw,employment.update")
        #expect(Set(events.items.compactMap { $0["type"] as? String }) == ["appraisal.withdraw", "employment.update"])
        #expect(try await count("appraisals", trust, where: "state = 'active'") == 2)
    }
}

/// Now as an RFC 3339 instant for a query string.
enum RFC3339Text {
    static func now() -> String? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
