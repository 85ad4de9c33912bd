import Foundation

/// Evidence of performance (issue 5 §5; 003 §5.1): what kind, a summary, linked to an
/// objective or a standard, with an optional document.
public struct Evidence: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case observation, pupilProgress = "pupil_progress", workSampling = "work_sampling", other
    }

    /// The document's description; the bytes are fetched on their own.
    public struct Document: Sendable, Equatable, Codable {
        public var filename: String
        public var mediaType: String
        public var sizeBytes: Int
        public var sha256: String
        public var uploadedAt: Date
        public init(filename: String, mediaType: String, sizeBytes: Int, sha256: String, uploadedAt: Date) {
            self.filename = filename; self.mediaType = mediaType; self.sizeBytes = sizeBytes; self.sha256 = sha256; self.uploadedAt = uploadedAt
        }
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var objectiveId: UUID?
    public var standard: String?
    public var kind: Kind
    public var summary: String
    public var addedBy: UUID?
    public var document: Document?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, objectiveId: UUID?, standard: String?, kind: Kind, summary: String,
                addedBy: UUID?, document: Document?, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.objectiveId = objectiveId; self.standard = standard
        self.kind = kind; self.summary = summary; self.addedBy = addedBy; self.document = document; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct EvidenceInput: Sendable, Equatable, Codable, ValidatedInput {
    public var objectiveId: UUID?
    public var standard: String?
    public var kind: Evidence.Kind
    public var summary: String

    public static let fields: Set<String> = ["objective_id", "standard", "kind", "summary"]

    public func validate() throws {
        var check = Validator()
        check.text(summary, "summary", max: 4000)
        check.check(objectiveId != nil || standard != nil, "objective_id", "required", "or standard is required: evidence supports an objective or a standard")
        if let standard {
            check.check(StandardsCatalogue.item(standard) != nil, "standard", "unknown_standard", "must be a standard id from GET /v1/standards")
        }
        try check.result()
    }
}

/// Which documents evidence may carry (issue 5 §5): PDF, images, office files; never audio or
/// video (003 §1.13: meetings are not recorded). The declared type must match the bytes, so a
/// recording cannot come in under another name.
public enum EvidenceDocumentRules {
    /// Largest document kept (the request body limit may be lower).
    public static let maxBytes = 5 * 1_048_576

    /// Media type → the leading bytes such a file starts with (any one).
    static let signatures: [String: [[UInt8]]] = [
        "application/pdf": [Array("%PDF-".utf8)],
        "image/png": [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        "image/jpeg": [[0xFF, 0xD8, 0xFF]],
        "image/gif": [Array("GIF87a".utf8), Array("GIF89a".utf8)],
        // Office Open XML files are ZIP packages; the older binary formats are OLE compound files.
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [[0x50, 0x4B, 0x03, 0x04]],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [[0x50, 0x4B, 0x03, 0x04]],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": [[0x50, 0x4B, 0x03, 0x04]],
        "application/vnd.oasis.opendocument.text": [[0x50, 0x4B, 0x03, 0x04]],
        "application/vnd.oasis.opendocument.spreadsheet": [[0x50, 0x4B, 0x03, 0x04]],
        "application/msword": [[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]],
        "application/vnd.ms-excel": [[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]],
        "application/vnd.ms-powerpoint": [[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]],
    ]

    public static var acceptedTypes: [String] { signatures.keys.sorted() }

    /// A `Content-Type` without its parameters, lower-cased: `Application/PDF; x=y` → `application/pdf`.
    public static func bareMediaType(_ contentType: String) -> String {
        contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Audio and video are refused by rule (003 §1.13), not as merely unsupported types.
    public static func isRecording(_ mediaType: String) -> Bool {
        mediaType.hasPrefix("audio/") || mediaType.hasPrefix("video/")
    }

    /// Checks a document; the field named is the part of the request at fault.
    public static func check(mediaType raw: String, filename: String, bytes: [UInt8]) throws {
        let mediaType = bareMediaType(raw)
        if isRecording(mediaType) {
            throw ValidationFailure(field: "Content-Type", rule: "no_recordings",
                                    message: "audio and video are not accepted: meetings are not recorded (003 §1.13)")
        }
        guard let expected = signatures[mediaType] else {
            throw ValidationFailure(field: "Content-Type", rule: "media_type",
                                    message: "must be a PDF, an image (PNG, JPEG, GIF) or an office document")
        }
        guard !bytes.isEmpty else { throw ValidationFailure(field: "(body)", rule: "required", message: "the document is empty") }
        guard bytes.count <= maxBytes else {
            throw ValidationFailure(field: "(body)", rule: "max_size", message: "must be at most \(maxBytes) bytes")
        }
        guard expected.contains(where: { bytes.starts(with: $0) }) else {
            throw ValidationFailure(field: "(body)", rule: "content_type_mismatch", message: "the bytes are not a \(mediaType) file")
        }
        let name = filename.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.unicodeScalars.count <= 255,
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "/" || $0 == "\\" || $0 == "\"" }) else {
            throw ValidationFailure(field: "filename", rule: "format", message: "must be a plain file name of at most 255 characters")
        }
    }
}

/// A stored document no longer matches its SHA-256: answered 500 and logged, never served.
public struct CorruptDocument: Error, Sendable { public init() {} }
