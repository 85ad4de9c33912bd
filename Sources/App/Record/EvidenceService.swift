import Domain
import Foundation
import Postgres
import Store

/// Evidence in an appraisal (issue 5 §5; 003 §5.1), with an optional document stored in
/// PostgreSQL with its SHA-256. Either side of the review adds evidence.
public struct EvidenceService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [Evidence] {
        try await environment.readRecord(.appraisal(appraisal), as: "evidence_list", in: trust, caller: caller) {
            try $0.query(EvidenceStore.listQuery(appraisal: appraisal)).map(EvidenceStore.decode)
        }
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Evidence {
        try await environment.readRecord(.item(.evidence, id), as: "evidence", in: trust, caller: caller) {
            try EvidenceStore.find(id, on: $0)
        }
    }

    public func create(_ input: EvidenceInput, appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> Evidence {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.write], action: "create", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            try DevelopmentService.checkObjective(input.objectiveId, appraisal: appraisal, on: db)
            let evidence = Evidence(id: id, trustId: trust, appraisalId: appraisal, objectiveId: input.objectiveId, standard: input.standard,
                                    kind: input.kind, summary: input.summary, addedBy: caller.person, document: nil, version: 1,
                                    createdAt: now, updatedAt: now)
            try EvidenceStore.insert(evidence, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "evidence", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: FieldNames.set(input)), caller.audit, at: now, on: db)
            return evidence
        }
    }

    /// Attaches (or replaces) the document: PDF, image or office file, never audio or video.
    public func putDocument(_ id: UUID, mediaType: String, filename: String, bytes: [UInt8], in trust: UUID,
                            caller: RecordCaller) async throws -> Evidence {
        try EvidenceDocumentRules.check(mediaType: mediaType, filename: filename, bytes: bytes)
        let now = environment.clock.now()
        let normalisedType = EvidenceDocumentRules.bareMediaType(mediaType)
        let hash = EvidenceStore.sha256Hex(bytes)
        return try await environment.onRecord(.item(.evidence, id), [.write], action: "upload_document", in: trust,
                                              caller: caller) { [environment] context, db in
            guard try EvidenceStore.find(id, forUpdate: true, on: db) != nil else {
                throw RecordNotFound(resource: "evidence")
            }
            let document = Evidence.Document(filename: filename, mediaType: normalisedType, sizeBytes: bytes.count, sha256: hash, uploadedAt: now)
            try EvidenceStore.putDocument(id, trust: trust, document: document, bytes: bytes, on: db)
            try environment.audit(.init(trustId: trust, action: "upload_document", resourceType: "evidence", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: ["document"]), caller.audit, at: now, on: db)
            guard let updated = try EvidenceStore.find(id, on: db) else {
                throw RecordNotFound(resource: "evidence")
            }
            return updated
        }
    }

    /// The document's bytes, after checking them against their stored hash.
    public func document(_ id: UUID, in trust: UUID,
                         caller: RecordCaller) async throws -> (filename: String, mediaType: String, bytes: [UInt8]) {
        let stored = try await environment.readRecord(.item(.evidence, id), as: "evidence_document", in: trust,
                                                      caller: caller) {
            try $0.query(EvidenceStore.documentQuery(id)).first.map(EvidenceStore.decodeDocument)
        }
        guard EvidenceStore.sha256Hex(stored.bytes) == stored.sha256 else { throw CorruptDocument() }
        return (stored.filename, stored.mediaType, stored.bytes)
    }
}
