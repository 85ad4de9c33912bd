import App
import Domain
import Foundation

// Documents rather than records: a policy document is posted and read back in one shape
// (`PolicyInput.document`), stored as jsonb in a numbered policy version and never changed
// after; the presets and the standards catalogue are that format and published reference
// text. Their JSON *is* the document format, so the API sends the document as it is and a
// change to it is a change to the input contract too (openapi `PolicyDocument`), made on
// purpose. These are the only Domain values sent as they are; LayeringTests holds the list.

extension PolicyPreset: ResponseBody {}
extension StandardsFramework: ResponseBody {}

/// One numbered version of the trust's policy: who wrote it from which preset, and when.
struct PolicyVersionResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let version: Int
    let presetId: String?
    let document: PolicyDocument
    let createdAt: Date

    init(_ policy: PolicyVersion) {
        id = policy.id
        trustId = policy.trustId
        version = policy.version
        presetId = policy.presetId
        document = policy.document
        createdAt = policy.createdAt
    }
}

/// The policy as it applies to one unit, staff group and job title, overrides applied.
struct ResolvedPolicy: ResponseBody {
    let version: Int
    let document: PolicyDocument
}
