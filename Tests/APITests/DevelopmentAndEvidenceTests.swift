import Foundation
import Testing
import TestSupport

/// Issue 5 §1, §2, §5: objectives linked to the trust's plan items, development and CPD, and
/// evidence with a document kept in PostgreSQL with its hash — never audio or video.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct DevelopmentAndEvidenceTests: PresetScenario {
    let api = TestAPI()

    func planItem(_ t: Trust, _ json: String) async throws -> String {
        try await api.create("/v1/plan-items", json, trust: t.id).uuidString.lowercased()
    }

    @Test func objectivesLinkToTheTrustsOwnPlanItems() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let priority = try await planItem(t, #"{"kind": "trust_priority", "code": "TP1", "title": "Reading for pleasure"}"#)
        let schoolPlan = try await planItem(t, #"{"kind": "improvement_plan_item", "unit_id": "\#(t.school)", "code": "SIP 2.3", "title": "Oracy"}"#)
        let centralPlan = try await planItem(t, #"{"kind": "improvement_plan_item", "unit_id": "\#(t.central)", "title": "Finance system"}"#)
        let teacherRole = try await planItem(t, #"{"kind": "job_description_item", "job_title": "teacher", "title": "Plan lessons"}"#)
        let taRole = try await planItem(t, #"{"kind": "job_description_item", "job_title": "Teaching Assistant", "title": "Support groups"}"#)
        // Plan items are the trust's configuration: a teacher reads them, does not write them.
        let teacher = try await login(t, "teacher"), deputy = try await login(t, "deputy")
        #expect(await call(teacher, "GET", "/v1/plan-items?kind=improvement_plan_item&unit_id=\(t.school)").items.count == 1)
        #expect(await call(teacher, "POST", "/v1/plan-items", #"{"kind": "trust_priority", "title": "Mine"}"#).status == 403)
        let misplaced = await api.send("POST", "/v1/plan-items", json: #"{"kind": "improvement_plan_item", "title": "No unit"}"#, trust: t.id)
        #expect(misplaced.status == 422 && misplaced.errorFields == ["unit_id"])

        let path = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)/objectives"
        func propose(_ links: [String]) async -> TestResponse {
            let body = ObjectiveYearTests.objective("Linked").replacingOccurrences(
                of: #""standards""#, with: #""links": [\#(links.map { #"{"plan_item_id": "\#($0)"}"# }.joined(separator: ", "))], "standards""#)
            return await call(deputy, "POST", path, body)
        }
        let linked = await propose([priority, schoolPlan, teacherRole])
        #expect(linked.status == 201, "\(linked.text)")
        #expect((linked.json["links"] as? [[String: Any]])?.compactMap { $0["plan_item_id"] as? String } == [priority, schoolPlan, teacherRole])
        #expect(rules(await propose([centralPlan])) == ["unit"])
        #expect(rules(await propose([taRole])) == ["role"])
        let unknown = await propose([UUID().uuidString.lowercased()])
        #expect(unknown.status == 422 && unknown.errorFields == ["links[0].plan_item_id"])
    }

    @Test func developmentAndEvidenceWithADocument() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let (appraisals, _) = try await open(t, year: 2026)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"] as! String)"
        let teacher = try await login(t, "teacher"), deputy = try await login(t, "deputy")
        let head = try await login(t, "head"), colleague = try await login(t, "ta")

        // Development: the need, its delivery, then completion and impact.
        let planned = await call(deputy, "POST", appraisal + "/development",
                                 #"{"need": "Behaviour management with Year 8", "planned_delivery": "Coaching from the pastoral lead", "planned_by": "2027-02-12"}"#)
        #expect(planned.status == 201, "\(planned.text)")
        let activity = "/v1/development/\(planned.json["id"] as? String ?? "-")"
        let noDate = await call(teacher, "PATCH", activity, #"{"impact": "Calmer starts"}"#, version: 1)
        #expect(noDate.status == 422 && noDate.errorFields == ["completed_on"])
        let done = await call(teacher, "PATCH", activity, #"{"completed_on": "2027-02-10", "impact": "Calmer starts"}"#, version: 1)
        #expect(done.json["impact"] as? String == "Calmer starts" && done.json["version"] as? Int == 2, "\(done.text)")
        #expect(await call(head, "POST", appraisal + "/development", #"{"need": "x", "planned_delivery": "y"}"#).status == 403)
        #expect(await call(head, "GET", appraisal + "/development").items.count == 1)

        // Evidence supports an objective or a standard (003 §5.1).
        let unanchored = await call(teacher, "POST", appraisal + "/evidence", #"{"kind": "pupil_progress", "summary": "Data drop"}"#)
        #expect(unanchored.status == 422 && unanchored.errorFields == ["objective_id"])
        let added = await call(teacher, "POST", appraisal + "/evidence", #"{"kind": "pupil_progress", "summary": "Autumn data drop", "standard": "TS2"}"#)
        #expect(added.status == 201, "\(added.text)")
        let evidence = "/v1/evidence/\(added.json["id"] as? String ?? "-")"

        // A PDF is kept with its SHA-256 and comes back byte for byte.
        let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8) + Data([0x00, 0xFF, 0x10])
        func upload(_ data: Data, _ type: String, name: String = "data.pdf") async -> TestResponse {
            await api.send("PUT", evidence + "/document?filename=\(name)", headers: [("Authorization", "Bearer \(teacher)")],
                           authorised: false, contentType: type, data: data)
        }
        let stored = await upload(pdf, "application/pdf")
        let document = stored.json["document"] as? [String: Any]
        #expect(document?["size_bytes"] as? Int == pdf.count && document?["media_type"] as? String == "application/pdf", "\(stored.text)")
        #expect(document?["sha256"] as? String == EvidenceHash.hex(pdf))
        let fetched = await call(deputy, "GET", evidence + "/document")
        #expect(fetched.status == 200 && fetched.body == pdf && fetched.headers["Content-Type"] == "application/pdf")
        #expect(await call(colleague, "GET", evidence + "/document").status == 404)

        // 003 §1.13: no recordings — neither declared nor disguised.
        let mp3 = Data("ID3".utf8) + Data(repeating: 0x20, count: 64)
        #expect(rules(await upload(mp3, "audio/mpeg", name: "meeting.mp3")) == ["no_recordings"])
        #expect(rules(await upload(Data([0, 0, 0, 0x18]) + Data("ftypmp42".utf8), "video/mp4", name: "m.mp4")) == ["no_recordings"])
        #expect(rules(await upload(mp3, "application/pdf", name: "meeting.pdf")) == ["content_type_mismatch"])
        #expect(await upload(Data("hello".utf8), "text/plain", name: "a.txt").status == 415)
        #expect(rules(await upload(pdf, "application/pdf", name: "..%2Fetc")) == ["format"])
        // The refused uploads left the stored document as it was.
        #expect(await call(deputy, "GET", evidence + "/document").body == pdf)
    }
}

import Crypto

enum EvidenceHash {
    static func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}
