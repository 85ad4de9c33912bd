import Foundation
import Testing
import TestSupport

/// Issue 17 §2 (003 §1.8): the head draws an anonymised sample of a cycle's statements, the
/// system removing names, email addresses and numbers; the head edits and releases it; the
/// unit's governors read it only once released.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct StatementSampleTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    @Test func governorsReadOnlyWhatTheHeadRedactedAndReleased() async throws {
        let (t, appraisals, appraisal) = try await reviewed("003-hampshire-model", year: 2027, "teacher")
        now.set("2028-10-13")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "head", "gov1", "teacher"], &emails)
        #expect(await call(token["deputy"]!, "POST", appraisal + "/meetings",
                           #"{"kind": "interim", "held_on": "2028-03-01"}"#).status == 201)
        let drafted = await call(token["deputy"]!, "POST", appraisal + "/statements", """
            {"objectives_assessment": "Teacher X met both objectives; deputy x observed in March.",
             "role_assessment": "Contact teacher.x@oak.example or 01234 567890.",
             "standards_assessment": "Meets the standards.", "evidence_summary": "Pupil progress data."}
            """)
        let statement = "/v1/statements/\(drafted.json["id"] as? String ?? "-")"
        let issued = await call(token["deputy"]!, "POST", statement + "/transitions", #"{"to": "issued"}"#, version: 1)
        #expect(issued.status == 200, "\(issued.text)")
        let cycle = try #require(appraisals["teacher"]?["cycle_id"] as? String)
        let draw = #"{"unit_id": "\#(t.school)", "cycle_id": "\#(cycle)", "size": 5}"#

        // 003 §1.8: the head prepares it; the reviewer may not.
        #expect(await call(token["deputy"]!, "POST", "/v1/statement-samples", draw).status == 403)
        let sample = await call(token["head"]!, "POST", "/v1/statement-samples", draw)
        #expect(sample.status == 201, "\(sample.text)")
        let items = sample.json["items"] as? [[String: Any]] ?? []
        #expect(items.count == 1, "one statement issued, so one drawn of the five asked for")
        let sections = items.first?["sections"] as? [String: String] ?? [:]
        #expect(sections["objectives_assessment"] == "[name] met both objectives; [name] observed in March.")
        #expect(sections["role_assessment"] == "Contact [email] or [number].")
        #expect(items.first?["staff_group"] as? String == "teacher")
        #expect(!sample.text.contains(t.people["teacher"]!.uuidString.lowercased()), "no id of the reviewee")
        let path = "/v1/statement-samples/\(sample.json["id"] as? String ?? "-")"

        // A draft is the head's alone: hidden from governors, refused to anyone else.
        #expect(await call(token["gov1"]!, "GET", path).status == 404)
        #expect(await call(token["gov1"]!, "GET", "/v1/statement-samples").items.isEmpty)
        #expect(await call(token["teacher"]!, "GET", path).status == 403)

        // The head edits the texts, then releases on confirming the redaction.
        let unknown = await call(token["head"]!, "PATCH", path,
                                 #"{"items": [{"position": 1, "sections": {"absence_considered": "x"}}]}"#, version: 1)
        #expect(unknown.status == 422 && rules(unknown) == ["exists"], "\(unknown.text)")
        let edited = await call(token["head"]!, "PATCH", path, """
            {"items": [{"position": 1, "sections": {"objectives_assessment": "Both objectives met."}}]}
            """, version: 1)
        #expect(edited.status == 200 && edited.json["version"] as? Int == 2, "\(edited.text)")
        #expect(await call(token["head"]!, "POST", path + "/release", #"{"redaction_confirmed": false}"#,
                           version: 2).status == 422)
        let released = await call(token["head"]!, "POST", path + "/release", #"{"redaction_confirmed": true}"#,
                                  version: 2)
        #expect(released.status == 200 && released.json["state"] as? String == "released", "\(released.text)")
        #expect(await call(token["head"]!, "PATCH", path, #"{"items": []}"#, version: 3).status == 409)

        let read = await call(token["gov1"]!, "GET", path)
        let text = (read.json["items"] as? [[String: Any]])?.first?["sections"] as? [String: String]
        #expect(read.status == 200 && text?["objectives_assessment"] == "Both objectives met.", "\(read.text)")
        #expect(await call(token["gov1"]!, "GET", "/v1/statement-samples").items.count == 1)

        // Drawing read the statement: audited about its reviewee, without its text.
        let audited = await api.send("GET", "/v1/audit-events?resource_type=statement&limit=50", trust: t.id)
        #expect(audited.items.contains { $0["action"] as? String == "sample"
                    && $0["subject_person_id"] as? String == t.people["teacher"]!.uuidString.lowercased() })
        #expect(!audited.text.contains("met both") && !audited.text.contains("[name]"))
    }
}
