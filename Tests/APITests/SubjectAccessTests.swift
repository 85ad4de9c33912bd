import App
import Domain
import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 17 §8 (UK GDPR art. 15): HR exports everything held about one person as a zip — their
/// records, documents and the audit events about them — and nothing of anyone else's, checked
/// entry by entry against the database.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct SubjectAccessTests: PresetScenario {
    let now = TestClock("2027-09-06")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    /// Ids of a JSON array of rows (`id`, or another key column).
    func ids(_ entry: Data?, _ key: String = "id") -> Set<String> {
        let rows = entry.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [[String: Any]] } ?? []
        return Set(rows.compactMap { $0[key] as? String })
    }

    func column(_ sql: SQL, in trust: UUID) async throws -> Set<String> {
        Set(try await api.environment.pool.read(trustID: trust, sql) { try $0.decode(UUID.self, "id") }
            .map { $0.uuidString.lowercased() })
    }

    @Test func anExportHoldsTheirRecordsAndNoOneElses() async throws {
        var t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2027)
        t.people["hrlead"] = try await person(t.id, "hrlead")
        try await grant(t.id, t.people["hrlead"]!, "hr")
        var emails: [String: String] = [:]
        let token = try await tokens(t, ["deputy", "teacher", "hrlead"], &emails)
        var objectives: [String: String] = [:]
        for name in ["teacher", "ta"] {
            #expect(await appoint(t, appraisals[name], by: "head", reviewers: ["deputy"]).0 == 201)
            let made = await call(token["deputy"]!, "POST", "/v1/appraisals/\(appraisals[name]!["id"]!)/objectives",
                                  ObjectiveYearTests.objective("Aim of \(name)"))
            objectives[name] = made.json["id"] as? String
        }
        let teacherAppraisal = "/v1/appraisals/\(appraisals["teacher"]!["id"]!)"
        let evidence = await call(token["teacher"]!, "POST", teacherAppraisal + "/evidence",
                                  #"{"kind": "pupil_progress", "summary": "Spring data", "standard": "TS2"}"#)
        let evidenceId = try #require(evidence.json["id"] as? String, "\(evidence.text)")
        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8) + Data([0x00, 0xFF, 0x7F])
        let upload = await api.send("PUT", "/v1/evidence/\(evidenceId)/document?filename=spring-data.pdf",
                                    headers: [("Authorization", "Bearer \(token["teacher"]!)")], authorised: false,
                                    contentType: "application/pdf", data: pdf)
        #expect(upload.status == 200, "\(upload.text)")
        #expect(await call(token["deputy"]!, "GET", teacherAppraisal + "/objectives").status == 200)

        // Only HR asks; the deputy, reviewer of both, may not.
        let teacher = t.people["teacher"]!.uuidString.lowercased()
        let path = "/v1/people/\(teacher)/subject-access-exports"
        #expect(await call(token["deputy"]!, "POST", path).status == 403)
        #expect(await call(token["hrlead"]!, "POST", "/v1/people/\(UUID())/subject-access-exports").status == 404)
        let asked = await call(token["hrlead"]!, "POST", path)
        #expect(asked.status == 202 && asked.json["state"] as? String == "pending", "\(asked.text)")
        let export = "/v1/subject-access-exports/\(asked.json["id"] as? String ?? "-")"
        #expect(asked.headers["Location"] == export)
        #expect(await call(token["hrlead"]!, "GET", export + "/archive").status == 409, "not built yet")

        #expect(try await SubjectAccessExporter(api.environment).runOnce() == 1)
        let ready = await call(token["hrlead"]!, "GET", export)
        let progress = ready.json["progress"] as? [String: Any]
        #expect(ready.json["state"] as? String == "ready", "\(ready.text)")
        #expect(progress?["done"] as? Int == 2 && progress?["total"] as? Int == 2, "the records, then 1 document")
        let download = await call(token["hrlead"]!, "GET", export + "/archive")
        #expect(download.status == 200 && download.headers["Content-Type"] == "application/zip")
        #expect(download.body.count == ready.json["archive_bytes"] as? Int)
        let entries = try ZipTools.entries(of: download.body)
        let files = Dictionary(entries.map { ($0.name, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        #expect(entries.first?.name == "README.txt")

        // Every entry against the database: their rows, all of them, and no one else's.
        let me = try #require(UUID(uuidString: teacher))
        #expect(ids(files["person.json"]) == [teacher])
        #expect(ids(files["appraisals/appraisals.json"])
                == (try await column("SELECT id FROM appraisals WHERE person_id = \(me)", in: t.id)))
        let theirObjectives = try await column("""
            SELECT o.id FROM objectives o JOIN appraisals a ON a.id = o.appraisal_id WHERE a.person_id = \(me)
            """, in: t.id)
        #expect(ids(files["appraisals/objectives.json"]) == theirObjectives && theirObjectives.count == 1)
        #expect(ids(files["appraisals/evidence.json"]) == [evidenceId])
        #expect(files["documents/\(evidenceId)/spring-data.pdf"] == pdf, "\(files.keys.sorted())")
        let everything = entries.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        #expect(!everything.contains(objectives["ta"] ?? "?"), "the TA's objective, written by the same deputy")
        #expect(!everything.contains("Aim of ta"))
        #expect(!everything.contains("password_hash") && !everything.contains("pbkdf2"))
        let events = (try? JSONSerialization.jsonObject(with: files["audit_events.json"] ?? Data())) as? [[String: Any]]
        let deputy = t.people["deputy"]!.uuidString.lowercased()
        #expect(events?.contains { $0["actor_person_id"] as? String == deputy && $0["actor_name"] != nil }
                == true, "the deputy's read of the objectives, by name: \(events ?? [])")
        #expect(events?.allSatisfy { $0["client_address"] == nil } == true)

        // The deputy's own export leaves out what they wrote on others' appraisals.
        let theirs = await call(token["hrlead"]!, "POST", "/v1/people/\(deputy)/subject-access-exports")
        #expect(try await SubjectAccessExporter(api.environment).runOnce() == 1)
        let deputyZip = await call(token["hrlead"]!, "GET",
                                   "/v1/subject-access-exports/\(theirs.json["id"] as? String ?? "-")/archive")
        let deputyText = try ZipTools.entries(of: deputyZip.body).map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(!deputyText.joined().contains(objectives["teacher"] ?? "?"))

        // Asked, built and downloaded: each audited about the teacher, without the records' text.
        let audited = await api.send("GET", "/v1/audit-events?resource_type=subject_access_export&limit=50",
                                     trust: t.id)
        let about = audited.items.filter { $0["subject_person_id"] as? String == teacher }
        #expect(Set(about.compactMap { $0["action"] as? String }).isSuperset(of: ["create", "read", "download"]))
        #expect(!audited.text.contains("Aim of"))

        // A week on, the archive is gone; the export's row stays, for the record.
        now.set("2027-09-14")
        _ = try await SubjectAccessExporter(api.environment).runOnce()
        let hr = try await tokens(t, ["hrlead"], &emails)["hrlead"]!
        #expect(await call(hr, "GET", export + "/archive").status == 410)
        let expired = await call(hr, "GET", export)
        #expect(expired.json["state"] as? String == "expired" && expired.json["archive_url"] == nil)
    }

    /// A table added later that names a person or an appraisal must join the export or say why
    /// not: subject access covers everything held.
    @Test func everyTableAboutAPersonIsExportedOrLeftOutForAReason() async throws {
        let linked = try await TestDatabase.ownerPool.read(trustID: nil, """
            SELECT DISTINCT c.table_name AS name
            FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.column_name IN ('person_id', 'appraisal_id', 'subject_person_id')
            """) { try $0.decode(String.self, "name") }
        let exported = Set(SubjectAccessSection.all.map(\.table))
        let missing = linked.filter { !exported.contains($0) && SubjectAccessSection.leftOut[$0] == nil }
        #expect(missing.isEmpty, "tables about a person neither exported nor left out: \(missing)")
        #expect(linked.count > 20)
    }
}
