import Domain
import Foundation
import Postgres
import Store

/// Builds subject access exports (issue 17 §8) in the background: the person's records in one
/// transaction (one consistent view, audited there as one read of them all), then each of
/// their documents in its own (each audited), reporting progress after every part, then the
/// zip. A worker that dies part way stops reporting; another starts that export again
/// (`SubjectAccessExport.staleAfter`). Runs as a service of the server and in tests directly.
public struct SubjectAccessExporter: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Exports built in this pass.
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = environment.clock.now()
        let due = try await environment.transaction(.platform) { db in
            try SubjectAccessStore.expire(at: now, on: db)
            return try SubjectAccessStore.due(at: now, on: db)
        }
        var built = 0
        for (trust, id) in due {
            try Task.checkCancellation()
            if try await build(id, in: trust) { built += 1 }
        }
        return built
    }

    private func build(_ id: UUID, in trust: UUID) async throws -> Bool {
        let now = environment.clock.now()
        guard let export = try await environment.transaction(.trust(trust), { db in
            try SubjectAccessStore.claim(id, at: now, on: db)
        }) else { return false }
        do {
            let contents = try await records(of: export)
            var archive = ZipArchive(modified: now)
            try archive.add("README.txt", SubjectAccessSection.readme(personName: contents.name, exportedAt: now))
            for (file, rows) in contents.files { try archive.add(file, rows) }
            for (index, document) in contents.documents.enumerated() {
                let bytes = try await read(document, of: export, done: index + 2, total: contents.documents.count + 1)
                try archive.add(SubjectAccessSection.documentPath(evidence: document.evidence,
                                                                  filename: document.filename), bytes)
            }
            let zip = archive.finished()
            try await environment.transaction(.trust(trust)) { [environment] db in
                try SubjectAccessStore.finish(id, archive: zip, sha256: EvidenceStore.sha256Hex(zip),
                                              at: environment.clock.now(), on: db)
            }
            return true
        } catch let error as ZipArchive.TooLarge {
            try await environment.transaction(.trust(trust)) { [environment] db in
                try SubjectAccessStore.fail(id, at: environment.clock.now(), on: db)
            }
            throw error
        }
    }

    struct Contents: Sendable {
        var name = ""
        var files: [(String, String)] = []
        var documents: [(evidence: UUID, filename: String)] = []
    }

    /// Every section and the audit events about the person, read in one transaction.
    private func records(of export: SubjectAccessExport) async throws -> Contents {
        let now = environment.clock.now()
        let person = export.personId
        return try await environment.transaction(.trust(export.trustId)) { [environment] db in
            var contents = Contents()
            if let found = try PersonStore.find(person, on: db) {
                contents.name = found.givenName + " " + found.familyName
            }
            for section in SubjectAccessSection.all {
                let rows = try db.query(SubjectAccessStore.sectionQuery(section, person: person))
                contents.files.append((section.file, try SubjectAccessStore.decodeRows(rows[0])))
            }
            let events = try db.query(SubjectAccessStore.auditEventsQuery(person: person))
            contents.files.append(("audit_events.json", try SubjectAccessStore.decodeRows(events[0])))
            contents.documents = try db.query(SubjectAccessStore.documentsQuery(person: person)).map {
                (try $0.decode(UUID.self, "evidence_id"), try $0.decode(String.self, "filename"))
            }
            try environment.audit(.init(trustId: export.trustId, action: "read", resourceType: "subject_access_export",
                                        resourceId: export.id, subjectPersonId: person,
                                        reason: "subject access: every record of the person, for their export"),
                                  .system, at: now, on: db)
            try SubjectAccessStore.progress(export.id, done: 1, total: contents.documents.count + 1, at: now, on: db)
            return contents
        }
    }

    /// One document's bytes, checked against their hash, its read audited with the progress.
    private func read(_ document: (evidence: UUID, filename: String), of export: SubjectAccessExport, done: Int,
                      total: Int) async throws -> [UInt8] {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(export.trustId)) { [environment] db in
            guard let row = try db.query(EvidenceStore.documentQuery(document.evidence)).first else { return [] }
            let stored = try EvidenceStore.decodeDocument(row)
            guard EvidenceStore.sha256Hex(stored.bytes) == stored.sha256 else { throw CorruptDocument() }
            try environment.audit(.init(trustId: export.trustId, action: "read", resourceType: "evidence_document",
                                        resourceId: document.evidence, subjectPersonId: export.personId,
                                        reason: "subject access export"), .system, at: now, on: db)
            try SubjectAccessStore.progress(export.id, done: done, total: total, at: now, on: db)
            return stored.bytes
        }
    }
}
