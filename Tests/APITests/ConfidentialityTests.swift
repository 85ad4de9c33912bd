import Foundation
import Testing
import TestSupport

/// Who may see a review (issue 3 §3): the reviewee, the reviewer, the reviewer's line managers,
/// the head, senior leaders for moderation, the head's committee — and, as each relationship
/// ends, no one else. Exercised under 003, whose head is appraised by a governors' committee.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ConfidentialityTests: PresetScenario {
    let api = TestAPI()

    func status(_ token: String, _ path: String) async -> Int {
        await api.send("GET", path, headers: [("Authorization", "Bearer \(token)")], authorised: false).status
    }

    func actions(_ token: String, on resource: String) async -> [String] {
        let reply = await api.send("GET", "/v1/me/permissions?resource=\(resource)", headers: [("Authorization", "Bearer \(token)")], authorised: false)
        return reply.json["actions"] as? [String] ?? ["status \(reply.status)"]
    }

    @Test func eachRelationshipOpensTheReviewAndClosesWhenItEnds() async throws {
        var t = try await makeTrust(preset: "003-hampshire-model")
        try await employ(&t, "mentor", unit: t.central, group: "central", title: "Mentor", manager: "finance")
        try await employ(&t, "slt", unit: t.school, group: "leadership", title: "Assistant Head", manager: "head")
        try await grant(t.id, t.people["slt"]!, "senior_leader", unit: t.school)
        t.people["hpmc"] = try await person(t.id, "hpmc")
        try await grant(t.id, t.people["hpmc"]!, "committee_member", unit: t.school)
        let (appraisals, _) = try await open(t, year: 2026)
        let ta = "/v1/appraisals/\(appraisals["ta"]!["id"] as! String)"
        let taRecord = "/v1/employments/\(t.employments["ta"]!)"
        var token: [String: String] = [:]
        for name in ["mentor", "finance", "teacher", "slt", "hpmc", "ta"] { token[name] = try await login(t, name) }

        // Before any appointment the mentor and their manager are strangers to the TA.
        #expect(await status(token["mentor"]!, ta) == 404)
        #expect(await status(token["mentor"]!, taRecord) == 404)
        #expect(await status(token["finance"]!, ta) == 404)
        #expect(await actions(token["mentor"]!, on: ta) == [])

        // 003 §3.4: the head appoints the mentor as the TA's reviewer.
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["mentor"]).0 == 201)
        // Reviewer of: the review and the staff record behind it.
        #expect(await status(token["mentor"]!, ta) == 200)
        #expect(await status(token["mentor"]!, taRecord) == 200)
        #expect(await actions(token["mentor"]!, on: ta) == ["GET"])
        #expect(await actions(token["mentor"]!, on: taRecord) == ["GET"])
        let me = await api.send("GET", "/v1/me", headers: [("Authorization", "Bearer \(token["mentor"]!)")], authorised: false)
        #expect((me.json["relationships"] as? [String: Any])?["reviews"] as? [String] == [appraisals["ta"]!["id"] as! String])
        // 003 §1.8: "normally only the reviewer, reviewee and the Headteacher" — the reviewer's
        // line manager is none of these and reads nothing (under 001 they would: see
        // PolicyConfidentialityTests).
        #expect(await status(token["finance"]!, ta) == 404)
        #expect(await status(token["finance"]!, taRecord) == 404)
        // A colleague in the same school sees neither, and is told nothing exists.
        #expect(await status(token["teacher"]!, ta) == 404)
        #expect(await status(token["teacher"]!, taRecord) == 404)
        #expect(await actions(token["teacher"]!, on: ta) == [])
        #expect(await actions(token["teacher"]!, on: taRecord) == [])
        // The reviewee sees their own.
        #expect(await status(token["ta"]!, ta) == 200)

        // 000 §9.2, 003 §1.8: senior leaders see their school's reviews for moderation, not the
        // centre's, nor the head's own.
        #expect(await status(token["slt"]!, "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)") == 200)
        #expect(await status(token["slt"]!, "/v1/appraisals/\(appraisals["head"]!["id"] as! String)") == 404)
        #expect(await status(token["slt"]!, "/v1/appraisals/\(appraisals["finance"]!["id"] as! String)") == 404)
        #expect(await status(token["slt"]!, "/v1/employments/\(t.employments["teacher"]!)") == 404)

        // 003 §3.2: the head's committee sees the head's review and record, and nobody else's.
        #expect(await status(token["hpmc"]!, "/v1/appraisals/\(appraisals["head"]!["id"] as! String)") == 200)
        #expect(await status(token["hpmc"]!, "/v1/employments/\(t.employments["head"]!)") == 200)
        #expect(await status(token["hpmc"]!, "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)") == 404)
        #expect(await status(token["hpmc"]!, "/v1/employments/\(t.employments["teacher"]!)") == 404)
        let listed = await api.send("GET", "/v1/employments?limit=200", headers: [("Authorization", "Bearer \(token["hpmc"]!)")], authorised: false)
        #expect(listed.items.compactMap { $0["id"] as? String } == [t.employments["head"]!.uuidString.lowercased()])

        // A replaced reviewer, and their manager, lose access at once.
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"], reason: "change").0 == 201)
        #expect(await status(token["mentor"]!, ta) == 404)
        #expect(await status(token["mentor"]!, taRecord) == 404)
        #expect(await status(token["finance"]!, ta) == 404)
        #expect(await actions(token["mentor"]!, on: ta) == [])
    }
}
