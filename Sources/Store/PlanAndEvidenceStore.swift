import Crypto
import Domain
import Foundation
import Postgres

/// Plan items, development activities and evidence (migration 0009).
public enum PlanItemStore {
    static let columns = "id, trust_id, kind, unit_id, job_title, code, title, version, created_at, updated_at"

    public static func decode(_ row: Row) throws -> PlanItem {
        PlanItem(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                 kind: try row.decode(String.self, "kind").asEnum(PlanItem.Kind.self), unitId: try row.decode(UUID?.self, "unit_id"),
                 jobTitle: try row.decode(String?.self, "job_title"), code: try row.decode(String?.self, "code"),
                 title: try row.decode(String.self, "title"), version: try row.decode(Int.self, "version"),
                 createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM plan_items WHERE id = \(id)" }

    public static func listQuery(kind: PlanItem.Kind?, unit: UUID?, jobTitle: String?, page: PageRequest) -> SQL {
        var sql: SQL = "SELECT \(unsafeSQL: columns) FROM plan_items WHERE true"
        if let kind { sql.append(" AND kind = \(kind.rawValue)") }
        if let unit { sql.append(" AND unit_id = \(unit)") }
        if let jobTitle { sql.append(" AND lower(job_title) = lower(\(jobTitle))") }
        if let after = page.after { sql.append(" AND id > \(after)") }
        sql.append(" ORDER BY id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return sql
    }

    public static func insert(_ item: PlanItem, on db: Connection) throws {
        try db.query("""
            INSERT INTO plan_items (trust_id, id, kind, unit_id, job_title, code, title, version, created_at, updated_at)
            VALUES (\(item.trustId), \(item.id), \(item.kind.rawValue), \(item.unitId), \(item.jobTitle), \(item.code), \(item.title),
                    \(item.version), \(item.createdAt), \(item.updatedAt))
            """)
    }

    /// The plan items with these ids (of this trust).
    public static func find(_ ids: [UUID], on db: Connection) throws -> [PlanItem] {
        try db.query("SELECT \(unsafeSQL: columns) FROM plan_items WHERE id = ANY (\(UUIDArray(ids))::uuid[])").map(decode)
    }
}

public enum DevelopmentStore {
    static let columns = """
        id, trust_id, appraisal_id, objective_id, need, planned_delivery, planned_by, completed_on, impact, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> DevelopmentActivity {
        let input = DevelopmentInput(objectiveId: try row.decode(UUID?.self, "objective_id"), need: try row.decode(String.self, "need"),
                                     plannedDelivery: try row.decode(String.self, "planned_delivery"),
                                     plannedBy: try row.decode(CalendarDate?.self, "planned_by"),
                                     completedOn: try row.decode(CalendarDate?.self, "completed_on"), impact: try row.decode(String?.self, "impact"))
        return DevelopmentActivity(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                                   appraisalId: try row.decode(UUID.self, "appraisal_id"), input: input, version: try row.decode(Int.self, "version"),
                                   createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM development_activities WHERE id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> DevelopmentActivity? {
        try db.query(findQuery(id) + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    public static func listQuery(appraisal: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM development_activities WHERE appraisal_id = \(appraisal) ORDER BY id"
    }

    public static func insert(_ a: DevelopmentActivity, on db: Connection) throws {
        try db.query("""
            INSERT INTO development_activities (trust_id, id, appraisal_id, objective_id, need, planned_delivery, planned_by, completed_on,
                impact, version, created_at, updated_at)
            VALUES (\(a.trustId), \(a.id), \(a.appraisalId), \(a.objectiveId), \(a.need), \(a.plannedDelivery), \(a.plannedBy),
                \(a.completedOn), \(a.impact), \(a.version), \(a.createdAt), \(a.updatedAt))
            """)
    }

    public static func update(_ id: UUID, to i: DevelopmentInput, expectedVersion: Int, at now: Date, on db: Connection) throws -> DevelopmentActivity? {
        try db.query("""
            UPDATE development_activities SET objective_id = \(i.objectiveId), need = \(i.need), planned_delivery = \(i.plannedDelivery),
                planned_by = \(i.plannedBy), completed_on = \(i.completedOn), impact = \(i.impact), version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }
}

/// Bytes bound as a `bytea` parameter, in PostgreSQL's hex input format.
struct ByteaHex: PostgresEncodable {
    let bytes: [UInt8]
    var postgresText: String { "\\x" + Hex.lowercase(bytes) }

    /// Parses PostgreSQL's hex output (`\x…`).
    static func parse(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}

public enum EvidenceStore {
    static let select = """
        SELECT e.id, e.trust_id, e.appraisal_id, e.objective_id, e.standard, e.kind, e.summary, e.added_by, e.version, e.created_at,
               e.updated_at, d.filename, d.media_type, d.size_bytes, d.sha256, d.uploaded_at
        FROM evidence e LEFT JOIN evidence_documents d ON d.evidence_id = e.id
        """

    public static func decode(_ row: Row) throws -> Evidence {
        let document = try row.decode(String?.self, "filename").map { filename in
            Evidence.Document(filename: filename, mediaType: try row.decode(String.self, "media_type"),
                              sizeBytes: try row.decode(Int.self, "size_bytes"), sha256: try row.decode(String.self, "sha256"),
                              uploadedAt: try row.decode(Date.self, "uploaded_at"))
        }
        return Evidence(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                        appraisalId: try row.decode(UUID.self, "appraisal_id"), objectiveId: try row.decode(UUID?.self, "objective_id"),
                        standard: try row.decode(String?.self, "standard"), kind: try row.decode(String.self, "kind").asEnum(Evidence.Kind.self),
                        summary: try row.decode(String.self, "summary"), addedBy: try row.decode(UUID?.self, "added_by"), document: document,
                        version: try row.decode(Int.self, "version"), createdAt: try row.decode(Date.self, "created_at"),
                        updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { SQL(unsafeSQL: select) + " WHERE e.id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Evidence? {
        try db.query(findQuery(id) + (forUpdate ? " FOR UPDATE OF e" : "")).first.map(decode)
    }

    /// The document's SHA-256, as lower-case hex.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.lowercase(SHA256.hash(data: bytes))
    }

    public static func listQuery(appraisal: UUID) -> SQL { SQL(unsafeSQL: select) + " WHERE e.appraisal_id = \(appraisal) ORDER BY e.id" }

    public static func insert(_ e: Evidence, on db: Connection) throws {
        try db.query("""
            INSERT INTO evidence (trust_id, id, appraisal_id, objective_id, standard, kind, summary, added_by, version, created_at, updated_at)
            VALUES (\(e.trustId), \(e.id), \(e.appraisalId), \(e.objectiveId), \(e.standard), \(e.kind.rawValue), \(e.summary), \(e.addedBy),
                    \(e.version), \(e.createdAt), \(e.updatedAt))
            """)
    }

    /// Stores (or replaces) the document and bumps the evidence's version.
    public static func putDocument(_ evidence: UUID, trust: UUID, document: Evidence.Document, bytes: [UInt8], on db: Connection) throws {
        try db.query("""
            INSERT INTO evidence_documents (trust_id, evidence_id, filename, media_type, size_bytes, sha256, content, uploaded_at)
            VALUES (\(trust), \(evidence), \(document.filename), \(document.mediaType), \(document.sizeBytes), \(document.sha256),
                    \(ByteaHex(bytes: bytes))::bytea, \(document.uploadedAt))
            ON CONFLICT (trust_id, evidence_id) DO UPDATE SET filename = EXCLUDED.filename, media_type = EXCLUDED.media_type,
                size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, content = EXCLUDED.content, uploaded_at = EXCLUDED.uploaded_at
            """)
        try db.query("UPDATE evidence SET version = version + 1, updated_at = \(document.uploadedAt) WHERE id = \(evidence)")
    }

    /// The document's bytes, checked against the hash stored with them.
    public static func documentQuery(_ evidence: UUID) -> SQL {
        "SELECT filename, media_type, sha256, content FROM evidence_documents WHERE evidence_id = \(evidence)"
    }

    public static func decodeDocument(_ row: Row) throws -> (filename: String, mediaType: String, sha256: String, bytes: [UInt8]) {
        guard let bytes = ByteaHex.parse(try row.decode(String.self, "content")) else { throw CorruptDocument() }
        return (try row.decode(String.self, "filename"), try row.decode(String.self, "media_type"), try row.decode(String.self, "sha256"), bytes)
    }
}

/// A stored document whose bytes no longer match their hash (or cannot be read).
