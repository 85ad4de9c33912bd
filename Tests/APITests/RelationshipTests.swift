import Foundation
import Testing
import TestSupport

/// Reading staff records by relationship (issue 3 §3): self, line-management chain, head of
/// the unit — and nothing else, answered as if missing.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct RelationshipTests {
    let api = TestAPI()
    let password = "relationship test pw"

    struct Staff { let person: UUID; let employment: UUID; let token: String }

    func hire(_ trust: UUID, unit: UUID, manager: UUID?, name: String) async throws -> Staff {
        let email = "\(name)-\(UUID())@school.example"
        let person = try await api.create("/v1/people", #"{"given_name": "\#(name)", "family_name": "S", "email": "\#(email)"}"#, trust: trust)
        let managerField = manager.map { #", "line_manager_id": "\#($0)""# } ?? ""
        let employment = try await api.create("/v1/employments", """
            {"person_id": "\(person)", "unit_id": "\(unit)", "staff_group": "teacher", "job_title": "\(name)", "start_date": "2024-09-01"\(managerField)}
            """, trust: trust)
        _ = try await api.create("/v1/accounts", #"{"person_id": "\#(person)", "email": "\#(email)", "password": "\#(password)"}"#, trust: trust)
        let login = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, authorised: false)
        return Staff(person: person, employment: employment, token: try #require(login.json["access_token"] as? String))
    }

    func read(_ who: Staff, _ path: String) async -> Int {
        await api.send("GET", path, headers: [("Authorization", "Bearer \(who.token)")], authorised: false).status
    }

    @Test func eachRelationshipOpensExactlyWhatItShould() async throws {
        let trust = try await api.makeTrust()
        let school = try await api.create("/v1/units", #"{"name": "Riverside", "kind": "school", "urn": "616161"}"#, trust: trust)
        let other = try await api.create("/v1/units", #"{"name": "Hillcrest", "kind": "school", "urn": "626262"}"#, trust: trust)
        let head = try await hire(trust, unit: school, manager: nil, name: "head")
        _ = try await api.create("/v1/grants", #"{"person_id": "\#(head.person)", "role": "headteacher", "unit_id": "\#(school)"}"#, trust: trust)
        let deputy = try await hire(trust, unit: school, manager: head.employment, name: "deputy")
        let teacher = try await hire(trust, unit: school, manager: deputy.employment, name: "teacher")
        let colleague = try await hire(trust, unit: school, manager: deputy.employment, name: "colleague")
        let elsewhere = try await hire(trust, unit: other, manager: nil, name: "elsewhere")

        // Self.
        #expect(await read(teacher, "/v1/employments/\(teacher.employment)") == 200)
        #expect(await read(teacher, "/v1/people/\(teacher.person)") == 200)
        // Line-management chain, two levels down.
        #expect(await read(deputy, "/v1/employments/\(teacher.employment)") == 200)
        #expect(await read(head, "/v1/employments/\(teacher.employment)") == 200)
        #expect(await read(deputy, "/v1/people/\(teacher.person)") == 200)
        // Not upwards, not sideways, not in another unit: 404, like a missing record.
        #expect(await read(teacher, "/v1/employments/\(deputy.employment)") == 404)
        #expect(await read(colleague, "/v1/employments/\(teacher.employment)") == 404)
        #expect(await read(colleague, "/v1/people/\(teacher.person)") == 404)
        #expect(await read(elsewhere, "/v1/employments/\(teacher.employment)") == 404)
        #expect(await read(teacher, "/v1/employments/\(UUID())") == 404)
        // Head of unit, even where not in the chain.
        #expect(await read(head, "/v1/employments/\(colleague.employment)") == 200)
        #expect(await read(head, "/v1/employments/\(elsewhere.employment)") == 404)

        // Lists show only the related employments.
        func listed(_ who: Staff) async -> Set<String> {
            let page = await api.send("GET", "/v1/employments?limit=200", headers: [("Authorization", "Bearer \(who.token)")], authorised: false)
            return Set(page.items.compactMap { $0["id"] as? String })
        }
        let ids = { (staff: [Staff]) in Set(staff.map { $0.employment.uuidString.lowercased() }) }
        #expect(await listed(teacher) == ids([teacher]))
        #expect(await listed(deputy) == ids([deputy, teacher, colleague]))
        #expect(await listed(head) == ids([head, deputy, teacher, colleague]))
        #expect(await listed(elsewhere) == ids([elsewhere]))
        #expect(await read(teacher, "/v1/people") == 403) // people lists need a trust-wide role

        // /v1/me tells each person how they stand.
        let me = await api.send("GET", "/v1/me", headers: [("Authorization", "Bearer \(deputy.token)")], authorised: false)
        let relationships = me.json["relationships"] as? [String: Any]
        #expect(relationships?["employments"] as? [String] == [deputy.employment.uuidString.lowercased()])
        #expect(Set(relationships?["line_manages"] as? [String] ?? []) == ids([teacher, colleague]))
        let headMe = await api.send("GET", "/v1/me", headers: [("Authorization", "Bearer \(head.token)")], authorised: false)
        #expect((headMe.json["relationships"] as? [String: Any])?["head_of"] as? [String] == [school.uuidString.lowercased()])
        #expect((headMe.json["grants"] as? [[String: Any]])?.first?["role"] as? String == "headteacher")

        // Refusals are audited.
        let denied = await api.send("GET", "/v1/audit-events?action=read&limit=200", trust: trust)
        #expect(denied.items.contains { $0["outcome"] as? String == "denied" && $0["resource_type"] as? String == "employment" })
    }

    @Test func aCycleInLineManagementDoesNotLoop() async throws {
        let trust = try await api.makeTrust()
        let unit = try await api.create("/v1/units", #"{"name": "Loop", "kind": "central_team"}"#, trust: trust)
        let a = try await hire(trust, unit: unit, manager: nil, name: "a")
        let b = try await hire(trust, unit: unit, manager: a.employment, name: "b")
        #expect(await api.send("PATCH", "/v1/employments/\(a.employment)", json: #"{"line_manager_id": "\#(b.employment)"}"#,
                               trust: trust, headers: [("If-Match", "\"1\"")]).status == 200)
        let stranger = try await hire(trust, unit: try await api.create("/v1/units", #"{"name": "Else", "kind": "central_team"}"#, trust: trust),
                                      manager: nil, name: "s")
        #expect(await read(stranger, "/v1/employments/\(a.employment)") == 404)
        #expect(await read(a, "/v1/employments/\(b.employment)") == 200)
    }
}
