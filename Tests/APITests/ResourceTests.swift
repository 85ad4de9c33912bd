import Foundation
import Testing
import TestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ResourceTests {
    let api = TestAPI()

    func staff(_ trust: UUID) async throws -> (unit: UUID, person: UUID, employment: UUID) {
        let unit = try await api.create("/v1/units", #"{"name": "Riverside", "kind": "school", "urn": "141414", "phase": "primary"}"#, trust: trust)
        let person = try await api.create("/v1/people", #"{"given_name": "Ada", "family_name": "Lovelace", "email": "ada@riverside.example"}"#, trust: trust)
        let employment = try await api.create("/v1/employments", """
            {"person_id": "\(person)", "unit_id": "\(unit)", "staff_group": "teacher", "job_title": "Class Teacher",
             "start_date": "2024-09-01", "qts": true, "fte": 0.8, "external_id": "E-1"}
            """, trust: trust)
        return (unit, person, employment)
    }

    @Test func createReadUpdateWithETags() async throws {
        let trust = try await api.makeTrust()
        let ids = try await staff(trust)
        let read = await api.send("GET", "/v1/employments/\(ids.employment)", trust: trust)
        #expect(read.status == 200)
        #expect(read.headers["ETag"] == "\"1\"")
        #expect(read.json["fte"] as? Double == 0.8)
        #expect(read.json["contract_type"] as? String == "permanent")
        #expect(read.json["working_pattern"] as? String == "term_time")
        #expect(read.json["trust_id"] as? String == trust.uuidString.lowercased())

        let patch = #"{"job_title": "Year 6 Lead", "contract_type": "fixed_term", "contract_end_date": "2026-08-31"}"#
        let missing = await api.send("PATCH", "/v1/employments/\(ids.employment)", json: patch, trust: trust, contentType: "application/merge-patch+json")
        #expect(missing.status == 428)
        let updated = await api.send("PATCH", "/v1/employments/\(ids.employment)", json: patch, trust: trust,
                                     headers: [("If-Match", "\"1\"")], contentType: "application/merge-patch+json")
        #expect(updated.status == 200, "\(updated.text)")
        #expect(updated.headers["ETag"] == "\"2\"")
        #expect(updated.json["job_title"] as? String == "Year 6 Lead")
        let stale = await api.send("PATCH", "/v1/employments/\(ids.employment)", json: #"{"job_title": "Other"}"#, trust: trust,
                                   headers: [("If-Match", "\"1\"")])
        #expect(stale.status == 412)
        let cleared = await api.send("PATCH", "/v1/employments/\(ids.employment)",
                                     json: #"{"contract_type": "permanent", "contract_end_date": null}"#, trust: trust,
                                     headers: [("If-Match", "\"2\"")])
        #expect(cleared.status == 200, "\(cleared.text)")
        #expect(cleared.json["contract_end_date"] == nil)
        let readOnly = await api.send("PATCH", "/v1/employments/\(ids.employment)", json: #"{"id": "\#(UUID())", "version": 9}"#,
                                      trust: trust, headers: [("If-Match", "\"3\"")])
        #expect(readOnly.status == 422)
        #expect(Set(readOnly.errorFields) == ["id", "version"])
        let brokenRule = await api.send("PATCH", "/v1/employments/\(ids.employment)", json: #"{"contract_type": "fixed_term"}"#,
                                        trust: trust, headers: [("If-Match", "\"3\"")])
        #expect(brokenRule.status == 422)
        #expect(brokenRule.errorFields == ["contract_end_date"])
        #expect(await api.send("GET", "/v1/employments/\(ids.employment)", trust: trust).headers["ETag"] == "\"3\"")
    }

    @Test func anotherTrustsRecordsAre404LikeMissingOnes() async throws {
        let mine = try await api.makeTrust()
        let theirs = try await api.makeTrust()
        let ids = try await staff(theirs)
        let foreign = await api.send("GET", "/v1/employments/\(ids.employment)", trust: mine)
        let random = await api.send("GET", "/v1/employments/\(UUID())", trust: mine)
        #expect(foreign.status == 404)
        #expect(random.status == 404)
        #expect(foreign.json["detail"] as? String == random.json["detail"] as? String)
        let patch = await api.send("PATCH", "/v1/units/\(ids.unit)", json: #"{"name": "Taken"}"#, trust: mine, headers: [("If-Match", "\"1\"")])
        #expect(patch.status == 404)
        let delete = await api.send("DELETE", "/v1/people/\(ids.person)", trust: mine, headers: [("If-Match", "\"1\"")])
        #expect(delete.status == 404)
        // A reference to another trust's person is refused as non-existent.
        let unit = try await api.create("/v1/units", #"{"name": "Central", "kind": "central_team"}"#, trust: mine)
        let crossReference = await api.send("POST", "/v1/employments", json: """
            {"person_id": "\(ids.person)", "unit_id": "\(unit)", "staff_group": "central", "job_title": "Clerk", "start_date": "2024-01-01"}
            """, trust: mine)
        #expect(crossReference.status == 422)
        #expect(crossReference.errorFields == ["person_id"])
    }

    @Test func uniquenessConflictsAre409NamingTheField() async throws {
        let trust = try await api.makeTrust()
        let ids = try await staff(trust)
        let duplicate = await api.send("POST", "/v1/employments", json: """
            {"person_id": "\(ids.person)", "unit_id": "\(ids.unit)", "staff_group": "support", "job_title": "TA",
             "start_date": "2024-09-01", "external_id": "E-1"}
            """, trust: trust)
        #expect(duplicate.status == 409)
        #expect(duplicate.errorFields == ["external_id"])
        let email = await api.send("POST", "/v1/people", json: #"{"given_name": "A", "family_name": "B", "email": "ADA@riverside.example"}"#, trust: trust)
        #expect(email.status == 409)
        #expect(email.errorFields == ["email"])
        // The same external id in another trust is fine.
        let other = try await api.makeTrust()
        _ = try await staff(other)
    }

    @Test func deleteNeedsIfMatchAndRefusesReferencedRecords() async throws {
        let trust = try await api.makeTrust()
        let ids = try await staff(trust)
        #expect(await api.send("DELETE", "/v1/units/\(ids.unit)", trust: trust).status == 428)
        #expect(await api.send("DELETE", "/v1/units/\(ids.unit)", trust: trust, headers: [("If-Match", "\"7\"")]).status == 412)
        let referenced = await api.send("DELETE", "/v1/units/\(ids.unit)", trust: trust, headers: [("If-Match", "\"1\"")])
        #expect(referenced.status == 409)
        #expect(await api.send("DELETE", "/v1/employments/\(ids.employment)", trust: trust, headers: [("If-Match", "\"1\"")]).status == 204)
        #expect(await api.send("DELETE", "/v1/units/\(ids.unit)", trust: trust, headers: [("If-Match", "\"1\"")]).status == 204)
        #expect(await api.send("GET", "/v1/units/\(ids.unit)", trust: trust).status == 404)
    }

    @Test func listsArePaginatedByCursorAndFiltered() async throws {
        let trust = try await api.makeTrust()
        var created: [UUID] = []
        for index in 0..<7 {
            let kind = index % 2 == 0 ? #""kind": "school", "urn": "20000\#(index)""# : #""kind": "central_team""#
            created.append(try await api.create("/v1/units", #"{"name": "Unit \#(index)", \#(kind), "external_id": "U\#(index)"}"#, trust: trust))
        }
        var seen: [String] = []
        var cursor: String? = nil
        var pages = 0
        repeat {
            let query = "/v1/units?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = await api.send("GET", query, trust: trust)
            #expect(page.status == 200)
            seen += page.items.compactMap { $0["id"] as? String }
            cursor = page.json["next_cursor"] as? String
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 3)
        #expect(seen == created.map { $0.uuidString.lowercased() })
        let schools = await api.send("GET", "/v1/units?kind=school", trust: trust)
        #expect(schools.items.count == 4)
        let byExternal = await api.send("GET", "/v1/units?external_id=U3", trust: trust)
        #expect(byExternal.items.compactMap { $0["id"] as? String } == [created[3].uuidString.lowercased()])
        #expect(await api.send("GET", "/v1/units?urn=200004", trust: trust).items.count == 1)
    }

    @Test func employmentFiltersFindStaffByPersonUnitManagerAndGroup() async throws {
        let trust = try await api.makeTrust()
        let ids = try await staff(trust)
        let report = try await api.create("/v1/employments", """
            {"person_id": "\(ids.person)", "unit_id": "\(ids.unit)", "staff_group": "support", "job_title": "Club lead",
             "start_date": "2024-09-01", "line_manager_id": "\(ids.employment)"}
            """, trust: trust)
        #expect(await api.send("GET", "/v1/employments?line_manager_id=\(ids.employment)", trust: trust).items.count == 1)
        #expect(await api.send("GET", "/v1/employments?person_id=\(ids.person)", trust: trust).items.count == 2)
        #expect(await api.send("GET", "/v1/employments?staff_group=support", trust: trust).items.first?["id"] as? String == report.uuidString.lowercased())
        #expect(await api.send("GET", "/v1/employments?unit_id=\(UUID())", trust: trust).items.isEmpty)
        let selfManaged = await api.send("PATCH", "/v1/employments/\(report)", json: #"{"line_manager_id": "\#(report)"}"#,
                                         trust: trust, headers: [("If-Match", "\"1\"")])
        #expect(selfManaged.status == 422)
    }

    @Test func trustsAreCreatedReadAndUpdated() async throws {
        let created = await api.send("POST", "/v1/trusts", json: #"{"name": "Alpha Trust", "kind": "multi_academy_trust"}"#)
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        #expect(created.headers["Location"] == "/v1/trusts/\(id)")
        let patched = await api.send("PATCH", "/v1/trusts/\(id)", json: #"{"name": "Alpha Learning Trust"}"#, headers: [("If-Match", "\"1\"")])
        #expect(patched.json["name"] as? String == "Alpha Learning Trust")
        #expect(await api.send("GET", "/v1/trusts/\(UUID())").status == 404)
        #expect(await api.send("GET", "/v1/trusts?limit=1").items.count == 1)
        #expect(await api.send("POST", "/v1/units", json: #"{"name": "C", "kind": "central_team"}"#, trust: UUID()).status == 404)
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct IdempotencyTests {
    let api = TestAPI()

    @Test func sameKeyAndBodyReplaysTheFirstResponse() async throws {
        let trust = try await api.makeTrust()
        let key = UUID().uuidString
        let body = #"{"given_name": "Grace", "family_name": "Hopper"}"#
        let first = await api.send("POST", "/v1/people", json: body, trust: trust, headers: [("Idempotency-Key", key)])
        let again = await api.send("POST", "/v1/people", json: body, trust: trust, headers: [("Idempotency-Key", key)])
        #expect(first.status == 201)
        #expect(again.status == 201)
        #expect(again.json["id"] as? String == first.json["id"] as? String)
        #expect(again.headers["Idempotent-Replayed"] == "true")
        #expect(again.headers["Location"] == first.headers["Location"])
        #expect(await api.send("GET", "/v1/people", trust: trust).items.count == 1)
    }

    @Test func sameKeyWithAnotherBodyIs422() async throws {
        let trust = try await api.makeTrust()
        let key = UUID().uuidString
        _ = await api.send("POST", "/v1/people", json: #"{"given_name": "A", "family_name": "B"}"#, trust: trust, headers: [("Idempotency-Key", key)])
        let other = await api.send("POST", "/v1/people", json: #"{"given_name": "C", "family_name": "D"}"#, trust: trust, headers: [("Idempotency-Key", key)])
        #expect(other.status == 422)
        #expect(other.errorFields == ["Idempotency-Key"])
        #expect(await api.send("GET", "/v1/people", trust: trust).items.count == 1)
    }

    @Test func aFailedAttemptReleasesItsKey() async throws {
        let trust = try await api.makeTrust()
        let key = UUID().uuidString
        let unit = #"{"name": "School", "kind": "school", "urn": "300000"}"#
        _ = try await api.create("/v1/units", unit, trust: trust)
        let conflict = await api.send("POST", "/v1/units", json: #"{"name": "School", "kind": "school", "urn": "300000"}"#, trust: trust, headers: [("Idempotency-Key", key)])
        #expect(conflict.status == 409)
        let retried = await api.send("POST", "/v1/units", json: #"{"name": "School", "kind": "school", "urn": "300000"}"#, trust: trust, headers: [("Idempotency-Key", key)])
        #expect(retried.status == 409) // evaluated again, not replayed and not "in flight"
    }

    @Test func concurrentRetriesSeeTheFirstInFlight() async throws {
        let trust = try await api.makeTrust()
        let key = UUID().uuidString
        let body = #"{"given_name": "Race", "family_name": "Condition"}"#
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { await api.send("POST", "/v1/people", json: body, trust: trust, headers: [("Idempotency-Key", key)]).status }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
        #expect(statuses.contains(201))
        #expect(await api.send("GET", "/v1/people", trust: trust).items.count == 1)
    }

    @Test func malformedKeysAre400() async throws {
        let trust = try await api.makeTrust()
        let response = await api.send("POST", "/v1/people", json: #"{"given_name": "A", "family_name": "B"}"#, trust: trust,
                                      headers: [("Idempotency-Key", String(repeating: "k", count: 256))])
        #expect(response.status == 400)
    }
}
